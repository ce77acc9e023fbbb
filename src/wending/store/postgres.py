"""The PostgreSQL backend: psycopg 3, the same schema and SQL as SQLite.

The store's SQL uses ``?`` placeholders; they become ``%s`` here (and a
literal ``%`` becomes ``%%``), outside quoted strings and identifiers.
Full-text search uses the ``fts`` tsvector column of migration
``002_fts.postgresql.sql``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import pq
from psycopg.rows import dict_row

from wending.errors import StoreError
from wending.store.backend import Params
from wending.store.queries import fts_terms

log = logging.getLogger(__name__)

#: URL schemes that name a PostgreSQL database.
SCHEMES = ("postgresql://", "postgres://")
#: Seconds to wait for the server when connecting.
CONNECT_TIMEOUT = 10
#: Key of the advisory lock that serializes migrations.
MIGRATION_LOCK = 0x57454E44  # "WEND"

# Quoted strings and identifiers (kept as they are), or a ? or % outside them.
_SQL_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|[?%]")


def to_pyformat(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (and ``%`` escaped as ``%%``)."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        return {"?": "%s", "%": "%%"}.get(token, token)

    return _SQL_TOKEN.sub(swap, sql)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + host))


class PostgresBackend:
    """One psycopg connection in autocommit mode; the store opens transactions."""

    name = "postgresql"
    errors: tuple[type[Exception], ...] = (psycopg.Error,)

    def __init__(self, conn: psycopg.Connection[dict[str, Any]], location: str) -> None:
        self.conn = conn
        self.location = location
        self._sql: dict[str, str] = {}

    def _translate(self, sql: str) -> str:
        found = self._sql.get(sql)
        if found is None:
            found = self._sql[sql] = to_pyformat(sql)
        return found

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        with self.conn.cursor() as cur:
            cur.execute(self._translate(sql), tuple(params))
            return cur.fetchall()

    def execute(self, sql: str, params: Params = ()) -> int:
        with self.conn.cursor() as cur:
            cur.execute(self._translate(sql), tuple(params))
            return cur.rowcount

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        batch = [tuple(r) for r in rows]
        if batch:
            with self.conn.cursor() as cur:
                cur.executemany(self._translate(sql), batch)

    def fts_subquery(self, text: str) -> tuple[str, list[Any]] | None:
        terms = fts_terms(text)
        if not terms:
            return None
        # One @@ per term, ANDed: a term without words matches nothing, as in FTS5.
        where = " AND ".join(["fts @@ wending_tsquery(?, ?)"] * len(terms))
        params: list[Any] = [value for term in terms for value in term]
        return f"SELECT id FROM articles WHERE {where}", params

    def run_script(self, sql: str) -> None:
        # Without parameters psycopg sends the script as one simple query:
        # every statement runs, inside the open transaction.
        with self.conn.cursor() as cur:
            cur.execute(sql.encode("utf-8"))

    def begin(self) -> None:
        self.conn.execute("BEGIN")

    def lock_schema(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.closed:
            return
        if self.conn.info.transaction_status != pq.TransactionStatus.IDLE:
            self.conn.execute("ROLLBACK")

    def limit_sql(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        # LIMIT NULL is no limit in PostgreSQL.
        return " LIMIT ? OFFSET ?", [limit, offset]

    def close(self) -> None:
        self.conn.close()


def connect_postgres(url: str) -> PostgresBackend:
    """Connect to the PostgreSQL database at ``url`` (``postgresql://`` or
    ``postgres://``; libpq's parameters and ``PG*`` variables apply).

    Raises :class:`StoreError` saying what to check when it cannot connect.
    """
    location = redact(url)
    try:
        conn = psycopg.connect(
            url,
            autocommit=True,
            row_factory=dict_row,
            connect_timeout=CONNECT_TIMEOUT,
            application_name="wending",
        )
    except psycopg.Error as exc:
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"cannot connect to PostgreSQL at {location}: {detail}; check that the server "
            "runs, the host, port, user, password and database name in the URL, and that the "
            "database exists (createdb NAME)"
        ) from exc
    try:
        encoding = conn.info.encoding
        if encoding.lower() not in ("utf8", "utf-8"):
            raise StoreError(
                f"PostgreSQL database {location} uses encoding {encoding}; Wending needs UTF8: "
                "create it with CREATE DATABASE name ENCODING 'UTF8' TEMPLATE template0"
            )
    except BaseException:
        conn.close()
        raise
    return PostgresBackend(conn, location)
