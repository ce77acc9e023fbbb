"""Tests of wending.store on real databases: every behaviour test runs on a
SQLite file and on PostgreSQL (``store_url``, see tests/pg.py); the tests of
SQLite's own file handling run on SQLite only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import pg
from wending.errors import StoreError
from wending.model import (
    Article,
    Attribution,
    Block,
    DateValue,
    Entity,
    Event,
    Quantity,
    Span,
    Story,
)
from wending.plover import event_to_plover
from wending.store import EventQuery, Store, fts_query, open_store, sqlite_path
from wending.store.connect import connect_backend
from wending.store.migrate import Migration, load_migrations, migrate
from wending.store.sqlite import split_statements

D = dt.date

# The fixtures this module uses from tests/pg.py.
pg_server, pg_url, store_url = pg.pg_server, pg.pg_url, pg.store_url


def article(text: str, **kwargs: object) -> Article:
    return Article.create(text, **kwargs)


def event(
    kind: str,
    actors: tuple[str, ...],
    recipients: tuple[str, ...] = (),
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    **kwargs: object,
) -> Event:
    date = DateValue(start, end or start, "day") if start else None
    return Event(
        event=kind,
        actor=tuple(Entity(c) for c in actors),
        recipient=tuple(Entity(c) for c in recipients),
        date=date,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


def scalar(store: Store, text: str) -> object:
    """The one value a query returns, read through the store's backend."""
    [row] = store._db.query(text)
    return next(iter(row.values()))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "wending.db"


# -- opening -------------------------------------------------------------------


def test_sqlite_path_forms(tmp_path: Path) -> None:
    assert sqlite_path(":memory:") == ":memory:"
    assert sqlite_path("sqlite://") == ":memory:"
    assert sqlite_path("sqlite:///data/w.db") == "data/w.db"
    assert sqlite_path("sqlite:////abs/w.db") == "/abs/w.db"
    assert sqlite_path(tmp_path / "x.db") == str(tmp_path / "x.db")
    assert sqlite_path("~/w.db") == str(Path.home() / "w.db")
    assert sqlite_path("http://example.org/db") is None


@pytest.mark.parametrize("form", ["plain", "url", "pathlike"])
def test_open_file_forms(db_path: Path, form: str) -> None:
    forms: dict[str, str | Path] = {
        "plain": str(db_path),
        "url": f"sqlite:///{db_path}",
        "pathlike": db_path,
    }
    url = forms[form]
    with open_store(url) as s:
        assert s.schema_version == load_migrations()[-1].version
    assert db_path.exists()


def test_unknown_scheme() -> None:
    with pytest.raises(StoreError, match="unknown database URL 'mysql'"):
        open_store("mysql://h/db")


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist; create it first"):
        open_store(tmp_path / "no" / "such" / "w.db")


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="is not a SQLite database"):
        open_store(bad)
    assert bad.read_text().startswith("these are my notes")


def test_newer_schema_is_refused(store_url: str) -> None:
    with open_store(store_url) as s:
        s._db.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2099-01-01')")
    with pytest.raises(StoreError, match=r"schema version 999.*upgrade Wending"):
        open_store(store_url)


def test_migrations_applied_once_and_recorded(store_url: str) -> None:
    read = "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
    with open_store(store_url) as s:
        first = s._db.query(read)
        backend = s._db.name
    expected = [(m.version, m.name) for m in load_migrations(backend)]
    assert [(r["version"], r["name"]) for r in first] == expected
    assert expected[:2] == [(1, "init"), (2, "fts")]
    with open_store(store_url) as s:
        assert migrate(s._db) == []
        assert s._db.query(read) == first


def test_each_backend_has_its_own_fts_migration() -> None:
    sqlite, postgres = load_migrations("sqlite"), load_migrations("postgresql")
    assert [m.version for m in sqlite] == [m.version for m in postgres]
    assert sqlite[0].sql == postgres[0].sql  # 001 is portable
    assert "fts5" in sqlite[1].sql and "fts5" not in postgres[1].sql
    assert "tsvector" in postgres[1].sql
    assert load_migrations() == sqlite


