"""The story facts aggregate (migration 005) against the pure analysis it
replaces on reads: on generated stores, on SQLite and PostgreSQL,
``library.timeline`` and ``library.graph`` (answered by SQL over
``story_facts``) equal ``analyze.timeline.timeline`` and
``analyze.network.build_network`` over every stored story; the table stays
equal to the facts of the stored stories after merges, rebuilds and
re-extraction; and migration 005 fills it for a store made before it."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

import pg
from wending import library
from wending.analyze.facts import ArticleMeta, Articles, story_day, story_parties
from wending.analyze.network import build_network
from wending.analyze.timeline import timeline as reference_timeline
from wending.model import QUAD, Article, DateValue, Entity, Event, Span, Story
from wending.settings import Settings
from wending.store import Store, open_store
from wending.store.migrate import applied_versions
from wending.store.stories import (
    events_without_story,
    fact_params,
    find_stories,
    publication_dates,
)

pg_server, pg_url, store_url = pg.pg_server, pg.pg_url, pg.store_url

D = dt.date
FIRST = D(2025, 3, 1)
CODES = ("RUS", "UKR", "USA", "THA", "KHM", "LBY", "TUR")
NAMES = {c: (f"{c} government", f"{c} army", c.title()) for c in CODES}
TYPES = ("ASSAULT", "ACCUSE", "AID", "CONSULT", "AGREE", "COERCE", "THREATEN", "PROTEST")


def entity(rng: random.Random, code: str) -> Entity:
    return Entity(code, name=rng.choice((*NAMES[code], "")))


def generated(seed: int, n: int = 24) -> list[tuple[Article, list[Event]]]:
    """Happenings told by one to three articles each, with varying names,
    dates (a day, a month, none), joint acts and civil conflicts, so that
    some stories hold several events and some events several links."""
    rng = random.Random(seed)
    out: list[tuple[Article, list[Event]]] = []
    for h in range(n):
        day = FIRST + dt.timedelta(days=rng.randrange(90))
        kind = rng.choice(TYPES)
        actors = tuple(rng.sample(CODES, rng.choice((1, 1, 2))))
        roll = rng.random()
        recipients: tuple[str, ...] = (
            () if roll < 0.2 else (actors[0],) if roll < 0.3 else tuple(rng.sample(CODES, 1))
        )
        for k in range(rng.choice((1, 1, 2, 3))):
            published = day + dt.timedelta(days=rng.randrange(4)) if rng.random() < 0.9 else None
            text = f"Report {seed}-{h}-{k}: {kind} by {' '.join(actors)} on {day}."
            article = Article.create(text, name=f"g{seed}-{h}-{k}", outlet=f"Outlet {k}",
                                     lang="en", published=published, title=text[:20])
            r = rng.random()
            date = (
                DateValue(day, day, "day") if r < 0.6
                else DateValue(day.replace(day=1), day.replace(day=28), "month") if r < 0.8
                else None
            )
            extra = tuple(rng.sample(CODES, 1)) if rng.random() < 0.15 else ()
            events = [
                Event(
                    event=kind if rng.random() < 0.85 else rng.choice(TYPES),
                    actor=tuple(entity(rng, c) for c in actors),
                    recipient=tuple(entity(rng, c) for c in (*recipients, *extra)),
                    date=date,
                    evidence=(Span(0, 10, text[:10]),),
                    confidence=0.9,
                )
            ]
            if rng.random() < 0.2:  # a second, unrelated event in the article
                other = rng.choice(CODES)
                events.append(Event(event=rng.choice(TYPES), actor=(entity(rng, other),),
                                    recipient=(), date=None,
                                    evidence=(Span(0, 10, text[:10]),), confidence=0.5))
            out.append((article, events))
    return out


def fill(url: str, articles: list[tuple[Article, list[Event]]]) -> None:
    with open_store(url) as store:
        for article, events in articles:
            store.add_article(article, events)


def everything_stored(store: Store) -> tuple[list[Story], Articles]:
    stories = find_stories(store, include_undated=True)
    metas = {r.id: ArticleMeta(id=r.id, name=r.name, published=r.published)
             for r in store.articles(limit=None)}
    return stories, metas


def by_day(stories: list[Story], metas: Articles) -> list[Story]:
    """Stories in the order the aggregate lists them: by day (undated last), id."""
    def key(s: Story) -> tuple[bool, dt.date, str]:
        day = story_day(s, metas)
        return (day is None, day or D.min, s.id)

    return sorted(stories, key=key)


def in_window(stories: list[Story], metas: Articles, since: D | None, until: D | None,
              wanted: set[str]) -> list[Story]:
    out = []
    for s in stories:
        day = story_day(s, metas)
        dated = since is not None or until is not None
        if dated and (day is None or (since and day < since) or (until and day > until)):
            continue
        if wanted and not story_parties(s) & wanted:
            continue
        out.append(s)
    return out


def stored_facts(store: Store) -> list[tuple[Any, ...]]:
    found = store._query(
        "SELECT story_id, kind, source, target, day, quad, name, n, events FROM story_facts"
    )
    return sorted(tuple(r.values()) for r in found)


def expected_facts(store: Store) -> list[tuple[Any, ...]]:
    """The facts of the stored stories, computed again; checks on the way
    that the day counts equal those of the stored facts."""
    stories = find_stories(store, include_undated=True)
    published = publication_dates(store._db, (e.article_id for s in stories for e in s.events))
    want = sorted(tuple(p) for s in stories for p in fact_params(s, published))
    days: dict[tuple[Any, ...], list[int]] = {}
    for _, kind, source, target, day, q, name, n, _ in want:
        if day is not None:
            counted = days.setdefault((kind, source, target, day, q, name), [0, 0])
            counted[0] += 1
            counted[1] += n
    found = store._query("SELECT kind, source, target, day, quad, name, stories, mentions"
                         " FROM story_fact_days WHERE stories <> 0 OR mentions <> 0")
    assert {tuple(r.values())[:6]: [r["stories"], r["mentions"]] for r in found} == days
    return want


WINDOWS = [(None, None), (D(2025, 3, 10), D(2025, 4, 20)), (D(2025, 4, 1), None),
           (None, D(2025, 3, 31))]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_timeline_and_graph_equal_the_analysis_of_every_story(store_url: str, seed: int) -> None:
    fill(store_url, generated(seed))
    settings = Settings(db=store_url)
    library.stories(settings=settings, limit=1)  # merge
    with open_store(store_url) as store:
        stories, metas = everything_stored(store)
        assert stored_facts(store) == expected_facts(store)
    assert any(len(s.events) > 1 for s in stories), "the generator should make merged stories"
    rng = random.Random(seed)
    asks: list[dict[str, Any]] = [{}]
    for _ in range(6):
        a, b = rng.sample(CODES, 2)
        asks += [{"actor": a}, {"pair": (a, b)}, {"pair": (b, b)},
                 {"event": rng.choice(TYPES)}, {"actor": a, "event": rng.choice(TYPES)},
                 {"actor": a, "pair": (b, a)}]
    for i, ask in enumerate(asks):
        since, until = WINDOWS[i % len(WINDOWS)]
        interval = ("day", "week", "month")[i % 3]
        got = library.timeline(settings=settings, interval=interval, since=since, until=until,
                               ids=None, **ask)
        pair = ask.get("pair")
        want = reference_timeline(stories, metas, interval=interval, since=since, until=until,
                                  actor=ask.get("actor"), event=ask.get("event"),
                                  pair=tuple(pair) if pair else None)
        assert got == want, (ask, since, until, interval)
        # a bounded sample: the first ids of each point, the counts unchanged
        few = library.timeline(settings=settings, interval=interval, since=since, until=until,
                               ids=1, **ask)
        assert [p.count for p in few.points] == [p.count for p in want.points]
        assert [p.stories for p in few.points] == [p.stories[:1] for p in want.points]
    ordered = by_day(stories, metas)
    for since, until in WINDOWS:
        for wanted in ([], [rng.choice(CODES)], rng.sample(CODES, 2)):
            got_net = library.graph(settings=settings, since=since, until=until, actors=wanted,
                                    ids=None)
            chosen = in_window(ordered, metas, since, until, set(wanted))
            assert got_net.to_dict() == build_network(chosen).to_dict(), (since, until, wanted)
            few_net = library.graph(settings=settings, since=since, until=until, actors=wanted,
                                    ids=1).to_dict()
            full = got_net.to_dict()
            for small, big in zip(few_net["edges"], full["edges"], strict=True):
                assert small["stories"] == big["stories"][:1]
                assert small["weight"] == big["weight"] and small["quad"] == big["quad"]
                assert set(small["events"]) <= set(big["events"])
                assert small["event_count"] == big["event_count"] == len(big["events"])
            assert few_net["communities"] == full["communities"]


def test_edge_events_page_through_every_event_of_an_edge(store_url: str) -> None:
    fill(store_url, generated(4, 40))
    settings = Settings(db=store_url)
    net = library.graph(settings=settings, ids=None).to_dict()
    edge = max(net["edges"], key=lambda e: e["event_count"])
    assert edge["event_count"] >= 2
    pages, offset = [], 0
    while True:
        page = library.edge_events(settings=settings, source=edge["source"],
                                   target=edge["target"], limit=1, offset=offset)
        assert page.total == edge["event_count"]
        if not page.items:
            break
        pages.extend(e.id for e in page.items)
        offset += 1
    assert pages == edge["events"]
    whole = library.edge_events(settings=settings, source=edge["source"], target=edge["target"],
                                limit=None)
    assert [e.id for e in whole.items] == edge["events"]


def test_facts_follow_merges_rebuilds_and_reextraction(store_url: str) -> None:
    articles = generated(5, 30)
    settings = Settings(db=store_url)
    fill(store_url, articles[::2])
    library.stories(settings=settings, limit=1)
    fill(store_url, articles[1::2])  # merged into the stories already saved
    library.stories(settings=settings, limit=1)
    with open_store(store_url) as store:
        assert events_without_story(store) == []
        assert stored_facts(store) == expected_facts(store)
        kinds = {r[1] for r in stored_facts(store)}
        assert kinds == {"story", "type", "party", "link"}
    library.stories(settings=settings, limit=1, rebuild=True)
    with open_store(store_url) as store:
        assert stored_facts(store) == expected_facts(store)
        # re-extraction: an article's events replaced by one of another type
        article, _ = next(a for a in articles if a[0].published is not None)
        held = store._query(
            "SELECT DISTINCT se.story_id FROM story_events se JOIN events e"
            " ON e.id = se.event_id WHERE e.article_id = ?", [article.id])
        assert held
        before = stored_facts(store)
        store.replace_events(article.id, [Event(
            event="PROTEST", actor=(Entity("KHM", name="Cambodia"),), recipient=(),
            date=DateValue(D(2025, 1, 1), D(2025, 1, 1), "day"), evidence=(), confidence=1.0)])
        after = stored_facts(store)
        assert after != before and after == expected_facts(store)
        assert [e.article_id for e in events_without_story(store)] == [article.id]
    library.stories(settings=settings, limit=1)
    with open_store(store_url) as store:
        assert events_without_story(store) == []
        assert stored_facts(store) == expected_facts(store)
        from wending.store.stories import delete_stories

        delete_stories(store)
        assert stored_facts(store) == []
        assert len(events_without_story(store)) == sum(len(e) for _, e in articles)


def test_merged_store_is_checked_without_the_write_lock(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(store_url, generated(6, 8))
    settings = Settings(db=store_url)
    library.timeline(settings=settings)
    def no_transaction(self: Store, what: str) -> Any:
        raise AssertionError(f"a write transaction was opened: {what}")

    monkeypatch.setattr(Store, "transaction", no_transaction)
    assert library.timeline(settings=settings).total > 0
    assert library.graph(settings=settings).graph.number_of_edges() > 0
    fill(store_url, generated(7, 2))
    with pytest.raises(AssertionError, match="write transaction"):
        library.timeline(settings=settings)


def test_migration_005_fills_the_facts_of_an_older_store(store_url: str) -> None:
    articles = generated(8, 20)
    settings = Settings(db=store_url)
    fill(store_url, articles[:-3])
    library.stories(settings=settings, limit=1)
    fill(store_url, articles[-3:])  # stored, not merged yet
    with open_store(store_url) as store:
        want = expected_facts(store)
        unmerged = {e.id for e in events_without_story(store)}
        assert want and unmerged
        # as before migration 005: no facts, no queue of unmerged events
        with store.transaction("downgrading"):
            store._db.execute("DROP TABLE story_facts")
            store._db.execute("DROP TABLE story_fact_days")
            store._db.execute("DROP TABLE unmerged_events")
            store._db.execute("DELETE FROM schema_migrations WHERE version = 5")
        assert 5 not in applied_versions(store._db)
    with open_store(store_url) as store:
        assert 5 in applied_versions(store._db)
        assert stored_facts(store) == want
        assert {e.id for e in events_without_story(store)} == unmerged
    views = library.stories(settings=settings, limit=None)
    assert sum(len(v.story.events) for v in views) == sum(len(e) for _, e in articles)
    with open_store(store_url) as store:
        assert stored_facts(store) == expected_facts(store)


def test_quads_of_the_generated_types_cover_conflict_and_cooperation() -> None:
    quads = {QUAD[t] for t in TYPES}
    assert {1, 2} & quads and {3, 4} & quads
