"""PostgreSQL for the tests: a throwaway server, a fresh schema per test.

Test modules import the fixtures they use (``from pg import pg_url``).

``pg_server`` (session) is the URL of a database: ``WENDING_TEST_PG_URL`` when
set, else a cluster made here with the Debian binaries (``initdb`` into a
temporary folder, run as the ``postgres`` user when the tests run as root,
``pg_ctl start`` on a free loopback port with its unix socket in that
folder, no fsync; stopped and deleted at the end of the session). Without
PostgreSQL binaries the tests that need it are skipped, saying why.

``pg_url`` is that database with a new, empty schema first on the search
path, dropped after the test, so every test starts from nothing.
``store_url`` is parametrized over both backends: a SQLite file, then
PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

PG_URL_ENV = "WENDING_TEST_PG_URL"
PG_BIN_ENV = "WENDING_TEST_PG_BIN"
BACKENDS = ("sqlite", "postgresql")


def find_bindir() -> Path | None:
    """The folder with initdb and pg_ctl: $WENDING_TEST_PG_BIN, the newest
    /usr/lib/postgresql/N/bin, or the PATH."""
    candidates: list[Path] = []
    if os.environ.get(PG_BIN_ENV):
        candidates.append(Path(os.environ[PG_BIN_ENV]))
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = [p for p in debian.iterdir() if re.fullmatch(r"\d+(\.\d+)?", p.name)]
        for version in sorted(versions, key=lambda p: float(p.name), reverse=True):
            candidates.append(version / "bin")
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A PostgreSQL cluster in a temporary folder, owned by ``user``."""

    bindir: Path
    root: Path
    port: int
    user: pwd.struct_passwd | None  # None: run as ourselves

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/wending_test"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        extra: dict[str, Any] = {}
        if self.user is not None:
            extra = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = {**os.environ, "LC_ALL": "C.UTF-8", "HOME": str(self.root)}
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            **extra,
        )

    def start(self) -> None:
        common = ("-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "-N")
        made = self.run("initdb", *common, "--locale=C.UTF-8")
        if made.returncode != 0:  # no C.UTF-8 locale: byte order and ASCII case rules
            shutil.rmtree(self.data, ignore_errors=True)
            made = self.run("initdb", *common, "--no-locale")
        _check(made, "initdb")
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.root / "server.log")
        _check(
            self.run("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-t", "60",
                     "-o", options, "start"),
            "pg_ctl start",
            log,
        )
        import psycopg

        admin = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE wending_test")

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _check(done: subprocess.CompletedProcess[str], what: str, log: str | None = None) -> None:
    if done.returncode != 0:
        detail = done.stderr.strip() or done.stdout.strip()
        if log and Path(log).exists():
            detail += "\n" + Path(log).read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{what} failed (exit {done.returncode}): {detail}")


def start_cluster() -> Cluster:
    """Start a throwaway cluster, or skip the test saying what is missing."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on the "
            f"PATH): apt-get install postgresql, or set {PG_URL_ENV}=postgresql://... "
            "to test against a running server"
        )
    user = None
    if os.geteuid() == 0:  # initdb refuses root
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip(
                "the tests run as root and there is no postgres user to run PostgreSQL as: "
                f"useradd --system postgres, or set {PG_URL_ENV}"
            )
    root = Path(tempfile.mkdtemp(prefix="wending-pg-"))
    if user is not None:
        os.chown(root, user.pw_uid, user.pw_gid)
    cluster = Cluster(bindir, root, free_port(), user)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a PostgreSQL database for this test session."""
    given = os.environ.get(PG_URL_ENV)
    if given:
        yield given
        return
    cluster = start_cluster()
    try:
        yield cluster.url
    finally:
        cluster.stop()


def with_schema(url: str, schema: str) -> str:
    """``url`` with ``schema`` first on the search path."""
    option = quote(f"-csearch_path={schema}", safe="")
    return f"{url}{'&' if '?' in url else '?'}options={option}"


@contextlib.contextmanager
def fresh_schema(server: str) -> Iterator[str]:
    """A URL whose search path is a new, empty schema (dropped afterwards)."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_schema(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A PostgreSQL URL with an empty schema of its own."""
    with fresh_schema(pg_server) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's URL: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "wending.db")
    return str(request.getfixturevalue("pg_url"))
