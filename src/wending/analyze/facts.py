"""Facts the analysis reads off events and stories: when, who with whom,
how sure. Pure functions over :mod:`wending.model` records.

Article metadata (publication date, outlet, language) is not part of an
:class:`~wending.model.Event`; callers pass it in as :class:`ArticleMeta`
records keyed by article id.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from wending.model import QUAD, Event, Modality, Story

#: How firmly a modality states that an event took place; higher is firmer.
#: A story's modality is the firmest any of its events gives.
MODALITY_STRENGTH: dict[str, int] = {
    "asserted": 5,
    "reported": 4,
    "alleged": 3,
    "planned": 2,
    "predicted": 1,
    "denied": 0,
}

#: Modalities that put the event itself in doubt.
CONTESTED: frozenset[str] = frozenset({"alleged", "denied"})
#: Modalities of a report that does not (yet) state a past act as fact:
#: such reports are often confirmed, or carried out, months later.
UNSETTLED: frozenset[str] = frozenset({"alleged", "denied", "planned", "predicted"})


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the analysis needs to know of an article besides its events."""

    id: str
    name: str = ""
    published: dt.date | None = None
    outlet: str = ""
    lang: str = ""
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "published": iso(self.published),
            "outlet": self.outlet,
            "lang": self.lang,
            "url": self.url,
        }


Articles = Mapping[str, ArticleMeta]


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def strongest(modalities: Iterable[str]) -> Modality:
    """The firmest of some modalities (``asserted`` when there are none)."""
    best: Modality | None = None
    for m in modalities:
        if m in MODALITY_STRENGTH and (
            best is None or MODALITY_STRENGTH[m] > MODALITY_STRENGTH[best]
        ):
            best = m  # type: ignore[assignment]
    return best or "asserted"


def published(event: Event, articles: Articles) -> dt.date | None:
    meta = articles.get(event.article_id)
    return meta.published if meta is not None else None


def outlet(event: Event, articles: Articles) -> str:
    meta = articles.get(event.article_id)
    return (meta.outlet if meta is not None and meta.outlet else "") or event.attribution.outlet


def date_range(
    event: Event, articles: Articles, *, undated_days: int
) -> tuple[dt.date, dt.date] | None:
    """The days the event may have happened on: its resolved date range, or
    for an event without one the ``undated_days`` before its article's
    publication (news reports what just happened); ``None`` if neither is
    known."""
    d = event.date
    if d is not None and d.start is not None and d.end is not None:
        return d.start, d.end
    pub = published(event, articles)
    if pub is None:
        return None
    try:
        return pub - dt.timedelta(days=undated_days), pub
    except OverflowError:  # a publication date at the start of the calendar
        return dt.date.min, pub


def has_precise_date(event: Event) -> bool:
    """True if the event has a resolved date of day or week precision."""
    d = event.date
    return d is not None and d.start is not None and d.precision in ("day", "week")


def event_day(event: Event, articles: Articles) -> dt.date | None:
    """One day to place the event on a timeline: its date if exact; for a
    range, the publication date if it falls inside (the event was going on
    when reported), else the range's end if that is past, else its start;
    the publication date for an undated event."""
    pub = published(event, articles)
    d = event.date
    if d is None or d.start is None or d.end is None:
        return pub
    if d.start == d.end or pub is None:
        return d.start
    if d.start <= pub <= d.end:
        return pub
    return d.end if d.end < pub else d.start


def story_day(story: Story, articles: Articles) -> dt.date | None:
    """When the story happened: the earliest day of its events (else its
    first report)."""
    days = [day for e in story.events if (day := event_day(e, articles)) is not None]
    return min(days) if days else story.first_reported


def codes(entities: Iterable[Any]) -> tuple[str, ...]:
    """Distinct non-empty actor codes, in order."""
    return tuple(dict.fromkeys(e.code for e in entities if e.code))


def dyads(event: Event) -> set[tuple[str, str]]:
    """The unordered pairs of actor codes that interact in an event: each
    actor with each recipient, or for a joint act (no recipient, several
    actors) each pair of actors. A pair may be one code twice (a civil
    conflict: ``LBY`` rebels against ``LBY`` government)."""
    actors, recipients = codes(event.actor), codes(event.recipient)
    out: set[tuple[str, str]] = set()
    if recipients:
        for a in actors:
            for r in recipients:
                out.add(pair(a, r))
    else:
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                out.add(pair(a, b))
    return out


def directed(event: Event) -> set[tuple[str, str]]:
    """Ordered (source, target) pairs of an event; joint acts give each pair
    of actors in code order."""
    actors, recipients = codes(event.actor), codes(event.recipient)
    if recipients:
        return {(a, r) for a in actors for r in recipients}
    return {pair(a, b) for i, a in enumerate(actors) for b in actors[i + 1 :]}


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def story_dyads(story: Story) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for e in story.events:
        out |= dyads(e)
    return out


def story_parties(story: Story) -> set[str]:
    return set(story.actor_codes) | set(story.recipient_codes)


def quad(event_type: str) -> int:
    return QUAD.get(event_type, 0)


def sign(q: int) -> int:
    """+1 for cooperation (quad 1, 2), -1 for conflict (quad 3, 4), 0 else."""
    return 1 if q in (1, 2) else -1 if q in (3, 4) else 0


def top_name(counts: Mapping[str, int] | None) -> tuple[str, int]:
    """The most common name and its count (ties: the first in alphabetical
    order); ``("", 0)`` when there is none."""
    if not counts:
        return "", 0
    name, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return name, n


FactKind = Literal["story", "type", "party", "link"]


@dataclass(frozen=True, slots=True)
class StoryFact:
    """One thing the timeline and the network count of a story (the store
    keeps them in its ``story_facts`` table, with the story's day and quad).

    ``story``: the story itself; ``type``: an event type of the story or of
    one of its events (``source``); ``party``: an actor code of the story
    (``source``) with the name its events give it most often (``name``) and
    how often (``n``); ``link``: a directed link ``source -> target`` of its
    events (:func:`directed`), the ``n`` events on it and their ids.
    """

    kind: FactKind
    source: str = ""
    target: str = ""
    name: str = ""
    n: int = 1
    events: tuple[str, ...] = ()


def story_facts(story: Story) -> tuple[StoryFact, ...]:
    """The facts of a story, in a fixed order (see :class:`StoryFact`)."""
    events: list[Event] = []
    seen: set[str] = set()
    for e in story.events:  # each event once (as the store links them)
        if e.id not in seen:
            seen.add(e.id)
            events.append(e)
    out = [StoryFact("story")]
    types = {story.event, *(e.event for e in events)}
    out.extend(StoryFact("type", t) for t in sorted(types))
    names: dict[str, Counter[str]] = {}
    for e in events:
        for ent in (*e.actor, *e.recipient):
            if ent.code and ent.name:
                names.setdefault(ent.code, Counter())[ent.name] += 1
    for code in sorted(c for c in story_parties(story) if c):
        name, n = top_name(names.get(code))
        out.append(StoryFact("party", code, name=name, n=n))
    links: dict[tuple[str, str], list[str]] = {}
    for e in events:
        for link in sorted(directed(e)):
            links.setdefault(link, []).append(e.id)
    for (u, v), ids in sorted(links.items()):
        out.append(StoryFact("link", u, v, n=len(ids), events=tuple(ids)))
    return tuple(out)


def evidence_text(event: Event, *, limit: int = 300) -> str:
    """The words that show the event: its evidence spans, else its text."""
    text = " … ".join(s.text for s in event.evidence) or event.event_text
    return text if len(text) <= limit else text[: limit - 1] + "…"
