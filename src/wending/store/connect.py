"""Open a store from a URL or a path."""

from __future__ import annotations

import os
from pathlib import Path

from wending.errors import StoreError
from wending.store.backend import Backend
from wending.store.sqlite import MEMORY, connect_sqlite
from wending.store.store import Store


def sqlite_path(url: str | os.PathLike[str]) -> str | None:
    """The SQLite file a URL names (``:memory:`` for an in-memory database),
    or ``None`` if it is not a SQLite URL.

    Accepted: a plain path, ``~/path``, ``sqlite:///relative/path``,
    ``sqlite:////absolute/path``, ``sqlite://`` and ``:memory:``.
    """
    text = os.fspath(url)
    if text in (MEMORY, "sqlite://", "sqlite:///:memory:"):
        return MEMORY
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        return None
    if not text:
        return None
    return str(Path(text).expanduser())


def is_postgres_url(url: str | os.PathLike[str]) -> bool:
    """Whether ``url`` names a PostgreSQL database."""
    return os.fspath(url).startswith(("postgresql://", "postgres://"))


def open_store(url: str | os.PathLike[str]) -> Store:
    """Open the store at ``url``, creating and migrating it as needed.

    ``url`` is a SQLite file path, ``sqlite:///path``, ``:memory:``, or a
    PostgreSQL URL ``postgresql://user:password@host:port/database`` (or
    ``postgres://``; the database must exist, its tables are created).
    Raises :class:`StoreError` with what to do when it cannot be opened.
    """
    return Store(connect_backend(url))


def connect_backend(url: str | os.PathLike[str]) -> Backend:
    """The database connection :func:`open_store` wraps, not migrated (for
    tools and benchmarks that speak SQL to the store's tables)."""
    text = os.fspath(url)
    if is_postgres_url(text):
        return _connect_postgres(text)
    if text.startswith("postgresql+"):
        raise StoreError(
            f"{text.split('://', 1)[0]!r} is an SQLAlchemy URL; give a plain "
            "postgresql://user@host/database URL"
        )
    path = sqlite_path(text)
    if path is None:
        scheme = text.split("://", 1)[0] if "://" in text else text
        raise StoreError(
            f"unknown database URL {scheme!r}; use a file path, sqlite:///path, :memory: "
            "or postgresql://user@host/database"
        )
    return connect_sqlite(path)


def _connect_postgres(url: str) -> Backend:
    try:
        from wending.store.postgres import connect_postgres
    except ImportError as exc:
        raise StoreError(
            f"PostgreSQL needs the psycopg package ({exc}); install it with "
            "pip install 'wending[postgres]'"
        ) from exc
    return connect_postgres(url)
