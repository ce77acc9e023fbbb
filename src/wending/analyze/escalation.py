"""Escalation: a dyad's conflict rising over its recent and yearly baseline
(ACLED's early-warning rule), or moving from words to deeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from wending.analyze.alert_types import (
    QUAD_NAMES,
    Alert,
    AlertRules,
    Dated,
    dyad_label,
    known,
    make_alert,
)
from wending.analyze.facts import Articles, dyads, quad, story_dyads
from wending.model import Event, Story

WEEK = dt.timedelta(days=7)


def conflict_series(chron: Sequence[Dated]) -> dict[tuple[str, str], list[Dated]]:
    """Each dyad's conflict stories (quad 3 and 4), in order."""
    out: dict[tuple[str, str], list[Dated]] = {}
    for item in chron:
        if quad(item.story.event) in (3, 4):
            for d in sorted(story_dyads(item.story)):
                out.setdefault(d, []).append(item)
    return out


def _count(items: Sequence[Dated], after: dt.date, upto: dt.date) -> list[Dated]:
    return [i for i in items if after < i.day <= upto]


def _events(stories: Sequence[Story], d: tuple[str, str]) -> list[Event]:
    return [e for s in stories for e in s.events if d in dyads(e)]


def escalations(
    chron: Sequence[Dated], articles: Articles, rules: AlertRules
) -> list[Alert]:
    """At each day a dyad has a conflict story: the conflict stories of the
    7 days up to it against the weekly mean of the ``short_weeks`` and the
    ``long_weeks`` before (fewer when the data starts later, but at least
    ``min_history_weeks``). A rise of more than ``rise`` over both, with at
    least ``min_events`` stories and ``min_baseline`` in the long baseline,
    is an escalation."""
    if not chron:
        return []
    data_start = chron[0].day
    out: list[Alert] = []
    for d, items in sorted(conflict_series(chron).items()):
        last: tuple[dt.date, int] | None = None
        for day in sorted({i.day for i in items}):
            current = _count(items, day - WEEK, day)
            if len(current) < rules.min_events:
                continue
            if last is not None and (day - last[0]).days < rules.cooldown_days and (
                len(current) <= last[1]
            ):
                continue
            history = ((day - WEEK) - data_start).days // 7 + 1
            if history < rules.min_history_weeks:
                continue
            short = min(rules.short_weeks, history)
            long = min(rules.long_weeks, history)
            b_short = len(_count(items, day - WEEK * (short + 1), day - WEEK)) / short
            in_long = len(_count(items, day - WEEK * (long + 1), day - WEEK))
            if in_long < rules.min_baseline:
                continue
            b_long = in_long / long
            threshold = 1 + rules.rise
            c = len(current)
            if c <= threshold * b_short or c <= threshold * b_long:
                continue
            last = (day, c)
            material = sum(1 for i in current if quad(i.story.event) == 4)
            stories = [i.story for i in current]
            title = f"Escalation {dyad_label(d)}: {c} conflict stories in the week to {day}"
            summary = (
                f"{c} conflict stories ({material} material) between {d[0]} and {d[1]} in the "
                f"7 days to {day}, against a weekly mean of {b_short:.2f} over the previous "
                f"{short} weeks and {b_long:.2f} over the previous {long} weeks "
                f"(alert above +{rules.rise:.0%}); types: "
                + ", ".join(sorted({s.event for s in stories})) + "."
            )
            out.append(make_alert(
                "escalation", title=title, summary=summary, actors=d, stories=stories,
                events=_events(stories, d)[::-1], date=known(day, stories), articles=articles,
                rules=rules))
    return out


def verbal_to_material(
    chron: Sequence[Dated], articles: Articles, rules: AlertRules
) -> list[Alert]:
    """A dyad's material conflict story (quad 4) when its conflict stories of
    the ``lookback_days`` before (not the same day) were all verbal (quad 3)."""
    window = dt.timedelta(days=rules.lookback_days)
    out: list[Alert] = []
    for d, items in sorted(conflict_series(chron).items()):
        for idx, item in enumerate(items):
            if quad(item.story.event) != 4:
                continue
            prior = [i for i in items[:idx] if item.day - window <= i.day < item.day]
            if not prior or any(quad(i.story.event) == 4 for i in prior):
                continue
            verbal = sorted({i.story.event for i in prior})
            title = f"From words to deeds {dyad_label(d)}: {item.story.event}"
            summary = (
                f"{item.story.event} ({QUAD_NAMES[4]}) between {d[0]} and {d[1]} on "
                f"{item.day}, after {len(prior)} verbal conflict stories "
                f"({', '.join(verbal)}) since {prior[0].day} and no material conflict."
            )
            stories = [item.story, *(i.story for i in prior[-3:])]
            out.append(make_alert(
                "verbal_to_material", title=title, summary=summary, actors=d,
                stories=stories, events=_events(stories, d),
                date=known(item.day, [item.story]),
                articles=articles, rules=rules))
    return out
