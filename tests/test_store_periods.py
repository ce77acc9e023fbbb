"""Events of a party in a period (migration 006: one index range per span
class) against the plain overlap test, on generated events of every length,
undated and half-dated ones too, on SQLite and PostgreSQL; and the span
classes migration 006 gives the party rows of an older store."""

from __future__ import annotations

import datetime as dt
import random

import pytest

import pg
from wending.model import Article, DateValue, Entity, Event, Span
from wending.store import EventQuery, open_store
from wending.store.rows import SPAN_DAYS, span_class

pg_server, pg_url, store_url = pg.pg_server, pg.pg_url, pg.store_url

D = dt.date
FIRST = D(2024, 1, 1)
CODES = ("RUS", "UKR", "USA")


def random_date(rng: random.Random) -> DateValue | None:
    roll = rng.random()
    start = FIRST + dt.timedelta(days=rng.randrange(400))
    if roll < 0.1:
        return None
    if roll < 0.15:  # half-dated
        half = (None, start) if rng.random() < 0.5 else (start, None)
        return DateValue(*half, "day")
    # spans around every class bound: 0, 7, 8, 31, 32, 366, 367 days and more
    days = rng.choice((0, 1, 7, 8, 30, 31, 32, 200, 366, 367, 900))
    return DateValue(start, start + dt.timedelta(days=days), "day")


def overlaps(d: DateValue | None, since: D | None, until: D | None) -> bool:
    """The overlap test the store's party period reproduces (SQL: NULL fails)."""
    start, end = (d.start, d.end) if d is not None else (None, None)
    if since is not None and (end is None or end < since):
        return False
    return until is None or (start is not None and start <= until)


@pytest.mark.parametrize("seed", [1, 2])
def test_party_periods_equal_the_overlap_test(store_url: str, seed: int) -> None:
    rng = random.Random(seed)
    made: list[tuple[str, str, str | None, DateValue | None]] = []
    with open_store(store_url) as store:
        for i in range(60):
            text = f"article {seed} {i}"
            art = Article.create(text, name=text, published=FIRST)
            events = []
            for _ in range(3):
                actor, recipient = rng.choice(CODES), rng.choice((*CODES, None))
                date = random_date(rng)
                events.append(Event(
                    event="ASSAULT", actor=(Entity(actor),),
                    recipient=(Entity(recipient),) if recipient else (), date=date,
                    evidence=(Span(0, 4, text[:4]),), confidence=0.5))
            store.add_article(art, events)
            for k, e in enumerate(events, start=1):
                made.append((f"{art.id}-{k}", e.actor[0].code,
                             e.recipient[0].code if e.recipient else None, e.date))
        for _ in range(40):
            since: D | None = FIRST + dt.timedelta(days=rng.randrange(-30, 500))
            if rng.random() < 0.2:
                since = None
            until: D | None = (since or FIRST) + dt.timedelta(days=rng.randrange(0, 90))
            if rng.random() < 0.2:
                until = None
            code = rng.choice(CODES)
            for role in ("actor", "recipient", "any"):
                q = EventQuery(
                    actor=code if role == "actor" else None,
                    recipient=code if role == "recipient" else None,
                    any_party=code if role == "any" else None,
                    since=since, until=until, limit=None)
                want = sorted(
                    i for i, a, r, d in made
                    if overlaps(d, since, until) and (
                        (role == "actor" and a == code) or (role == "recipient" and r == code)
                        or (role == "any" and code in (a, r)))
                )
                got = sorted(e.id for e in store.events(q))
                assert got == want, (code, role, since, until)
                assert store.count_events(q) == len(want)


def test_span_classes_bound_their_spans() -> None:
    assert span_class(None, FIRST) is None and span_class(FIRST, None) is None
    for days in range(0, 800):
        c = span_class(FIRST, FIRST + dt.timedelta(days=days))
        assert c is not None
        assert c == len(SPAN_DAYS) or days <= SPAN_DAYS[c]
        assert c == 0 or days > SPAN_DAYS[c - 1]


def test_migration_006_classes_the_rows_of_an_older_store(store_url: str) -> None:
    with open_store(store_url) as store:
        for days in (0, 7, 8, 31, 32, 366, 367):
            text = f"span {days}"
            store.add_article(Article.create(text, name=text), [Event(
                event="ASSAULT", actor=(Entity("RUS"),), recipient=(),
                date=DateValue(FIRST, FIRST + dt.timedelta(days=days), "day"),
                evidence=(), confidence=0.5)])
        store.add_article(Article.create("undated", name="undated"), [Event(
            event="ASSAULT", actor=(Entity("RUS"),), recipient=(), date=None, evidence=(),
            confidence=0.5)])
        want = store._query("SELECT event_id, span FROM event_actors ORDER BY event_id")
        with store.transaction("back to version 5"):
            store._db.execute("UPDATE event_actors SET span = NULL")
            store._db.execute("DELETE FROM schema_migrations WHERE version = 6")
            store._db.execute("DROP INDEX event_actors_period")
            store._db.execute("ALTER TABLE event_actors DROP COLUMN span")
            store._db.execute("CREATE INDEX event_actors_period ON event_actors"
                              " (code, role, date_end, date_start, event_id)")
    with open_store(store_url) as store:
        assert store._query("SELECT event_id, span FROM event_actors ORDER BY event_id") == want
        assert [r["span"] for r in want].count(None) == 1
        assert {r["span"] for r in want} == {None, 0, 1, 2, 3}
