"""Open a store from a URL or a path."""

from __future__ import annotations

import os
from pathlib import Path

from wending.errors import StoreError
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


def open_store(url: str | os.PathLike[str]) -> Store:
    """Open the store at ``url``, creating and migrating it as needed.

    ``url`` is a SQLite file path, ``sqlite:///path``, ``:memory:``, or
    (later) ``postgresql://...``. Raises :class:`StoreError` with what to
    do when it cannot be opened.
    """
    text = os.fspath(url)
    if text.startswith(("postgresql://", "postgres://", "postgresql+")):
        raise StoreError(
            "PostgreSQL support is not installed yet; use a SQLite path such as wending.db"
        )
    path = sqlite_path(text)
    if path is None:
        scheme = text.split("://", 1)[0] if "://" in text else text
        raise StoreError(
            f"unknown database URL {scheme!r}; use a file path, sqlite:///path or :memory:"
        )
    return Store(connect_sqlite(path))
