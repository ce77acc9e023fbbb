"""What a database backend gives the store: a few calls, nothing more.

The store keeps all its SQL (``?`` parameters, portable syntax); a backend
runs it. SQLite is :mod:`wending.store.sqlite`, PostgreSQL is
:mod:`wending.store.postgres` (it translates ``?`` to ``%s``). Full-text
search is the one thing they do differently (FTS5 against tsvector), so a
backend builds that subquery itself.
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

    def fts_subquery(self, text: str) -> tuple[str, list[Any]] | None:
        """SQL selecting the ids of the articles whose title or text match
        the plain user query ``text`` (terms ANDed, each a phrase, a trailing
        ``*`` a prefix; see :func:`wending.store.queries.fts_terms`), and
        its parameters; ``None`` when ``text`` has no searchable term."""
        ...

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

    def lock_schema(self) -> None:
        """Inside a transaction: wait until no other connection is migrating
        the schema (held until the transaction ends)."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def limit_sql(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        """A LIMIT/OFFSET clause and its parameters; ``None`` means no limit."""
        ...

    def close(self) -> None: ...


def one_line(exc: BaseException) -> str:
    """A driver's error message on one line (PostgreSQL adds DETAIL lines)."""
    return " ".join(str(exc).split()) or type(exc).__name__
