"""PostgreSQL-specific tests of wending.store: URLs, connection errors, the
``?`` translation, NUL, collation, concurrent migration, and the same
answers as SQLite for the same data and queries. The shared behaviour tests
run on both backends in tests/test_store.py and tests/test_store_props.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from typer.testing import CliRunner

import pg
from wending.errors import StoreError
from wending.model import Article, DateValue, Entity, Event, Story
from wending.plover import event_to_plover
from wending.serve.cli import app
from wending.store import EventQuery, Store, is_postgres_url, open_store
from wending.store.migrate import load_migrations
from wending.store.postgres import redact, to_pyformat

D = dt.date
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The fixtures this module uses from tests/pg.py.
pg_server, pg_url = pg.pg_server, pg.pg_url


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + database, query=""))


# -- without a server --------------------------------------------------------------


def test_placeholders_become_pyformat_outside_quotes() -> None:
    sql = "SELECT '?', \"a?%\", 'it''s ?' FROM t WHERE x = ? AND y LIKE '%a' AND z % 2 = ?"
    assert to_pyformat(sql) == (
        "SELECT '?', \"a?%\", 'it''s ?' FROM t WHERE x = %s AND y LIKE '%a' AND z %% 2 = %s"
    )


def test_password_is_redacted() -> None:
    assert redact("postgresql://ann:s3cret@db.example:5433/news") == (
        "postgresql://ann:***@db.example:5433/news"
    )
    assert redact("postgresql://db.example/news") == "postgresql://db.example/news"


def test_url_forms() -> None:
    assert is_postgres_url("postgresql://h/db") and is_postgres_url("postgres://h/db")
    assert not is_postgres_url("wending.db") and not is_postgres_url("sqlite:///x.db")
    with pytest.raises(StoreError, match="SQLAlchemy URL"):
        open_store("postgresql+psycopg://h/db")


def test_unreachable_server_is_a_store_error() -> None:
    url = f"postgresql://ann:s3cret@127.0.0.1:{pg.free_port()}/news?connect_timeout=2"
    with pytest.raises(StoreError, match=r"cannot connect to PostgreSQL.*check that the") as e:
        open_store(url)
    assert "s3cret" not in str(e.value) and "***" in str(e.value)


# -- against a server ----------------------------------------------------------------


def test_postgres_scheme_alias(pg_url: str) -> None:
    with open_store(pg_url.replace("postgresql://", "postgres://", 1)) as s:
        assert s.schema_version == load_migrations("postgresql")[-1].version
        assert s._db.name == "postgresql"


def test_missing_database_says_what_to_do(pg_server: str) -> None:
    with pytest.raises(StoreError, match=r"database exists \(createdb NAME\)"):
        open_store(with_database(pg_server, "no_such_database"))


def test_non_utf8_database_is_refused(pg_server: str) -> None:
    name = "wending_ascii"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        try:
            conn.execute(
                f"CREATE DATABASE {name} ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' "
                "TEMPLATE template0"
            )
        except psycopg.errors.InsufficientPrivilege:
            pytest.skip("the test user may not create databases")
    try:
        with pytest.raises(StoreError, match="needs UTF8"):
            open_store(with_database(pg_server, name))
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name}")


def test_nul_is_refused_with_a_clear_message(pg_url: str) -> None:
    with open_store(pg_url) as s:
        bad = Article.create("Tekst met \x00 erin.")
        with pytest.raises(StoreError, match=r"storing article .* failed.*NUL"):
            s.add_article(bad, [])
        assert not s.has_article(bad.id)
        assert s.add_article(Article.create("Tekst zonder."), [])


def test_concurrent_first_opens_migrate_once(pg_url: str) -> None:
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            open_store(pg_url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(pg_url) as s:
        versions = [r["version"] for r in s._db.query("SELECT version FROM schema_migrations")]
    assert sorted(versions) == [m.version for m in load_migrations("postgresql")]


# -- the same answers as SQLite ---------------------------------------------------------


def _fill(store: Store) -> None:
    texts = [
        ("Poetin stuurt troepen naar Koersk.", "nos", "nl", D(2024, 8, 10)),
        ("Noord-Koreaanse soldaten vechten in Koersk; Genève zwijgt.", "nrc", "nl", None),
        ("Biden announces aid to Ukraine (and NATO) — 50% more.", "bbc", "en", D(2024, 9, 1)),
        ("Oekraïne en Rusland praten in Genève over een bestand.", "É-1", "nl", D(2024, 9, 1)),
    ]
    dates = [
        None,
        DateValue(D(2024, 8, 1), None, "month"),
        DateValue(D(2024, 8, 9), D(2024, 8, 9), "day"),
    ]
    for n, (text, name, lang, published) in enumerate(texts):
        a = Article.create(text, name=name, lang=lang, published=published, outlet=name.upper())
        events = [
            Event(kind, (Entity(actor),), (Entity(target),), date=dates[(n + i) % 3],
                  modality=modality, confidence=0.25 * (i + 1))
            for i, (kind, actor, target, modality) in enumerate(
                [("ASSAULT", "RUS", "UKR", "asserted"), ("AID", "USA", "UKR", "reported"),
                 ("ACCUSE", "UKR", "RUS", "alleged")][: n + 1]
            )
        ]
        store.add_article(a, events)
    found = store.events(EventQuery(limit=None, order="ingested"))
    store.save_stories(
        [Story(sid, "AID", ("USA",), ("UKR",), (found[0],), D(2024, 9, 1)) for sid in
         ("b", "B", "a", "É", "_x", "Z", "a-b", "a b")]
    )


QUERIES: list[dict[str, object]] = [
    {},
    {"actor": "RUS"},
    {"recipient": "UKR", "modality": "reported"},
    {"any_party": "RUS", "order": "-date"},
    {"event": ["AID", "ACCUSE"], "order": "confidence"},
    {"since": D(2024, 8, 5), "until": D(2024, 8, 20)},
    {"lang": "en"},
    {"outlet": "NRC"},
    {"query": "koersk"},
    {"query": "genev* oekraine"},
    {"query": "Noord-Koreaanse"},
    {"query": "noord-kor*"},
    {"query": "Oekrai\u0308ne"},  # decomposed diacritic
    {"query": "50% (and NATO)"},
    {"query": 'AND"( NEAR'},
    {"limit": 2, "offset": 1},
]


def test_same_answers_as_sqlite(pg_url: str, tmp_path: Path) -> None:
    with open_store(tmp_path / "w.db") as lite, open_store(pg_url) as post:
        _fill(lite)
        _fill(post)
        for kwargs in QUERIES:
            q = EventQuery(**kwargs)  # type: ignore[arg-type]
            want = [(e.id, event_to_plover(e)) for e in lite.events(q)]
            assert [(e.id, event_to_plover(e)) for e in post.events(q)] == want, kwargs
            assert post.count_events(q) == lite.count_events(q), kwargs
        for text in ("koersk", "genève", "GENEVE", "troep*", "x*", "50%", ""):
            assert [r.id for r in post.articles(query=text)] == [
                r.id for r in lite.articles(query=text)
            ], text
        ids = [s.id for s in post.stories()]
        assert ids == [s.id for s in lite.stories()]
        assert ids == sorted(ids, key=lambda i: i.encode())  # byte order, as SQLite
        drop = {"ingested_at"}
        assert [{k: v for k, v in dataclasses.asdict(r).items() if k not in drop}
                for r in post.articles(with_text=True)] == [
            {k: v for k, v in dataclasses.asdict(r).items() if k not in drop}
            for r in lite.articles(with_text=True)
        ]
        assert post.stats() == lite.stats()


def test_cli_ingest_and_events_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    source = str(FIXTURES / "stories" / "articles.jsonl")
    outputs = []
    for db in (str(tmp_path / "w.db"), pg_url):
        done = runner.invoke(app, ["ingest", source, "--db", db, "--json"])
        assert done.exit_code == 0, done.output
        assert len(json.loads(done.output)["added"]) == 22
        again = runner.invoke(app, ["ingest", source, "--db", db, "--json"])
        assert len(json.loads(again.output)["duplicates"]) == 22
        listed = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"])
        assert listed.exit_code == 0, listed.output
        outputs.append([json.loads(line) for line in listed.output.splitlines()])
    assert outputs[0] and outputs[0] == outputs[1]
