"""Stories: the events of many articles that tell one real-world event.

:func:`merge` is incremental: it takes the stories built so far and new
events, and adds each event to the story it matches best or starts a new
story. Existing stories are never split or joined, so their ids stay put.
A story's id comes from the event that founded it, so the same events merged
in the same order give the same ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from wending.analyze.facts import (
    ArticleMeta,
    Articles,
    codes,
    event_day,
    iso,
    outlet,
    published,
    story_day,
    strongest,
)
from wending.analyze.matching import MergeWindow, same_event, similarity
from wending.model import Event, Modality, Story
from wending.plover import event_to_plover


def story_id(founder: Event) -> str:
    """The id of the story an event founds: a hash of the event's id."""
    return "story-" + hashlib.sha256(founder.id.encode("utf-8")).hexdigest()[:16]


def event_key(event: Event) -> str:
    """An id for an event that has none (hand-built events): a hash of what
    it says and where."""
    text = "|".join(
        (event.article_id, str(event.sentence), event.event, ",".join(codes(event.actor)),
         ",".join(codes(event.recipient)), event.event_text)
    )
    return "ev-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_story(sid: str, events: Sequence[Event], articles: Articles) -> Story:
    """A story record from its events (in the order they joined)."""
    types = Counter(e.event for e in events)
    top = max(types.values())
    event_type = next(e.event for e in events if types[e.event] == top)
    days = [d for e in events if (d := published(e, articles)) is not None]
    if not days:
        days = [d for e in events if (d := event_day(e, articles)) is not None]
    return Story(
        id=sid,
        event=event_type,
        actor_codes=tuple(sorted({c for e in events for c in codes(e.actor)})),
        recipient_codes=tuple(sorted({c for e in events for c in codes(e.recipient)})),
        events=tuple(events),
        first_reported=min(days) if days else None,
        outlets=tuple(sorted({o for e in events if (o := outlet(e, articles))})),
        modality=strongest(e.modality for e in events),
    )


def _order(event: Event, articles: Articles) -> tuple[dt.date, dt.date, str, str]:
    far = dt.date.max
    return (published(event, articles) or far, event_day(event, articles) or far,
            event.article_id, event.id)


def merge(
    existing: Sequence[Story],
    new_events: Sequence[Event],
    *,
    window: MergeWindow | None = None,
    articles: Articles | None = None,
    countries: Collection[str] = (),
) -> list[Story]:
    """Add ``new_events`` to ``existing`` stories; all stories, the
    existing ones first (updated where they gained events), then new ones.

    New events are taken in order of publication, then date. An event joins
    the story all of whose events it matches (:func:`same_event`, so no
    chain of near matches drifts), choosing the most similar one; else it
    founds a story. Events already in a story are skipped, so merging the
    same events twice changes nothing. ``articles`` gives publication dates
    and outlets; ``countries`` the casefolded country names, which match any
    place.
    """
    window = window or MergeWindow()
    articles = articles or {}
    members: dict[str, list[Event]] = {s.id: list(s.events) for s in existing}
    by_code: dict[str, list[str]] = {}
    for s in existing:
        for c in {*s.actor_codes, *s.recipient_codes}:
            by_code.setdefault(c, []).append(s.id)
    rank = {sid: i for i, sid in enumerate(members)}
    seen = {e.id for events in members.values() for e in events}
    changed: set[str] = set()
    fresh = [e if e.id else replace(e, id=event_key(e)) for e in new_events]
    for event in sorted(fresh, key=lambda e: _order(e, articles)):
        if event.id in seen:
            continue
        seen.add(event.id)
        candidates = {sid for c in codes(event.actor) + codes(event.recipient)
                      for sid in by_code.get(c, ())}
        best: tuple[float, int, str] | None = None
        for sid in candidates:
            group = members[sid]
            if not all(same_event(event, other, articles=articles, window=window,
                                  countries=countries) for other in group):
                continue
            score = sum(similarity(event, other) for other in group) / len(group)
            key = (score, -rank[sid], sid)
            if best is None or key > best:
                best = key
        if best is not None:
            sid = best[2]
            members[sid].append(event)
        else:
            sid = story_id(event)
            while sid in members:  # an event id reused across batches
                sid = story_id(replace(event, id=sid))
            members[sid] = [event]
            rank[sid] = len(rank)
        changed.add(sid)
        for c in codes(event.actor) + codes(event.recipient):
            ids = by_code.setdefault(c, [])
            if sid not in ids:
                ids.append(sid)
    old = {s.id: s for s in existing}
    return [
        build_story(sid, events, articles) if sid in changed or sid not in old else old[sid]
        for sid, events in members.items()
    ]


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story as the library shows it: its record with its articles, and
    what the outlets agree and disagree on."""

    story: Story
    articles: tuple[ArticleMeta, ...]
    date: dt.date | None

    @property
    def id(self) -> str:
        return self.story.id

    @property
    def modality(self) -> Modality:
        return self.story.modality

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({a.lang for a in self.articles if a.lang}))

    @property
    def last_reported(self) -> dt.date | None:
        days = [a.published for a in self.articles if a.published is not None]
        return max(days) if days else None

    def to_dict(self) -> dict[str, Any]:
        s = self.story
        quantities = sorted(
            {(e.quantity.unit, e.quantity.value) for e in s.events if e.quantity is not None}
        )
        return {
            "id": s.id,
            "event": s.event,
            "actors": list(s.actor_codes),
            "recipients": list(s.recipient_codes),
            "date": iso(self.date),
            "first_reported": iso(s.first_reported),
            "last_reported": iso(self.last_reported),
            "modality": s.modality,
            "modalities": [e.modality for e in s.events],
            "outlets": list(s.outlets),
            "outlet_count": len(s.outlets),
            "languages": list(self.languages),
            "places": sorted({e.event_loc for e in s.events if e.event_loc}),
            "quantities": [{"unit": u, "value": v} for u, v in quantities],
            "articles": [a.to_dict() for a in self.articles],
            "events": [event_to_plover(e) for e in s.events],
        }


def view(story: Story, articles: Mapping[str, ArticleMeta]) -> StoryView:
    """The view of a story; articles missing from ``articles`` are shown by
    id only."""
    ids = list(dict.fromkeys(e.article_id for e in story.events))
    metas = tuple(articles.get(i) or ArticleMeta(id=i) for i in ids)
    return StoryView(story=story, articles=metas, date=story_day(story, articles))
