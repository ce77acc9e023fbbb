"""Wending: PLOVER 2.0 event data from Dutch and English news, with evidence.

The public library is :mod:`wending.library`: every CLI command and REST
route is a thin adapter over one of its functions (``library.ingest``,
``library.events``, ...). They are not re-exported here, so that their names
do not hide the stage subpackages (``wending.ingest``, ``wending.extract``).
"""

from __future__ import annotations

from wending import library
from wending.errors import InputError, KnowledgeBaseError, StoreError, WendingError
from wending.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "KnowledgeBaseError",
    "Settings",
    "StoreError",
    "WendingError",
    "library",
]