def test_query_index_migration_fills_party_dates(store_url: str) -> None:
    backend = connect_backend(store_url)
    try:
        migrate(backend, load_migrations(backend.name)[:2])  # a database made before 004
        backend.execute(
            "INSERT INTO articles (id, text, ingested_at) VALUES ('a1', 'Tekst.', '2024-01-01')"
        )
        record = event_to_plover(
            dataclasses.replace(event("AID", ("USA",), ("UKR",), start=D(2024, 5, 1)), id="e1")
        )
        backend.execute(
            "INSERT INTO events (id, article_id, position, event, quad, date_start, date_end,"
            " modality, confidence, record) VALUES ('e1', 'a1', 1, 'AID', 1, '2024-05-01',"
            " '2024-05-01', 'asserted', 0.5, ?)",
            [json.dumps(record)],
        )
        backend.execute(
            "INSERT INTO event_actors (event_id, role, position, code)"
            " VALUES ('e1', 'actor', 0, 'USA'), ('e1', 'recipient', 0, 'UKR')"
        )
        assert migrate(backend) == [m.version for m in load_migrations(backend.name)[2:]]
        assert backend.query(
            "SELECT DISTINCT date_start, date_end FROM event_actors"
        ) == [{"date_start": "2024-05-01", "date_end": "2024-05-01"}]
    finally:
        backend.close()
    with open_store(store_url) as s:
        for q in (
            EventQuery(actor="USA", since=D(2024, 4, 1), until=D(2024, 5, 1)),
            EventQuery(any_party="UKR", since=D(2024, 5, 1)),
        ):
            assert [e.id for e in s.events(q)] == ["e1"]
        assert s.events(EventQuery(actor="USA", since=D(2024, 5, 2))) == []


def test_failed_migration_leaves_previous_version(store_url: str) -> None:
    good = Migration(1, "one", "CREATE TABLE one (x INTEGER);")
    bad = Migration(2, "two", "CREATE TABLE two (x INTEGER);\nCREATE TABLE one (y INTEGER);")
    backend = connect_backend(store_url)
    try:
        with pytest.raises(StoreError, match="migration 002_two failed"):
            migrate(backend, (good, bad))
        assert backend.query("SELECT version FROM schema_migrations") == [{"version": 1}]
        backend.query("SELECT x FROM one")
        with pytest.raises(backend.errors):
            backend.query("SELECT x FROM two")
    finally:
        backend.close()


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = (
        "-- comment\nCREATE TABLE a (x TEXT); CREATE TABLE b (x TEXT);\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO b VALUES ('x;y');\nEND;\n-- end\n"
    )
    parts = split_statements(script)
    assert len(parts) == 2
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")
    with pytest.raises(StoreError, match="unfinished"):
        split_statements("CREATE TABLE a (x TEXT)")


def test_pragmas(db_path: Path) -> None:
    with open_store(db_path) as s:
        conn = s._db.conn  # type: ignore[attr-defined]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    other = sqlite3.connect(db_path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


def test_two_handles_on_one_database(store_url: str) -> None:
    with open_store(store_url) as writer, open_store(store_url) as reader:
        assert reader.count_events() == 0
        writer.add_article(article("Een."), [event("AID", ("USA",))])
        assert reader.count_events() == 1
        assert not reader.add_article(article("Een."), [])
        assert reader.add_article(article("Twee."), [])
        assert writer.stats()["articles"] == 2


def test_closed_store_raises_store_error(store_url: str) -> None:
    s = open_store(store_url)
    s.close()
    with pytest.raises(StoreError, match="cannot read"):
        s.has_article("x")
    with pytest.raises(StoreError, match="cannot write"):
        s.add_article(article("Tekst."), [])


# -- writing -------------------------------------------------------------------


def test_add_article_is_idempotent(store: Store) -> None:
    a = article("Rusland valt Oekraïne aan.", name="a1", lang="nl")
    assert store.add_article(a, [event("ASSAULT", ("RUS",), ("UKR",))])
    before = store.stats()
    assert not store.add_article(a, [event("AID", ("USA",)), event("AID", ("FRA",))])
    assert store.stats() == before
    assert [e.event for e in store.events()] == ["ASSAULT"]


