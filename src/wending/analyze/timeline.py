"""Timelines: how many stories per day, week or month, for an actor, a pair
of actors or an event type, with the stories behind each point.

A story counts once, on its day (:func:`wending.analyze.facts.story_day`),
however many articles tell it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from wending.analyze.facts import Articles, quad, story_day, story_dyads, story_parties
from wending.model import Story

Interval = Literal["day", "week", "month"]
INTERVALS: tuple[Interval, ...] = ("day", "week", "month")
#: Longest gap-filled series returned (about 27 years of days).
MAX_POINTS = 10_000


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    start: dt.date
    end: dt.date
    count: int
    conflict: int
    cooperation: int
    stories: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "count": self.count,
            "conflict": self.conflict,
            "cooperation": self.cooperation,
            "stories": list(self.stories),
        }


@dataclass(frozen=True, slots=True)
class Timeline:
    interval: Interval
    points: tuple[TimelinePoint, ...]
    actor: str | None = None
    pair: tuple[str, str] | None = None
    event: str | None = None

    @property
    def total(self) -> int:
        return sum(p.count for p in self.points)

    def to_dict(self) -> dict[str, Any]:
        return {
            "interval": self.interval,
            "actor": self.actor,
            "pair": list(self.pair) if self.pair else None,
            "event": self.event,
            "total": self.total,
            "points": [p.to_dict() for p in self.points],
        }


def bucket(day: dt.date, interval: Interval) -> tuple[dt.date, dt.date]:
    """The first and last day of the period holding ``day`` (weeks start on
    Monday, as ISO weeks do)."""
    if interval == "day":
        return day, day
    if interval == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if interval == "month":
        start = day.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return start, nxt - dt.timedelta(days=1)
    raise ValueError(f"unknown interval {interval!r}; use day, week or month")


def matches(
    story: Story,
    *,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    event: str | None = None,
) -> bool:
    """Does the story involve ``actor`` (any role), the ``pair`` (one
    with the other, either way) and have type ``event``?"""
    if actor is not None and actor not in story_parties(story):
        return False
    if pair is not None:
        a, b = pair
        if (min(a, b), max(a, b)) not in story_dyads(story):
            return False
    return event is None or story.event == event or any(e.event == event for e in story.events)


def timeline(
    stories: Iterable[Story],
    articles: Articles,
    *,
    interval: Interval = "week",
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    event: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Timeline:
    """Story counts per period, gap-filled from ``since`` (else the first
    story) to ``until`` (else the last); stories without a date are left
    out. (The reference that :func:`wending.library.timeline` reproduces
    from the store's aggregate.)"""
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval {interval!r}; use day, week or month")
    dated: list[tuple[dt.date, Story]] = []
    for s in stories:
        day = story_day(s, articles)
        if day is None or not matches(s, actor=actor, pair=pair, event=event):
            continue
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        dated.append((day, s))
    dated.sort(key=lambda x: (x[0], x[1].id))
    return assemble(
        [(day, quad(s.event), 1) for day, s in dated],
        [(day, s.id) for day, s in dated],
        interval=interval, since=since, until=until, ids_per_point=None,
        actor=actor, pair=pair, event=event,
    )


def assemble(
    counts: Iterable[tuple[dt.date, int, int]],
    ids: Iterable[tuple[dt.date, str]],
    *,
    interval: Interval,
    since: dt.date | None,
    until: dt.date | None,
    ids_per_point: int | None = None,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    event: str | None = None,
) -> Timeline:
    """The timeline of story counts ``(day, quad, stories)`` and story ids
    ``(day, id)`` (in the order to list them), gap-filled from ``since``
    (else the first day counted) to ``until`` (else the last). Each point
    lists the first ``ids_per_point`` of its stories (all when ``None``)."""
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval {interval!r}; use day, week or month")
    totals: dict[dt.date, list[int]] = {}
    for day, q, n in counts:
        point = totals.setdefault(bucket(day, interval)[0], [0, 0, 0])
        point[0] += n
        point[1] += n if q in (3, 4) else 0
        point[2] += n if q in (1, 2) else 0
    listed: dict[dt.date, list[str]] = {}
    for day, story_id in ids:
        members = listed.setdefault(bucket(day, interval)[0], [])
        if ids_per_point is None or len(members) < ids_per_point:
            members.append(story_id)
    first = since or (min(totals) if totals else None)
    last = until or (max(totals) if totals else None)
    points: list[TimelinePoint] = []
    if first is not None and last is not None:
        start, end = bucket(first, interval)
        while start <= last and len(points) < MAX_POINTS:
            c, conflict, coop = totals.get(start, (0, 0, 0))
            points.append(TimelinePoint(start=start, end=end, count=c, conflict=conflict,
                                        cooperation=coop, stories=tuple(listed.get(start, ()))))
            start, end = bucket(end + dt.timedelta(days=1), interval)
    return Timeline(interval=interval, points=tuple(points), actor=actor, pair=pair, event=event)
