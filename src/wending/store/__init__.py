"""Storage: articles, events and stories in SQLite or PostgreSQL.

The database is touched only here. Open a store with :func:`open_store`::

    with open_store("wending.db") as store:
        store.add_article(article, events)
        store.events(EventQuery(actor="RUS", event="ASSAULT"))
"""

from __future__ import annotations

from wending.store.connect import connect_backend, is_postgres_url, open_store, sqlite_path
from wending.store.queries import fts_query
from wending.store.rows import (
    EVENT_ORDERS,
    STATUSES,
    ArticleRow,
    ArticleStatus,
    EventOrder,
    EventQuery,
)
from wending.store.store import Store

__all__ = [
    "EVENT_ORDERS",
    "STATUSES",
    "ArticleRow",
    "ArticleStatus",
    "EventOrder",
    "EventQuery",
    "Store",
    "connect_backend",
    "fts_query",
    "is_postgres_url",
    "open_store",
    "sqlite_path",
]
