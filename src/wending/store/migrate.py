"""Numbered schema migrations, applied in order and recorded.

Migrations are the files ``migrations/NNN_name.sql``; each runs in its own
transaction together with its row in ``schema_migrations``, so a database
is always at a whole version.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from importlib import resources

from wending.errors import StoreError
from wending.store.backend import Backend

log = logging.getLogger(__name__)

_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> tuple[Migration, ...]:
    """The migration files shipped with Wending, in version order."""
    folder = resources.files("wending.store").joinpath("migrations")
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        match = _FILE.match(entry.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise StoreError(f"two migrations have number {version:03d}; renumber one")
        found[version] = Migration(version, match.group(2), entry.read_text(encoding="utf-8"))
    return tuple(found[v] for v in sorted(found))


def applied_versions(backend: Backend) -> list[int]:
    rows = backend.query("SELECT version FROM schema_migrations ORDER BY version")
    return [int(r["version"]) for r in rows]


def migrate(backend: Backend, migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Bring the database up to the newest migration; the versions applied.

    Raises :class:`StoreError` if the database was made by a newer Wending.
    """
    migrations = load_migrations() if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    try:
        backend.execute(_CREATE_TABLE)
        current = applied_versions(backend)
    except backend.errors as exc:
        raise StoreError(f"cannot read the schema version of {backend.location}: {exc}") from exc
    if current and current[-1] > latest:
        raise StoreError(
            f"database {backend.location} has schema version {current[-1]}, newer than this "
            f"Wending knows ({latest}); upgrade Wending (pip install -U wending) or use "
            "another database file"
        )
    done: list[int] = []
    for migration in migrations:
        if migration.version in current:
            continue
        if _apply(backend, migration):
            done.append(migration.version)
    return done


def _apply(backend: Backend, migration: Migration) -> bool:
    label = f"{migration.version:03d}_{migration.name}"
    try:
        backend.begin()
        # Another process may have applied it while we waited for the lock.
        if migration.version in applied_versions(backend):
            backend.rollback()
            return False
        backend.run_script(migration.sql)
        backend.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, _now()),
        )
        backend.commit()
    except backend.errors as exc:
        _rollback_quietly(backend)
        raise StoreError(
            f"migration {label} failed on {backend.location}: {exc}; the database was left "
            "at the previous version. Check that SQLite has FTS5 and the disk is writable."
        ) from exc
    except BaseException:
        _rollback_quietly(backend)
        raise
    log.info("applied migration %s to %s", label, backend.location)
    return True


def _rollback_quietly(backend: Backend) -> None:
    try:
        backend.rollback()
    except backend.errors:
        log.exception("rollback failed on %s", backend.location)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
