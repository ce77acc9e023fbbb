"""The SQLite backend: WAL, foreign keys, FTS5."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wending.errors import StoreError
from wending.store.backend import Params
from wending.store.queries import fts_query

log = logging.getLogger(__name__)

MEMORY = ":memory:"
#: How long a writer waits for another one to finish, in milliseconds.
BUSY_TIMEOUT_MS = 5000
#: Rows of each index that ``PRAGMA optimize`` samples on close.
ANALYSIS_LIMIT = 1000


class SQLiteBackend:
    """A SQLite connection in autocommit mode; the store opens transactions."""

    name = "sqlite"
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(self, conn: sqlite3.Connection, location: str) -> None:
        self.conn = conn
        self.location = location

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def execute(self, sql: str, params: Params = ()) -> int:
        return self.conn.execute(sql, tuple(params)).rowcount

    def fts_subquery(self, text: str) -> tuple[str, list[Any]] | None:
        match = fts_query(text)
        if match is None:
            return None
        return "SELECT article_id FROM articles_fts WHERE articles_fts MATCH ?", [match]

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self.conn.executemany(sql, (tuple(r) for r in rows))

    def run_script(self, sql: str) -> None:
        # executescript() would commit the open transaction: run statement by
        # statement instead, so a migration and its record commit together.
        for statement in split_statements(sql):
            self.conn.execute(statement)

    def begin(self) -> None:
        # IMMEDIATE takes the write lock now, so two writers queue on the
        # busy timeout instead of failing when a reader upgrades.
        self.conn.execute("BEGIN IMMEDIATE")

    def lock_schema(self) -> None:
        pass  # BEGIN IMMEDIATE already holds the one write lock

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def limit_sql(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        return " LIMIT ? OFFSET ?", [-1 if limit is None else limit, offset]

    def close(self) -> None:
        try:
            # SQLite's advice: refresh the planner's statistics of the tables
            # this connection used, if they are missing or stale (without them
            # it misjudges the indexes of a large store); analysis_limit keeps
            # this to milliseconds. A read-only database is left as it is.
            self.conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error as exc:
            log.debug("PRAGMA optimize skipped on %s: %s", self.location, exc)
        self.conn.close()


def split_statements(script: str) -> list[str]:
    """Split a SQL script into statements (trigger bodies stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    rest = "\n".join(
        ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")
    )
    if rest:
        raise StoreError(f"migration ends with an unfinished statement: {rest[:80]!r}")
    return statements


def connect_sqlite(path: str) -> SQLiteBackend:
    """Open (or create) a SQLite database with Wending's settings.

    Raises :class:`StoreError` when the folder is missing, the file cannot
    be opened, or it is not a SQLite database.
    """
    if path != MEMORY:
        parent = Path(path).parent
        if not parent.is_dir():
            raise StoreError(
                f"cannot create database {path}: folder {parent} does not exist; "
                f"create it first (mkdir -p {parent}) or choose another path"
            )
        if Path(path).is_dir():
            raise StoreError(f"{path} is a folder; give the path of a database file")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(
            f"cannot open database {path}: {exc}; check the path and its permissions"
        ) from exc
    try:
        _configure(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise StoreError(
                f"{path} is not a SQLite database (or it is damaged); give the path of "
                "a Wending database, or a new file name to create one"
            ) from exc
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return SQLiteBackend(conn, path)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Reading the schema first makes a non-database file fail here, before
    # journal_mode would try to write to it.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode not in ("wal", "memory"):
        log.warning("SQLite refused WAL mode (journal_mode=%s); concurrent reads may block", mode)
    conn.execute("PRAGMA synchronous = NORMAL")
