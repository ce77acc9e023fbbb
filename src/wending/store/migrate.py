"""Numbered schema migrations, applied in order and recorded.

Migrations are the files ``migrations/NNN_name.sql``; each runs in its own
transaction together with its row in ``schema_migrations``, so a database
is always at a whole version.

A plain ``NNN_name.sql`` applies to every backend and must be portable SQL.
Where a backend needs its own SQL (SQLite's FTS5, PostgreSQL's tsvector),
the migration is a pair of files named for the backends,
``NNN_name.sqlite.sql`` and ``NNN_name.postgresql.sql``: each backend runs
its own, and both record version NNN under the same name.

A migration that derives rows in Python (the facts of stories, computed by
:mod:`wending.analyze.facts`) names a step in :data:`AFTER`, run after its
SQL in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from wending.errors import StoreError
from wending.store.backend import Backend, one_line
from wending.store.stories import rebuild_facts

log = logging.getLogger(__name__)

_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)(?:\.([a-z0-9]+))?\.sql$")
#: The backend a migration is loaded for when none is named.
DEFAULT_BACKEND = "sqlite"

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


#: Python steps run after a migration's SQL (by migration name), in its
#: transaction: they fill what the new tables derive from the stored rows.
AFTER: dict[str, Callable[[Backend], object]] = {
    "story_facts": rebuild_facts,
}


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(backend: str = DEFAULT_BACKEND) -> tuple[Migration, ...]:
    """The migration files shipped with Wending for ``backend`` (a
    :attr:`Backend.name <wending.store.backend.Backend.name>`), in version
    order: every plain ``NNN_name.sql`` and the ``NNN_name.<backend>.sql``
    files; files for other backends are left out."""
    folder = resources.files("wending.store").joinpath("migrations")
    found: dict[int, Migration] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        match = _FILE.match(entry.name)
        if not match or match.group(3) not in (None, backend):
            continue
        version = int(match.group(1))
        if version in found:
            raise StoreError(
                f"two migrations have number {version:03d} for {backend} "
                f"({found[version].name}, {match.group(2)}); renumber one"
            )
        found[version] = Migration(version, match.group(2), entry.read_text(encoding="utf-8"))
    return tuple(found[v] for v in sorted(found))


def applied_versions(backend: Backend) -> list[int]:
    rows = backend.query("SELECT version FROM schema_migrations ORDER BY version")
    return [int(r["version"]) for r in rows]


def migrate(backend: Backend, migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Bring the database up to the newest migration; the versions applied.

    Raises :class:`StoreError` if the database was made by a newer Wending.
    """
    migrations = load_migrations(backend.name) if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    try:
        current = _versions(backend)
    except backend.errors as exc:
        raise StoreError(
            f"cannot read the schema version of {backend.location}: {one_line(exc)}"
        ) from exc
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


def _versions(backend: Backend) -> list[int]:
    """The applied versions, creating the table that records them if needed."""
    try:
        backend.execute(_CREATE_TABLE)
    except backend.errors:
        # Another connection may have created it at the same moment (PostgreSQL
        # checks for the name before it locks): then it is there to read now.
        try:
            return applied_versions(backend)
        except backend.errors:
            pass
        raise
    return applied_versions(backend)


def _apply(backend: Backend, migration: Migration) -> bool:
    label = f"{migration.version:03d}_{migration.name}"
    try:
        backend.begin()
        backend.lock_schema()
        # Another process may have applied it while we waited for the lock.
        if migration.version in applied_versions(backend):
            backend.rollback()
            return False
        backend.run_script(migration.sql)
        step = AFTER.get(migration.name)
        if step is not None:
            step(backend)
        backend.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, _now()),
        )
        backend.commit()
    except backend.errors as exc:
        _rollback_quietly(backend)
        raise StoreError(
            f"migration {label} failed on {backend.location}: {one_line(exc)}; the database "
            "was left at the previous version. Check that the database user may create "
            "tables (and, for SQLite, that it has FTS5) and that the disk is writable."
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