def test_event_ids_are_deterministic(store: Store) -> None:
    a = article("Tekst.")
    store.add_article(a, [event("AID", ("USA",)), event("AID", ("FRA",), id="own-id")])
    ids = [e.id for e in store.events(EventQuery(order="ingested"))]
    assert ids == [f"{a.id}-1", "own-id"]
    got = store.get_event(f"{a.id}-1")
    assert got is not None and got.article_id == a.id
    assert store.get_event("nope") is None


def test_status_is_checked(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown article status 'done'"):
        store.add_article(article("Tekst."), [], status="done")  # type: ignore[arg-type]


def test_one_transaction_per_article(store: Store) -> None:
    first = article("Eerste artikel over Moskou.")
    store.add_article(first, [event("ASSAULT", ("RUS",), ("UKR",))])
    before = store.stats()
    broken = article("Tweede artikel over Peking.")
    events = [
        event("AID", ("CHN",), ("RUS",)),
        event("AID", ("CHN",), quantity=Quantity(float("nan"), "troops")),  # JSON refuses NaN
        event("AID", ("CHN",)),
    ]
    with pytest.raises(StoreError, match=f"event 2 .* of article {broken.id} cannot be stored"):
        store.add_article(broken, events)
    assert not store.has_article(broken.id)
    assert store.has_article(first.id)
    assert store.stats() == before
    assert store.count_events(EventQuery(any_party="CHN")) == 0
    assert store.articles(query="Peking") == []
    # The failure left no open transaction: the store keeps working.
    assert store.add_article(broken, events[:1])
    assert store.count_events() == 2


def test_duplicate_event_id_rolls_back(store: Store) -> None:
    store.add_article(article("Een."), [event("AID", ("USA",), id="e1")])
    second = article("Twee.")
    with pytest.raises(StoreError, match=r"event 1 \(id e1\).*leave Event.id empty"):
        store.add_article(second, [event("AID", ("FRA",), id="e1")])
    assert not store.has_article(second.id)


def test_replace_events(store: Store) -> None:
    a = article("Tekst over de oorlog.")
    old = event("ASSAULT", ("RUS",), ("UKR",), evidence=(Span(0, 5, "Tekst"),))
    store.add_article(a, [old], status="pending")
    store.replace_events(a.id, [event("AID", ("USA",), ("UKR",))], status="extracted")
    assert [e.event for e in store.events()] == ["AID"]
    assert store.count_events(EventQuery(actor="RUS")) == 0  # actor rows cascaded away
    assert scalar(store, "SELECT COUNT(*) AS n FROM evidence") == 0
    assert store.articles()[0].status == "extracted"
    # a failing replacement keeps the previous events
    with pytest.raises(StoreError):
        store.replace_events(a.id, [event("AID", ("X",), quantity=Quantity(float("inf"), "t"))])
    assert [e.event for e in store.events()] == ["AID"]
    with pytest.raises(StoreError, match="no article nope"):
        store.replace_events("nope", [])


# -- reading articles ------------------------------------------------------------


def _corpus(store: Store) -> tuple[Article, Article, Article]:
    a = article(
        "Poetin stuurt troepen naar Koersk.",
        name="nos-1",
        lang="nl",
        outlet="NOS",
        published=D(2024, 8, 10),
        title="Koersk",
        url="https://nos.nl/1",
        blocks=(Block("title", 0, 6),),
        quoted=True,
        origin="feed",
    )
    b = article(
        "Biden announces aid to Ukraine.",
        name="bbc-1",
        lang="en",
        outlet="BBC",
        published=D(2024, 9, 1),
    )
    c = article("Tekst in een andere taal.", name="x-1", lang="de")
    store.add_article(
        a,
        [
            event(
                "MOBILIZE", ("RUS",), start=D(2024, 8, 1), end=D(2024, 8, 31), modality="reported"
            ),
            event("ASSAULT", ("RUS",), ("UKR",), start=D(2024, 8, 9), confidence=0.9),
        ],
    )
    store.add_article(
        b,
        [
            event("AID", ("USA",), ("UKR",), start=D(2024, 9, 1), confidence=0.7),
            event("ACCUSE", ("UKR",), ("RUS",), modality="alleged", confidence=0.2),
        ],
    )
    store.add_article(c, [], status="unsupported_language")
    return a, b, c


def test_get_article_by_id_and_name(store: Store) -> None:
    a, b, _ = _corpus(store)
    assert store.get_article(a.id) == a
    assert store.get_article("bbc-1") == b
    assert store.get_article("missing") is None
    assert store.has_article(a.id) and not store.has_article("missing")


def test_articles_listing(store: Store) -> None:
    a, b, c = _corpus(store)
    rows = store.articles()
    assert [r.id for r in rows] == [b.id, a.id, c.id]  # newest published first, undated last
    assert [r.event_count for r in rows] == [2, 2, 0]
    assert all(r.text is None for r in rows)
    assert rows[1].quoted and rows[1].title == "Koersk" and rows[1].url == "https://nos.nl/1"
    assert store.articles(with_text=True)[0].text == b.text
    assert [r.id for r in store.articles(lang="nl")] == [a.id]
    assert [r.id for r in store.articles(outlet="BBC")] == [b.id]
    assert [r.id for r in store.articles(status="unsupported_language")] == [c.id]
    assert [r.id for r in store.articles(since=D(2024, 8, 15))] == [b.id]
    assert [r.id for r in store.articles(until=D(2024, 8, 15))] == [a.id]
    assert [r.id for r in store.articles(query="koersk")] == [a.id]  # title and text, any case
    assert [r.id for r in store.articles(limit=1, offset=1)] == [a.id]
    assert store.articles(limit=0) == []
    with pytest.raises(StoreError, match="offset"):
        store.articles(offset=-1)


# -- reading events ------------------------------------------------------------------


def _kinds(store: Store, **kwargs: object) -> list[str]:
    q = EventQuery(**kwargs)  # type: ignore[arg-type]
    found = store.events(q)
    if q.limit is None and q.offset == 0:
        assert store.count_events(q) == len(found)
    return [e.event for e in found]


def test_event_filters(store: Store) -> None:
    _, b, _ = _corpus(store)
    assert _kinds(store) == ["MOBILIZE", "ASSAULT", "AID", "ACCUSE"]  # by date, undated last
    assert _kinds(store, actor="RUS", limit=None) == ["MOBILIZE", "ASSAULT"]
    assert _kinds(store, recipient="RUS", limit=None) == ["ACCUSE"]
    assert _kinds(store, any_party="RUS", limit=None) == ["MOBILIZE", "ASSAULT", "ACCUSE"]
    assert _kinds(store, actor="UKR", recipient="RUS", limit=None) == ["ACCUSE"]
    assert _kinds(store, event="AID", limit=None) == ["AID"]
    assert _kinds(store, event=["aid", "FIGHT"], limit=None) == ["ASSAULT", "AID"]
    # date ranges overlap: the August mobilization overlaps a window in mid-August
    assert _kinds(store, since=D(2024, 8, 20), until=D(2024, 8, 25), limit=None) == ["MOBILIZE"]
    assert _kinds(store, since=D(2024, 8, 9), limit=None) == ["MOBILIZE", "ASSAULT", "AID"]
    assert _kinds(store, until=D(2024, 8, 1), limit=None) == ["MOBILIZE"]
    # a party and a period together (the party rows carry the event's dates)
    assert _kinds(store, actor="RUS", since=D(2024, 8, 20), limit=None) == ["MOBILIZE"]
    assert _kinds(store, any_party="UKR", until=D(2024, 8, 31), limit=None) == ["ASSAULT"]
    assert _kinds(store, any_party="RUS", since=D(2024, 8, 1), until=D(2024, 8, 5)) == [
        "MOBILIZE"
    ]
    assert _kinds(store, recipient="UKR", since=D(2024, 8, 10), limit=None) == ["AID"]
    assert _kinds(store, modality="alleged", limit=None) == ["ACCUSE"]
    assert _kinds(store, lang="en", limit=None) == ["AID", "ACCUSE"]
    assert _kinds(store, outlet="NOS", limit=None) == ["MOBILIZE", "ASSAULT"]
    assert _kinds(store, query="Biden", limit=None) == ["AID", "ACCUSE"]
    assert _kinds(store, query="troep*", limit=None) == ["MOBILIZE", "ASSAULT"]
    assert _kinds(store, article_id=b.id, limit=None) == ["AID", "ACCUSE"]
    assert _kinds(store, limit=2) == ["MOBILIZE", "ASSAULT"]
    assert _kinds(store, limit=2, offset=3) == ["ACCUSE"]
    assert _kinds(store, limit=None, offset=3) == ["ACCUSE"]
    assert _kinds(store, order="-date") == ["AID", "MOBILIZE", "ASSAULT", "ACCUSE"]
    assert _kinds(store, order="confidence") == ["ASSAULT", "AID", "MOBILIZE", "ACCUSE"]
    assert store.count_events(EventQuery(actor="RUS", limit=1)) == 2
    assert store.count_events() == 4


def test_an_event_counts_once_whatever_its_parties(store: Store) -> None:
    store.add_article(
        article("Twee keer Rusland."),
        [event("ASSAULT", ("RUS", "RUS"), ("UKR", "UKR"), start=D(2024, 5, 1)), event("AID", ())],
    )
    for q in (
        EventQuery(actor="RUS"),
        EventQuery(actor="RUS", since=D(2024, 5, 1), until=D(2024, 5, 1)),
        EventQuery(recipient="UKR", until=D(2024, 5, 1)),
        EventQuery(any_party="RUS"),
        EventQuery(actor="RUS", event="ASSAULT"),
    ):
        assert store.count_events(q) == len(store.events(q)) == 1, q
    assert store.count_events(EventQuery(actor="RUS", since=D(2024, 5, 2))) == 0


def test_ingested_order_follows_article_and_position(store: Store) -> None:
    a, b, _ = _corpus(store)
    found = store.events(EventQuery(order="ingested"))
    assert {e.article_id for e in found[:2]} in ({a.id}, {b.id})
    assert [e.id for e in found if e.article_id == a.id] == [f"{a.id}-1", f"{a.id}-2"]


def test_events_carry_article_name_and_url(store: Store) -> None:
    a, _, _ = _corpus(store)
    found = store.events(EventQuery(article_id=a.id))
    assert {(e.article_name, e.article_url) for e in found} == {("nos-1", "https://nos.nl/1")}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"event": "EXPLODE"}, "unknown event type EXPLODE"),
        ({"modality": "rumoured"}, "unknown modality"),
        ({"order": "random"}, "unknown order"),
        ({"limit": -1}, "limit must be"),
        ({"offset": -5}, "offset must be"),
        ({"since": D(2024, 2, 1), "until": D(2024, 1, 1)}, "is after until"),
    ],
)
def test_event_query_is_checked(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        EventQuery(**kwargs)  # type: ignore[arg-type]


# -- full-text search ------------------------------------------------------------------


def test_fts_query_quotes_every_term() -> None:
    assert fts_query("Poetin Koersk") == '"Poetin" "Koersk"'
    assert fts_query('AND"(') == '"AND""("'
    assert fts_query("oorlog*") == '"oorlog"*'
    assert fts_query('  ( ) * " ') is None
    assert fts_query("") is None
    assert fts_query("a\x00b\tc") == '"a" "b" "c"'  # FTS5 stops reading at NUL


HOSTILE = [
    'AND"(',
    '"',
    "*",
    "(",
    ")",
    "NEAR(a b",
    "a OR b",
    "NOT",
    "-x",
    "title:foo",
    "^a",
    "'; DROP TABLE articles; --",
    '"""',
    "\\",
    "a\x00b",
    "{title text}: x",
    "a + b",
    "**x*",
    "\u201cPoetin\u201d",
    "Poe*tin",
    ":",
    "AND OR NOT",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_fts_hostile_input(store: Store, text: str) -> None:
    _corpus(store)
    store.events(EventQuery(query=text))
    store.count_events(EventQuery(query=text))
    store.articles(query=text)
    assert store.stats()["articles"] == 3


def test_fts_without_searchable_terms_matches_nothing(store: Store) -> None:
    _corpus(store)
    assert store.articles(query="(*)") == []
    assert store.count_events(EventQuery(query='"')) == 0


def test_fts_ignores_accents(store: Store) -> None:
    a = store_one(store, "Oekraïne en Rusland praten in Genève.")
    assert [r.id for r in store.articles(query="oekraine geneve")] == [a.id]


def store_one(store: Store, text: str) -> Article:
    a = article(text)
    store.add_article(a, [])
    return a


# -- stories, stats, persistence ----------------------------------------------------------


def test_stories(store: Store) -> None:
    _corpus(store)
    events = store.events(EventQuery(limit=None))
    s1 = Story("s1", "ASSAULT", ("RUS",), ("UKR",), (events[1],), D(2024, 8, 9), ("NOS",))
    s2 = Story(
        "s2",
        "AID",
        ("USA",),
        ("UKR",),
        (events[2], events[2]),
        D(2024, 9, 1),
        ("BBC",),
        modality="reported",
    )
    store.save_stories([s1, s2])
    assert store.stories() == [s1, dataclasses.replace(s2, events=(events[2],))]
    assert [s.id for s in store.stories(event="AID")] == ["s2"]
    assert [s.id for s in store.stories(since=D(2024, 8, 10))] == ["s2"]
    assert [s.id for s in store.stories(until=D(2024, 8, 10))] == ["s1"]
    # saving again replaces the story and its links
    s1b = dataclasses.replace(s1, events=(events[0], events[1]), outlets=("NOS", "RTL"))
    store.save_stories([s1b])
    assert store.stories(limit=1) == [s1b]
    assert store.stats()["stories"] == 2
    # a story pointing at an event that is not stored is refused
    ghost = dataclasses.replace(events[0], id="ghost")
    with pytest.raises(StoreError, match="saving stories failed"):
        store.save_stories([dataclasses.replace(s1, id="s3", events=(ghost,))])
    assert [s.id for s in store.stories()] == ["s1", "s2"]


def test_stats(store: Store) -> None:
    _corpus(store)
    store_one(store, "Zonder taal.")
    assert store.stats() == {
        "articles": 4,
        "events": 4,
        "stories": 0,
        "by_lang": {"de": 1, "en": 1, "nl": 1, "unknown": 1},
        "by_status": {"extracted": 3, "unsupported_language": 1},
        "by_event": {"ACCUSE": 1, "AID": 1, "ASSAULT": 1, "MOBILIZE": 1},
    }


def test_reopened_store_keeps_everything(store_url: str) -> None:
    full = event(
        "COERCE",
        ("RUS",),
        ("UKR",),
        start=D(2024, 6, 1),
        end=D(2024, 6, 30),
        mode="seize",
        context=("military",),
        event_text="nam in",
        event_loc="Koersk",
        quantity=Quantity(3000, "soldiers", approx=True, text="drieduizend", high=4000),
        modality="reported",
        evidence=(Span(0, 6, "Poetin"),),
        confidence=0.8125,
        attribution=Attribution(
            Entity("RUS", "GOV", "Q7747", "Poetin", "Putin", 0, 6), "bronnen", "NOS"
        ),
        rules=("r1", "r2"),
        sentence=0,
    )
    a = article("Poetin nam in juni Koersk in.", name="seed", lang="nl", published=D(2024, 7, 1))
    with open_store(store_url) as s:
        s.add_article(a, [full])
        written = s.events()
        s.save_stories([Story("s", "COERCE", ("RUS",), ("UKR",), tuple(written))])
        stats = s.stats()
    reopen = f"sqlite:///{store_url}" if "://" not in store_url else store_url
    with open_store(reopen) as s:
        assert s.get_article(a.id) == a
        assert s.stats() == stats
        again = s.events()
        assert [event_to_plover(e) for e in again] == [event_to_plover(e) for e in written]
        assert again[0].quantity == full.quantity and again[0].attribution == full.attribution
        assert s.stories()[0].events == tuple(written)
        assert s.articles(query="Koersk")[0].id == a.id
