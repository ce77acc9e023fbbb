"""Alerts: new turns and escalations found in stories.

:func:`find_alerts` runs every rule over all the stories it is given (the
history) and keeps the alerts dated in ``since``..``until``:

- ``new_turn``: a first-ever kind (PLOVER quad) of interaction between two
  actors, one of whom was seen before (:func:`~wending.analyze.turns.new_turns`);
- ``new_actor``: an actor's first material story with a side of a material
  conflict (:func:`~wending.analyze.turns.new_actors`);
- ``modality_firmed``: a story alleged or denied, then asserted
  (:func:`~wending.analyze.turns.modality_firmed`);
- ``escalation``: a dyad's conflict stories rising more than 25 % over its
  4-week and 52-week baselines (:func:`~wending.analyze.escalation.escalations`);
- ``verbal_to_material``: a dyad's first material conflict after verbal
  conflict (:func:`~wending.analyze.escalation.verbal_to_material`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from wending.analyze.alert_types import (
    ALERT_KINDS,
    NOT_OCCURRED,
    Alert,
    AlertKind,
    AlertRules,
    Evidence,
    chronology,
)
from wending.analyze.escalation import escalations, verbal_to_material
from wending.analyze.facts import Articles
from wending.analyze.turns import modality_firmed, new_actors, new_turns
from wending.model import Story

__all__ = [
    "ALERT_KINDS",
    "Alert",
    "AlertKind",
    "AlertRules",
    "Evidence",
    "find_alerts",
]


def find_alerts(
    stories: Iterable[Story],
    articles: Articles,
    *,
    rules: AlertRules | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Alert]:
    """All alerts the stories raise, dated ``since``..``until`` (inclusive),
    in date order. Stories before ``since`` are history: they make turns
    not new and give the escalation baselines."""
    rules = rules or AlertRules()
    stories = list(stories)
    happened = chronology(stories, articles)
    occurred = chronology(stories, articles, exclude=NOT_OCCURRED)
    found = [
        *new_turns(happened, articles, rules),
        *new_actors(happened, articles, rules),
        *modality_firmed(stories, articles, rules),
        *escalations(occurred, articles, rules),
        *verbal_to_material(occurred, articles, rules),
    ]
    kept = [
        a for a in found
        if (since is None or (a.date is not None and a.date >= since))
        and (until is None or (a.date is not None and a.date <= until))
    ]
    order = {k: i for i, k in enumerate(ALERT_KINDS)}
    kept.sort(key=lambda a: (a.date or dt.date.max, order[a.kind], a.title, a.id))
    return kept
