"""Timelines: how many stories per day, week or month, for an actor, a pair
of actors or an event type, with the stories behind each point.

A story counts once, on its day (:func:`wending.analyze.facts.story_day`),
however many articles tell it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
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
    out."""
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
    first = since or (dated[0][0] if dated else None)
    last = until or (dated[-1][0] if dated else None)
    points: list[TimelinePoint] = []
    if first is not None and last is not None:
        points = _points(dated, first, last, interval)
    return Timeline(interval=interval, points=tuple(points), actor=actor, pair=pair, event=event)


def _points(
    dated: Sequence[tuple[dt.date, Story]], first: dt.date, last: dt.date, interval: Interval
) -> list[TimelinePoint]:
    groups: dict[dt.date, list[Story]] = {}
    for day, s in dated:
        groups.setdefault(bucket(day, interval)[0], []).append(s)
    out: list[TimelinePoint] = []
    start, end = bucket(first, interval)
    while start <= last and len(out) < MAX_POINTS:
        members = groups.get(start, [])
        out.append(
            TimelinePoint(
                start=start,
                end=end,
                count=len(members),
                conflict=sum(1 for s in members if quad(s.event) in (3, 4)),
                cooperation=sum(1 for s in members if quad(s.event) in (1, 2)),
                stories=tuple(s.id for s in members),
            )
        )
        start, end = bucket(end + dt.timedelta(days=1), interval)
    return out

