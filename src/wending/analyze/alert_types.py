"""Alert records, the options of the alert rules, and what the rules share:
the stories in the order they happened."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from wending.analyze.facts import (
    Articles,
    evidence_text,
    iso,
    story_day,
    strongest,
)
from wending.model import Event, Modality, Story

AlertKind = Literal["new_turn", "new_actor", "modality_firmed", "escalation", "verbal_to_material"]
ALERT_KINDS: tuple[AlertKind, ...] = (
    "new_turn",
    "new_actor",
    "modality_firmed",
    "escalation",
    "verbal_to_material",
)

QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

#: Stories with these modalities did not (yet) happen: they make no history
#: and raise no alert of interaction or escalation.
NOT_HAPPENED: frozenset[str] = frozenset({"denied"})
#: Not counted as conflict that took place (escalation rules).
NOT_OCCURRED: frozenset[str] = frozenset({"denied", "planned", "predicted"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """One event an alert rests on, and the words that show it."""

    event_id: str
    article_id: str
    article: str
    text: str
    modality: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "article": self.article,
            "text": self.text,
            "modality": self.modality,
        }


@dataclass(frozen=True, slots=True)
class Alert:
    """A new turn or an escalation, with the stories and evidence behind it.

    ``date`` is the day the alert could first be raised: the publication of
    the report that completes it (never before the events). ``watch``
    names the watch rules it matched (empty when no watch file was used).
    """

    kind: AlertKind
    title: str
    summary: str
    actors: tuple[str, ...]
    stories: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    date: dt.date | None
    event_types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    modality: Modality = "asserted"
    watch: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        parts = (self.kind, ",".join(self.actors), ",".join(self.stories), iso(self.date) or "")
        key = "|".join(parts)
        return "alert-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "summary": self.summary,
            "actors": list(self.actors),
            "stories": list(self.stories),
            "evidence": [e.to_dict() for e in self.evidence],
            "date": iso(self.date),
            "event_types": list(self.event_types),
            "places": list(self.places),
            "modality": self.modality,
            "watch": list(self.watch),
        }


@dataclass(frozen=True, slots=True)
class AlertRules:
    """Thresholds of the alert rules (``docs/analysis.md``).

    Escalation (ACLED's early-warning rule): a dyad's conflict stories in
    the last 7 days exceed its weekly mean over the ``short_weeks`` and the
    ``long_weeks`` before by more than ``rise`` (0.25: 25 %), with at least
    ``min_events`` stories and ``min_history_weeks`` of data before. A
    dyad with fewer than ``min_baseline`` conflict stories in the long
    baseline has no baseline to rise over: its first burst is a new
    conflict (a ``new_turn``), not an escalation. Within ``cooldown_days``
    of an alert a dyad alerts again only with more stories.
    ``lookback_days`` bounds how old a conflict may be for a new actor to
    "enter" it, and how far back the verbal conflict before a first
    material one is looked for.
    """

    rise: float = 0.25
    short_weeks: int = 4
    long_weeks: int = 52
    min_events: int = 3
    min_history_weeks: int = 4
    min_baseline: int = 1
    cooldown_days: int = 7
    lookback_days: int = 365
    max_evidence: int = 6

    def __post_init__(self) -> None:
        if self.rise < 0 or min(self.min_events, self.short_weeks, self.min_history_weeks) < 1:
            raise ValueError(
                "AlertRules: rise must be >= 0; min_events, short_weeks and "
                "min_history_weeks >= 1"
            )
        if self.long_weeks < self.short_weeks:
            raise ValueError("AlertRules: long_weeks must be at least short_weeks")


@dataclass(frozen=True, slots=True)
class Dated:
    """A story with the day it happened."""

    day: dt.date
    story: Story


def chronology(
    stories: Iterable[Story], articles: Articles, *, exclude: frozenset[str] = NOT_HAPPENED
) -> list[Dated]:
    """Dated stories in the order they happened (then by id); stories
    without a day, or whose firmest modality is in ``exclude``, are left out."""
    out = [
        Dated(day, s)
        for s in stories
        if s.modality not in exclude and (day := story_day(s, articles)) is not None
    ]
    out.sort(key=lambda d: (d.day, d.story.first_reported or d.day, d.story.id))
    return out


def known(day: dt.date, stories: Iterable[Story]) -> dt.date:
    """The day an alert about events of ``day`` could first be raised: when
    the last of its stories was first reported, never before ``day``."""
    reported = [s.first_reported for s in stories if s.first_reported is not None]
    return max([day, *reported])


def dyad_label(d: tuple[str, str]) -> str:
    return f"{d[0]}–{d[1]}" if d[0] != d[1] else f"{d[0]} (internal)"


def evidence_of(
    events: Iterable[Event], articles: Articles, *, limit: int
) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    for e in events:
        if len(out) >= limit:
            break
        meta = articles.get(e.article_id)
        out.append(
            Evidence(
                event_id=e.id,
                article_id=e.article_id,
                article=(meta.name if meta is not None and meta.name else e.article_name),
                text=evidence_text(e),
                modality=e.modality,
            )
        )
    return tuple(out)


def make_alert(
    kind: AlertKind,
    *,
    title: str,
    summary: str,
    actors: Sequence[str],
    stories: Sequence[Story],
    events: Sequence[Event],
    date: dt.date | None,
    articles: Articles,
    rules: AlertRules,
) -> Alert:
    """An alert with the types, places and modality of its stories."""
    return Alert(
        kind=kind,
        title=title,
        summary=summary,
        actors=tuple(dict.fromkeys(actors)),
        stories=tuple(dict.fromkeys(s.id for s in stories)),
        evidence=evidence_of(events, articles, limit=rules.max_evidence),
        date=date,
        event_types=tuple(sorted({e.event for s in stories for e in s.events})),
        places=tuple(sorted({e.event_loc for s in stories for e in s.events if e.event_loc})),
        modality=strongest(s.modality for s in stories),
    )
