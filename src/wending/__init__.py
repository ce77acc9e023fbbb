"""Wending: PLOVER 2.0 event data from Dutch and English news, with evidence.

The public library: every CLI command and REST route is a thin adapter over
one of these functions.
"""

from __future__ import annotations

from wending.errors import InputError, KnowledgeBaseError, StoreError, WendingError
from wending.library import (
    actors,
    articles,
    evaluate,
    events,
    explain,
    extract,
    ingest,
    link,
    score,
)
from wending.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "KnowledgeBaseError",
    "Settings",
    "StoreError",
    "WendingError",
    "actors",
    "articles",
    "evaluate",
    "events",
    "explain",
    "extract",
    "ingest",
    "link",
    "score",
]
