"""The public library: one function for each CLI command and REST route.

The CLI (``serve/cli.py``) and the REST API (``serve/api.py``) are thin
adapters over these functions; they hold no logic of their own. The
functions live in a module per area and are all importable from here.
"""

from __future__ import annotations

from wending.library.analysis import *  # noqa: F403
from wending.library.core import (
    Added,
    Explained,
    IngestReport,
    Linked,
    actors,
    articles,
    evaluate,
    events,
    explain,
    extract,
    ingest,
    link,
    read_articles,
    score,
)

__all__ = [
    "Added",
    "Explained",
    "IngestReport",
    "Linked",
    "actors",
    "articles",
    "evaluate",
    "events",
    "explain",
    "extract",
    "ingest",
    "link",
    "read_articles",
    "score",
]
