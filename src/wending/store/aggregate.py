"""Counts for the timeline and the actor network, by SQL GROUP BY over the
``story_facts`` table (migration 005) instead of reading stories.

Each function takes the :class:`~wending.store.Store` and reads through its
error handling. Story days are ISO text, so periods are text ranges; a
story without a day is in no period (only in the network of all time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from wending.store import rows
from wending.store.queries import placeholders

if TYPE_CHECKING:
    from wending.store.store import Store


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories count: those with a party ``actor``, with a link
    between the two codes of ``pair`` (either way), with an event of type
    ``event``, on a day in ``since``..``until`` (inclusive), and with a party
    among ``actors`` (when given). ``dated`` leaves out stories without a
    day even when no period is given."""

    actor: str | None = None
    pair: tuple[str, str] | None = None
    event: str | None = None
    actors: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    dated: bool = True


def _where(f: StoryFilter, *, drive: str) -> tuple[str, list[Any]]:
    """Conditions on the rows ``f`` of story_facts (the kind ``drive`` is
    tested by the caller): the period and every filter other than the one
    those rows stand for, as index lookups of the same story's facts."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.since is not None:
        clauses.append("f.day >= ?")
        params.append(f.since.isoformat())
    if f.until is not None:
        clauses.append("f.day <= ?")
        params.append(f.until.isoformat())
    if f.dated and f.since is None and f.until is None:
        clauses.append("f.day IS NOT NULL")

    def has(kind: str, source: str, target: str = "") -> str:
        params.extend([kind, source, target])
        return (
            "EXISTS (SELECT 1 FROM story_facts x WHERE x.story_id = f.story_id"
            " AND x.kind = ? AND x.source = ? AND x.target = ?)"
        )

    if f.actor is not None and drive != "party":
        clauses.append(has("party", f.actor))
    if f.event is not None and drive != "type":
        clauses.append(has("type", f.event))
    if f.pair is not None and drive != "pair":
        a, b = f.pair
        clauses.append(f"({has('link', a, b)} OR {has('link', b, a)})")
    if f.actors:
        clauses.append(
            "EXISTS (SELECT 1 FROM story_facts x WHERE x.story_id = f.story_id"
            f" AND x.kind = 'party' AND x.source IN ({placeholders(len(f.actors))}))"
        )
        params.extend(f.actors)
    return (" AND " + " AND ".join(clauses)) if clauses else "", params


def _matching(f: StoryFilter) -> tuple[str, list[Any]]:
    """A query of the matching stories, one row each: ``story_id``, ``day``,
    ``quad``. It reads the rows of the most selective filter given (an
    actor, an event type, a pair, else every story) in the index of that
    kind, code and day."""
    if f.actor is not None:
        drive, keys = "party", [("party", f.actor, "")]
    elif f.event is not None:
        drive, keys = "type", [("type", f.event, "")]
    elif f.pair is not None:
        a, b = f.pair
        drive, keys = "pair", [("link", a, b)] + ([("link", b, a)] if a != b else [])
    else:
        drive, keys = "story", [("story", "", "")]
    parts: list[str] = []
    params: list[Any] = []
    for i, key in enumerate(keys):
        where, values = _where(f, drive=drive)
        # a story linked both ways counts once: the second direction only
        # where the first is missing
        first = keys[0]
        skip = (
            " AND NOT EXISTS (SELECT 1 FROM story_facts y WHERE y.story_id = f.story_id"
            " AND y.kind = ? AND y.source = ? AND y.target = ?)"
            if i
            else ""
        )
        parts.append(
            "SELECT f.story_id, f.day, f.quad FROM story_facts f"
            f" WHERE f.kind = ? AND f.source = ? AND f.target = ?{where}{skip}"
        )
        params.extend([*key, *values, *(first if i else ())])
    return " UNION ALL ".join(parts), params


def _period(f: StoryFilter) -> tuple[str, list[Any]]:
    """The period as conditions on the rows ``d`` of story_fact_days."""
    text, params = "", []
    if f.since is not None:
        text += " AND d.day >= ?"
        params.append(f.since.isoformat())
    if f.until is not None:
        text += " AND d.day <= ?"
        params.append(f.until.isoformat())
    return text, params


def _day_key(f: StoryFilter) -> tuple[str, str] | None:
    """The (kind, source) of story_fact_days that counts the stories of
    ``f``, if one does (one actor, or one event type, or none; dated)."""
    if f.pair is not None or f.actors or not f.dated or (f.actor and f.event):
        return None
    if f.actor is not None:
        return "party", f.actor
    if f.event is not None:
        return "type", f.event
    return "story", ""


def story_counts(store: Store, f: StoryFilter) -> list[tuple[dt.date, int, int]]:
    """``(day, quad, stories)`` of the matching dated stories (from the
    day counts where they answer, else from the facts)."""
    key = _day_key(f)
    if key is not None:
        period, values = _period(f)
        text = (
            "SELECT d.day, d.quad, SUM(d.stories) AS n FROM story_fact_days d"
            f" WHERE d.kind = ? AND d.source = ? AND d.target = ''{period} AND d.stories > 0"
            " GROUP BY d.day, d.quad"
        )
        params: list[Any] = [*key, *values]
    else:
        inner, params = _matching(f)
        text = f"SELECT m.day, m.quad, COUNT(*) AS n FROM ({inner}) m GROUP BY m.day, m.quad"
    out = []
    for r in store._query(text, params):
        day = rows.parse_date(r["day"])
        if day is not None:
            out.append((day, int(r["quad"]), int(r["n"])))
    return out


def story_ids(
    store: Store, f: StoryFilter, *, limit: int | None, offset: int = 0
) -> list[tuple[dt.date | None, str]]:
    """``(day, story id)`` of the matching stories by day, then id; a page."""
    rows.check_page(limit, offset)
    inner, params = _matching(f)
    page, page_params = store._db.limit_sql(limit, offset)
    text = (
        f"SELECT m.day, m.story_id FROM ({inner}) m"
        f" ORDER BY (m.day IS NULL), m.day, m.story_id{page}"
    )
    return [
        (rows.parse_date(r["day"]), str(r["story_id"]))
        for r in store._query(text, [*params, *page_params])
    ]


def first_ids(store: Store, f: StoryFilter, start: dt.date, end: dt.date, n: int) -> list[str]:
    """The first ``n`` matching story ids (by day, then id) of the days
    ``start``..``end`` (within ``f``'s period): one index range."""
    since = max(start, f.since) if f.since is not None else start
    until = min(end, f.until) if f.until is not None else end
    inner, params = _matching(replace(f, since=since, until=until))
    page, page_params = store._db.limit_sql(n, 0)
    text = f"SELECT m.story_id FROM ({inner}) m ORDER BY m.day, m.story_id{page}"
    return [str(r["story_id"]) for r in store._query(text, [*params, *page_params])]


@dataclass(frozen=True, slots=True)
class EdgeCount:
    """The matching stories on one directed link: in all, per quad 1..4,
    and the events on the link."""

    source: str
    target: str
    stories: int
    quad: dict[int, int]
    events: int


def edge_counts(store: Store, f: StoryFilter) -> list[EdgeCount]:
    """Stories (in all and per quad) and events per directed link, over the
    matching stories (``f.actor``, ``f.pair`` and ``f.event`` are not used
    here)."""
    if not f.actors and f.dated:  # the day counts hold them
        period, values = _period(f)
        text = (
            "SELECT d.source, d.target, SUM(d.stories) AS stories, SUM(d.mentions) AS events,"
            " SUM(CASE WHEN d.quad = 1 THEN d.stories ELSE 0 END) AS q1,"
            " SUM(CASE WHEN d.quad = 2 THEN d.stories ELSE 0 END) AS q2,"
            " SUM(CASE WHEN d.quad = 3 THEN d.stories ELSE 0 END) AS q3,"
            " SUM(CASE WHEN d.quad = 4 THEN d.stories ELSE 0 END) AS q4"
            f" FROM story_fact_days d WHERE d.kind = 'link'{period}"
            " GROUP BY d.source, d.target HAVING SUM(d.stories) > 0"
        )
        return _edges(store._query(text, values))
    where, params = _where(f, drive="link")
    text = (
        "SELECT f.source, f.target, COUNT(*) AS stories, SUM(f.n) AS events,"
        " SUM(CASE WHEN f.quad = 1 THEN 1 ELSE 0 END) AS q1,"
        " SUM(CASE WHEN f.quad = 2 THEN 1 ELSE 0 END) AS q2,"
        " SUM(CASE WHEN f.quad = 3 THEN 1 ELSE 0 END) AS q3,"
        " SUM(CASE WHEN f.quad = 4 THEN 1 ELSE 0 END) AS q4"
        f" FROM story_facts f WHERE f.kind = 'link'{where}"
        " GROUP BY f.source, f.target"
    )
    return _edges(store._query(text, params))


def _edges(found: list[dict[str, Any]]) -> list[EdgeCount]:
    return [
        EdgeCount(
            r["source"], r["target"], int(r["stories"]),
            {1: int(r["q1"]), 2: int(r["q2"]), 3: int(r["q3"]), 4: int(r["q4"])},
            int(r["events"]),
        )
        for r in found
    ]


def party_names(store: Store, f: StoryFilter) -> list[tuple[str, str, int]]:
    """``(code, name, mentions)`` over the parties of the matching stories:
    every party once, with each name stories give it most often (name ``""``
    for a party no event names)."""
    if not f.actors and f.dated:
        period, values = _period(f)
        text = (
            "SELECT d.source, d.name, SUM(d.mentions) AS n FROM story_fact_days d"
            f" WHERE d.kind = 'party'{period} AND d.stories > 0 GROUP BY d.source, d.name"
        )
        return [(r["source"], r["name"], int(r["n"])) for r in store._query(text, values)]
    where, params = _where(f, drive="party")
    text = (
        "SELECT f.source, f.name, SUM(f.n) AS n FROM story_facts f"
        f" WHERE f.kind = 'party'{where} GROUP BY f.source, f.name"
    )
    return [(r["source"], r["name"], int(r["n"])) for r in store._query(text, params)]


def edge_samples(
    store: Store, f: StoryFilter, per_edge: int | None
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """``(source, target, story id, event ids)`` of the first ``per_edge``
    matching stories (by day, then id; all when ``None``) of every
    directed link."""
    where, params = _where(f, drive="link")
    if per_edge is None:
        text = (
            "SELECT f.source, f.target, f.story_id, f.events FROM story_facts f"
            f" WHERE f.kind = 'link'{where} ORDER BY f.source, f.target, f.day, f.story_id"
        )
        return [
            (r["source"], r["target"], r["story_id"], tuple(str(r["events"]).split()))
            for r in store._query(text, params)
        ]
    text = (
        "SELECT r.source, r.target, r.story_id, r.events FROM ("
        " SELECT f.source, f.target, f.story_id, f.events, f.day,"
        " ROW_NUMBER() OVER (PARTITION BY f.source, f.target"
        " ORDER BY (f.day IS NULL), f.day, f.story_id) AS rn"
        f" FROM story_facts f WHERE f.kind = 'link'{where}) r"
        " WHERE r.rn <= ? ORDER BY r.source, r.target, (r.day IS NULL), r.day, r.story_id"
    )
    return [
        (r["source"], r["target"], r["story_id"], tuple(str(r["events"]).split()))
        for r in store._query(text, [*params, per_edge])
    ]


def link_events(
    store: Store,
    source: str,
    target: str,
    f: StoryFilter,
    *,
    limit: int | None,
    offset: int = 0,
) -> tuple[list[str], int]:
    """The ids of the events on the link ``source -> target`` of the
    matching stories (by story day, story id, then the event's place in its
    story), one page, and how many there are in all."""
    rows.check_page(limit, offset)
    where, params = _where(f, drive="link")
    key = "f.kind = 'link' AND f.source = ? AND f.target = ?"
    total = store._query(
        f"SELECT COALESCE(SUM(f.n), 0) AS n FROM story_facts f WHERE {key}{where}",
        [source, target, *params],
    )
    # every story on the link has one event on it at least
    stories = None if limit is None else offset + limit
    page, page_params = store._db.limit_sql(stories, 0)
    found = store._query(
        f"SELECT f.events FROM story_facts f WHERE {key}{where}"
        f" ORDER BY (f.day IS NULL), f.day, f.story_id{page}",
        [source, target, *params, *page_params],
    )
    ids = [i for r in found for i in str(r["events"]).split()]
    end = None if limit is None else offset + limit
    return ids[offset:end], int(total[0]["n"])
