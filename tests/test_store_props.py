"""Property tests of wending.store: whatever is written reads back the same,
on SQLite and on PostgreSQL (a fresh database or schema for every example)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pg
from wending.errors import StoreError
from wending.model import (
    EVENT_TYPES,
    MODALITIES,
    Article,
    Attribution,
    Block,
    DateValue,
    Entity,
    Event,
    Precision,
    Quantity,
    Span,
    article_id,
)
from wending.plover import event_to_plover
from wending.store import EventQuery, Store, open_store

FAST = settings(max_examples=60, deadline=None)

NewStore = Callable[[], contextlib.AbstractContextManager[Store]]
pg_server = pg.pg_server  # the fixture, from tests/pg.py


@pytest.fixture(scope="module", params=pg.BACKENDS)
def new_store(request: pytest.FixtureRequest) -> NewStore:
    """Opens an empty store on one backend, for every example anew."""
    if request.param == "sqlite":
        return lambda: open_store(":memory:")
    server = request.getfixturevalue("pg_server")

    @contextlib.contextmanager
    def fresh() -> Iterator[Store]:
        with pg.fresh_schema(server) as url, open_store(url) as store:
            yield store

    return fresh


def has_nul(value: Any) -> bool:
    """Whether any string in ``value`` (records, tuples, lists) holds NUL."""
    if isinstance(value, str):
        return "\x00" in value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(has_nul(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, list | tuple):
        return any(has_nul(v) for v in value)
    return False

short = st.text(max_size=12)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@st.composite
def spans(draw: st.DrawFn, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text)))
    return start, draw(st.integers(start, len(text)))


@st.composite
def entities(draw: st.DrawFn, text: str) -> Entity:
    start, end = draw(st.one_of(st.just((-1, -1)), spans(text)))
    return Entity(
        code=draw(st.sampled_from(["RUS", "UKR", "USA", "CHN", "NATO", "EUR", "IGO"]) | short),
        sector=draw(st.sampled_from(["", "GOV", "MIL", "REB", "CVL"])),
        qid=draw(st.sampled_from(["", "Q159", "Q212"])),
        text=text[start:end] if start >= 0 else draw(short),
        name=draw(short),
        start=start,
        end=end,
    )


@st.composite
def date_values(draw: st.DrawFn) -> DateValue:
    precision: Precision = draw(st.sampled_from(get_args(Precision)))
    if draw(st.booleans()):
        return DateValue(None, None, precision, draw(short))  # unresolved phrase
    start, end = sorted((draw(dates), draw(dates)))
    return DateValue(start, end, precision, draw(short))


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    value = draw(numbers)
    high = draw(st.none() | numbers.map(lambda x: value + abs(x)))
    return Quantity(value, draw(short), draw(st.booleans()), draw(short), high)


@st.composite
def events(draw: st.DrawFn, text: str, n: int) -> Event:
    evidence = tuple(Span(s, e, text[s:e]) for s, e in draw(st.lists(spans(text), max_size=3)))
    speaker = draw(st.none() | entities(text))
    return Event(
        event=draw(st.sampled_from(EVENT_TYPES)),
        actor=tuple(draw(st.lists(entities(text), min_size=1, max_size=3))),
        recipient=tuple(draw(st.lists(entities(text), max_size=3))),
        mode=draw(short),
        context=tuple(draw(st.lists(short, max_size=2))),
        event_text=draw(short),
        event_loc=draw(short),
        date=draw(st.none() | date_values()),
        quantity=draw(st.none() | quantities()),
        modality=draw(st.sampled_from(MODALITIES)),
        attribution=Attribution(speaker, draw(short), draw(short)),
        evidence=evidence,
        confidence=draw(st.floats(0, 1)),
        rules=tuple(draw(st.lists(short, max_size=3))),
        article_id=draw(st.sampled_from(["", "elsewhere"])),  # the store sets it
        sentence=draw(st.integers(-1, 10_000)),
        id=draw(st.sampled_from(["", f"own-{n}"])),
    )


@st.composite
def articles_with_events(draw: st.DrawFn) -> tuple[Article, list[Event]]:
    text = draw(st.text(min_size=1, max_size=300))
    blocks = tuple(
        Block(draw(st.sampled_from(["title", "heading", "paragraph", "source"])), s, e)
        for s, e in draw(st.lists(spans(text), max_size=4))
    )
    art = Article(
        id=article_id(text),
        text=text,
        name=draw(short),
        url=draw(st.none() | short),
        outlet=draw(st.none() | short),
        published=draw(st.none() | dates),
        lang=draw(st.none() | st.sampled_from(["nl", "en", "de"])),
        title=draw(short),
        blocks=blocks,
        quoted=draw(st.booleans()),
        origin=draw(short),
    )
    n = draw(st.integers(0, 4))
    return art, [draw(events(text, i)) for i in range(n)]


@FAST
@given(case=articles_with_events())
def test_written_article_and_events_read_back_equal(
    new_store: NewStore, case: tuple[Article, list[Event]]
) -> None:
    art, evs = case
    expected = [
        dataclasses.replace(
            e,
            id=e.id or f"{art.id}-{i}",
            article_id=art.id,
            article_name=art.name,
            article_url=art.url,
        )
        for i, e in enumerate(evs, start=1)
    ]
    with new_store() as store:
        try:
            added = store.add_article(art, evs)
        except StoreError as exc:
            # PostgreSQL text cannot hold NUL: the article is refused whole.
            assert store.location != ":memory:" and has_nul(case) and "NUL" in str(exc)
            assert not store.has_article(art.id) and store.count_events() == 0
            return
        assert added
        assert store.get_article(art.id) == art
        got = store.events(EventQuery(article_id=art.id, order="ingested", limit=None))
        assert [event_to_plover(e) for e in got] == [event_to_plover(e) for e in expected]
        for e in expected:
            one = store.get_event(e.id)
            assert one is not None and event_to_plover(one) == event_to_plover(e)
        # the exploded columns agree with the record
        for e in expected:
            for role in ("actor", "recipient"):
                for ent in getattr(e, role):
                    q = EventQuery(**{role: ent.code}, article_id=art.id, limit=None)
                    assert e.id in {x.id for x in store.events(q)}
        [row] = store.articles(limit=None)
        assert row.event_count == len(evs)
        assert not store.add_article(art, evs)
        assert store.count_events() == len(evs)


words = st.lists(st.from_regex(r"[A-Za-z]{2,10}", fullmatch=True), min_size=1, max_size=20)


@FAST
@given(text_words=words, data=st.data())
def test_every_word_of_an_article_finds_it(
    new_store: NewStore, text_words: list[str], data: st.DataObject
) -> None:
    art = Article.create(" ".join(text_words))
    word = data.draw(st.sampled_from(text_words))
    with new_store() as store:
        store.add_article(art, [Event("AID", (Entity("USA"),))])
        assert [r.id for r in store.articles(query=word.swapcase())] == [art.id]
        assert store.count_events(EventQuery(query=word)) == 1


@FAST
@given(query=st.text(max_size=40))
def test_any_search_text_is_safe(new_store: NewStore, query: str) -> None:
    with new_store() as store:
        store.add_article(Article.create("Poetin zegt AND iets (over) NEAR Koersk."), [])
        store.articles(query=query)
        store.count_events(EventQuery(query=query))
