"""New turns ("een nieuwe wending"): a first-ever kind of interaction
between two actors, a new actor entering a conflict, and a story whose
modality firms up (alleged, then confirmed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from wending.analyze.alert_types import (
    QUAD_NAMES,
    Alert,
    AlertRules,
    Dated,
    dyad_label,
    known,
    make_alert,
)
from wending.analyze.facts import (
    CONTESTED,
    UNSETTLED,
    Articles,
    dyads,
    event_day,
    outlet,
    published,
    quad,
    story_dyads,
    strongest,
)
from wending.model import Event, Story

#: Modalities that leave a story's occurrence open; a later report that
#: asserts (or attributes) it firms the story up.
WEAK = UNSETTLED
FIRM: frozenset[str] = frozenset({"asserted", "reported"})


def _events_of(story: Story, dyad: tuple[str, str]) -> list[Event]:
    return [e for e in story.events if dyad in dyads(e)] or list(story.events)


def _who(story: Story, articles: Articles) -> str:
    outlets = sorted({o for e in story.events if (o := outlet(e, articles))})
    return f" (reported by {', '.join(outlets)})" if outlets else ""


def new_turns(chron: Sequence[Dated], articles: Articles, rules: AlertRules) -> list[Alert]:
    """A story in which a dyad interacts in a PLOVER quad it never did
    before. A dyad of two actors never seen before is new coverage, not a
    turn: at least one of the two must have earlier stories."""
    seen: set[tuple[tuple[str, str], int]] = set()
    met: set[str] = set()
    out: list[Alert] = []
    for item in chron:
        story, q = item.story, quad(item.story.event)
        for d in sorted(story_dyads(story)):
            if (d, q) in seen or not set(d) & met:
                continue
            first = not any((d, k) in seen for k in QUAD_NAMES)
            what = "interaction" if first else QUAD_NAMES.get(q, "interaction")
            title = f"First {what} between {d[0]} and {d[1]}: {story.event}"
            before = "no earlier story links them" if first else (
                "earlier stories were " + ", ".join(
                    QUAD_NAMES[k] for k in QUAD_NAMES if (d, k) in seen))
            summary = (
                f"{' '.join(story.actor_codes)} -> {' '.join(story.recipient_codes) or '-'} "
                f"{story.event} on {item.day}{_who(story, articles)}; {before}."
            )
            out.append(make_alert("new_turn", title=title, summary=summary, actors=d,
                                  stories=[story], events=_events_of(story, d),
                                  date=known(item.day, [story]),
                                  articles=articles, rules=rules))
        for d in story_dyads(story):
            seen.add((d, q))
        met.update(story.actor_codes, story.recipient_codes)
    return out


def new_actors(chron: Sequence[Dated], articles: Articles, rules: AlertRules) -> list[Alert]:
    """An actor's first material story (quad 2 or 4) with a side of a
    material conflict (quad 4) that side had with others within
    ``rules.lookback_days``: the actor enters that conflict."""
    material: set[tuple[str, str]] = set()
    fights: dict[str, list[tuple[dt.date, str, Story]]] = {}
    out: list[Alert] = []
    window = dt.timedelta(days=rules.lookback_days)
    for item in chron:
        story, q = item.story, quad(item.story.event)
        pairs = story_dyads(story)
        if q in (2, 4):
            for d in sorted(pairs - material):
                for entrant, side in ((d[0], d[1]), (d[1], d[0])):
                    if entrant == side:
                        continue
                    recent = [(other, s) for day, other, s in fights.get(side, ())
                              if day >= item.day - window and other != entrant]
                    if not recent:
                        continue
                    opponents = sorted({o for o, _ in recent})
                    conflict = ", ".join(dyad_label((side, o) if side <= o else (o, side))
                                         for o in opponents)
                    title = f"{entrant} enters the {conflict} conflict: {story.event}"
                    summary = (
                        f"{entrant} and {side}: {story.event} ({QUAD_NAMES[q]}) on {item.day}"
                        f"{_who(story, articles)}; first material story between them while "
                        f"{side} is in material conflict with {', '.join(opponents)}."
                    )
                    earlier = list(dict.fromkeys(s.id for _, s in recent))[-3:]
                    context = [s for _, _, s in fights[side] if s.id in earlier]
                    out.append(make_alert(
                        "new_actor", title=title, summary=summary,
                        actors=[entrant, side, *opponents], stories=[story, *context],
                        events=_events_of(story, d), date=known(item.day, [story]),
                        articles=articles,
                        rules=rules))
            material |= pairs
        if q == 4:
            for a, b in pairs:
                fights.setdefault(a, []).append((item.day, b, story))
                if a != b:
                    fights.setdefault(b, []).append((item.day, a, story))
    return out


def _by_article(story: Story, articles: Articles) -> list[list[Event]]:
    groups: dict[str, list[Event]] = {}
    for e in story.events:
        groups.setdefault(e.article_id, []).append(e)
    far = dt.date.max

    def when(events: list[Event]) -> tuple[dt.date, str]:
        e = events[0]
        return (published(e, articles) or event_day(e, articles) or far, e.article_id)

    return sorted(groups.values(), key=when)


def modality_firmed(
    stories: Iterable[Story], articles: Articles, rules: AlertRules
) -> list[Alert]:
    """A story that articles first only alleged or denied (or announced), and
    a later article asserts or attributes to a named source: alleged, then
    confirmed. One alert per story, at the first firm article."""
    out: list[Alert] = []
    for story in stories:
        before: list[Event] = []
        for group in _by_article(story, articles):
            now = strongest(e.modality for e in group)
            prior = {e.modality for e in before}
            if before and prior <= WEAK and prior & CONTESTED and now in FIRM:
                e = group[0]
                day = published(e, articles) or event_day(e, articles)
                history = " → ".join(dict.fromkeys(x.modality for x in before))
                title = (f"Confirmed: {' '.join(story.actor_codes)} -> "
                         f"{' '.join(story.recipient_codes) or '-'} {story.event}")
                summary = (
                    f"Earlier reports were {history}; {outlet(e, articles) or e.article_id} "
                    f"now gives it as {now} ({day})."
                )
                firm = [x for x in group if x.modality in FIRM]
                out.append(make_alert(
                    "modality_firmed", title=title, summary=summary,
                    actors=[*story.actor_codes, *story.recipient_codes], stories=[story],
                    events=[*firm, *before], date=day, articles=articles, rules=rules))
                break
            before.extend(group)
    return out

