"""New turns and escalation (wending.analyze.alerts) on hand-built events
coded from the story fixtures (tests/fixtures/stories/expected.json)."""

from __future__ import annotations

import json

import pytest

from test_analyze_fixtures import D, drones, ev, everything, fixture_articles, libya, sumy, thkh
from wending.analyze.alerts import ALERT_KINDS, Alert, AlertRules, find_alerts
from wending.analyze.stories import merge
from wending.model import Event

ARTICLES = fixture_articles()


def alerts_of(events: list[Event], **kwargs: object) -> list[Alert]:
    return find_alerts(merge([], events, articles=ARTICLES), ARTICLES, **kwargs)  # type: ignore[arg-type]


def involving(alerts: list[Alert], *codes: str, kind: str | None = None) -> list[Alert]:
    return [a for a in alerts if set(codes) <= set(a.actors) and (kind is None or a.kind == kind)]


def articles_of(alert: Alert, events: list[Event]) -> set[str]:
    by_id = {e.id: e.article_id for e in events}
    return {by_id[x.event_id] for x in alert.evidence}


def test_turkey_sending_troops_to_libya_is_a_new_turn() -> None:
    events = libya()
    found = alerts_of(events)
    turns = involving(found, "TUR", "LBY", kind="new_turn")
    assert turns, found
    assert all(a.date == D(2020, 1, 5) for a in turns)
    material = [a for a in turns if "MOBILIZE" in a.event_types]
    assert material and articles_of(material[0], events) == {"st-libya-05"}
    # Turkey enters the Libyan war
    entering = involving(found, "TUR", "LBY", kind="new_actor")
    assert entering and entering[0].actors[0] == "TUR"
    # the earlier dyads are history: st-libya-05 raises no alert about them
    late = [a for a in found if a.date is not None and a.date >= D(2020, 1, 1)]
    assert all("TUR" in a.actors for a in late)


def test_no_turn_before_the_article_that_brings_it() -> None:
    history = [e for e in libya() if e.article_id != "st-libya-05"]
    assert not [a for a in alerts_of(history) if "TUR" in a.actors]
    # with st-libya-05 added later, only alerts since then are new
    since = alerts_of(libya(), since=D(2020, 1, 1))
    assert since and all("TUR" in a.actors for a in since)


def test_actors_never_seen_before_are_coverage_not_a_turn() -> None:
    lone = [ev("st-libya-01", 7, "CONSULT", ("NOR",), ("ISL",), day=D(2019, 7, 1))]
    assert alerts_of([*libya(), *lone]) == alerts_of(libya())


def test_the_rising_thai_cambodian_series_escalates() -> None:
    found = alerts_of(thkh())
    esc = involving(found, "THA", "KHM", kind="escalation")
    assert esc
    assert min(a.date for a in esc if a.date) <= D(2025, 7, 25)
    last = max(esc, key=lambda a: a.date or D.min)
    assert last.date == D(2025, 7, 25)
    assert "ASSAULT" in last.event_types
    assert "st-thkh-10" in {x.article_id for x in last.evidence}
    assert len(last.stories) >= 3 and "baseline" not in last.title
    # from words (threats, accusations) to deeds (the border restriction)
    shift = involving(found, "THA", "KHM", kind="verbal_to_material")
    assert len(shift) == 1 and shift[0].date == D(2025, 6, 8)
    assert "COERCE" in shift[0].event_types


def test_no_escalation_for_any_other_fixture_dyad() -> None:
    found = alerts_of(everything())
    esc = [a for a in found if a.kind == "escalation"]
    assert esc
    assert all(set(a.actors) == {"THA", "KHM"} for a in esc)


def test_escalation_threshold_follows_the_rules() -> None:
    strict = alerts_of(thkh(), rules=AlertRules(rise=10.0))
    assert not [a for a in strict if a.kind == "escalation"]
    none_without_history = alerts_of(thkh(), rules=AlertRules(min_history_weeks=52))
    assert not [a for a in none_without_history if a.kind == "escalation"]
    with pytest.raises(ValueError):
        AlertRules(min_events=0)


def test_drones_admitted_after_allegations_and_denial_is_confirmed() -> None:
    events = drones()
    found = alerts_of(events)
    firmed = [a for a in found if a.kind == "modality_firmed"]
    assert len(firmed) == 1
    alert = firmed[0]
    assert alert.date == D(2022, 11, 6)
    assert set(alert.actors) == {"IRN", "RUS"} and alert.modality == "asserted"
    assert alert.evidence[0].article_id == "st-drones-04"
    assert {"alleged", "denied"} <= {x.modality for x in alert.evidence}
    assert "alleged" in alert.summary and "denied" in alert.summary


def test_a_story_asserted_from_the_start_does_not_firm_up() -> None:
    assert not [a for a in alerts_of(sumy()) if a.kind == "modality_firmed"]


def test_a_denied_story_is_not_an_interaction() -> None:
    denied = ev("st-libya-05", 8, "COOPERATE", ("TUR",), ("LBY",), modality="denied",
                day=D(2019, 9, 1))
    found = alerts_of([*libya(), denied])
    assert not [a for a in found if a.date and a.date < D(2020, 1, 5) and "TUR" in a.actors]


def test_alerts_are_dated_sorted_json_safe_and_name_evidence() -> None:
    found = alerts_of(everything())
    assert {a.kind for a in found} == set(ALERT_KINDS)
    dates = [a.date for a in found]
    assert dates == sorted(dates)  # type: ignore[type-var]
    for a in found:
        assert a.stories and a.evidence and a.title and a.summary
        assert all(x.event_id and x.text for x in a.evidence)
        data = a.to_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["id"] == a.id
    assert len({a.id for a in found}) == len(found)
    window = alerts_of(everything(), since=D(2025, 1, 1), until=D(2025, 6, 30))
    assert window and all(D(2025, 1, 1) <= a.date <= D(2025, 6, 30) for a in window if a.date)
