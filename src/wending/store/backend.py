"""What a database backend gives the store: a few calls, nothing more.

The store keeps all its SQL (``?`` parameters, portable syntax); a backend
runs it. SQLite is :mod:`wending.store.sqlite`; a PostgreSQL backend will
implement the same protocol (translating ``?`` to ``%s``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

Params = Sequence[Any]


class Backend(Protocol):
    """A connection to one database, used by one :class:`~wending.store.Store`."""

    #: ``"sqlite"`` or ``"postgresql"``: picks backend-specific migrations.
    name: str
    #: Where the database is, for messages (a path, ``:memory:``, a URL
    #: without password).
    location: str
    #: The driver's exception classes, turned into ``StoreError`` by the store.
    errors: tuple[type[Exception], ...]
    #: SQL selecting ``article_id`` of the articles that match one parameter,
    #: a full-text query as made by :func:`wending.store.queries.fts_query`.
    fts_articles_sql: str

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """Run a SELECT; rows as dicts keyed by column name."""
        ...

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; the number of rows it changed."""
        ...

    def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    def run_script(self, sql: str) -> None:
        """Run a migration file (many statements) inside the open transaction."""
        ...

    def begin(self) -> None:
        """Start a write transaction."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def limit_sql(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        """A LIMIT/OFFSET clause and its parameters; ``None`` means no limit."""
        ...

    def close(self) -> None: ...
