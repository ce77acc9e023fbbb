"""Story merging (wending.analyze.stories, .matching) on hand-built events
coded from the story fixtures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from test_analyze_fixtures import D, drones, ev, everything, fixture_articles, libya, sumy, thkh
from wending.analyze.facts import MODALITY_STRENGTH, strongest
from wending.analyze.matching import (
    MergeWindow,
    dates_compatible,
    parties_compatible,
    places_compatible,
    quantities_compatible,
    same_event,
    types_compatible,
)
from wending.analyze.stories import merge, story_id, view
from wending.model import MODALITIES, Event, Quantity, Story

ARTICLES = fixture_articles()
WINDOW = MergeWindow()


def story_of(stories: list[Story], event_id: str) -> Story:
    found = [s for s in stories if any(e.id == event_id for e in s.events)]
    assert len(found) == 1, f"{event_id} is in {len(found)} stories"
    return found[0]


def test_the_same_strike_told_in_dutch_and_english_is_one_story() -> None:
    stories = merge([], sumy(), articles=ARTICLES)
    strike = story_of(stories, "st-sumy-en-01-1")
    v = view(strike, ARTICLES)
    assert {a.id for a in v.articles} == {"st-sumy-en-01", "st-sumy-nl-01", "st-sumy-en-02"}
    assert v.languages == ("en", "nl")
    assert len(strike.outlets) == 3
    assert strike.first_reported == D(2025, 4, 13)
    assert strike.event == "ASSAULT"
    assert strike.actor_codes == ("RUS",) and strike.recipient_codes == ("UKR",)
    # the growing death toll (31, 34, 35) does not split the story; all are kept
    tolls = sorted(e.quantity.value for e in strike.events
                   if e.quantity is not None and e.quantity.unit == "death")
    assert tolls == [31, 34, 35]
    # Russia's claim about the same strike belongs to it
    assert {"st-sumy-nl-01-2", "st-sumy-en-02-2"} <= {e.id for e in strike.events}


def test_condemnations_and_calls_are_not_merged_into_the_strike() -> None:
    stories = merge([], sumy(), articles=ARTICLES)
    strike = story_of(stories, "st-sumy-en-01-1")
    for other in ("st-sumy-en-01-2", "st-sumy-nl-01-3", "st-sumy-en-02-3"):
        assert story_of(stories, other).id != strike.id
    # DEU's and the EU's condemnations have different actors: two stories
    assert story_of(stories, "st-sumy-nl-01-3").id != story_of(stories, "st-sumy-en-02-3").id


def test_a_story_keeps_the_strongest_modality_any_outlet_gives() -> None:
    stories = merge([], drones(), articles=ARTICLES)
    aid = story_of(stories, "st-drones-01-1")
    assert [e.article_id for e in aid.events] == [
        "st-drones-01", "st-drones-02", "st-drones-03", "st-drones-04"]
    assert [e.modality for e in aid.events] == ["alleged", "alleged", "denied", "asserted"]
    assert aid.modality == "asserted"
    assert len(aid.outlets) == 4
    # the Kupiansk and Kyiv attacks are separate stories
    assert story_of(stories, "st-drones-02-2").id != story_of(stories, "st-drones-03-2").id
    assert story_of(stories, "st-drones-02-2").id != aid.id


def test_every_event_is_in_exactly_one_story() -> None:
    events = everything()
    stories = merge([], events, articles=ARTICLES)
    ids = [e.id for s in stories for e in s.events]
    assert sorted(ids) == sorted(e.id for e in events)


def test_stories_never_join_unrelated_fixture_topics() -> None:
    stories = merge([], everything(), articles=ARTICLES)
    for s in stories:
        topics = {e.article_id.split("-")[1] for e in s.events}
        assert len(topics) == 1, s


def test_ids_are_deterministic_and_come_from_the_founding_event() -> None:
    first = merge([], everything(), articles=ARTICLES)
    again = merge([], list(reversed(everything())), articles=ARTICLES)
    assert [s.id for s in first] == [s.id for s in again]
    assert all(s.id == story_id(s.events[0]) for s in first)


def test_merging_is_incremental_and_idempotent() -> None:
    old = merge([], [*libya(), *sumy()[:2]], articles=ARTICLES)
    new = merge(old, sumy()[2:], articles=ARTICLES)
    # old stories keep their ids and come first; the strike gained the new reports
    assert [s.id for s in new[: len(old)]] == [s.id for s in old]
    strike = story_of(new, "st-sumy-en-01-1")
    assert len(strike.outlets) == 3
    untouched = [s for s in old if s.id != strike.id]
    assert all(any(n is o for n in new) for o in untouched)  # not rebuilt
    assert merge(new, sumy(), articles=ARTICLES) == new


def test_incremental_merge_covers_the_same_events_as_one_batch() -> None:
    events = everything()
    stories: list[Story] = []
    for start in range(0, len(events), 7):
        stories = merge(stories, events[start : start + 7], articles=ARTICLES)
    batch = merge([], events, articles=ARTICLES)
    assert sorted(e.id for s in stories for e in s.events) == sorted(
        e.id for s in batch for e in s.events)
    strike = story_of(stories, "st-sumy-en-01-1")
    assert len({e.article_id for e in strike.events}) == 3


@settings(max_examples=30, deadline=None)
@given(st.permutations(list(range(len(everything())))), st.integers(1, 12))
def test_any_order_and_batching_puts_each_event_in_one_story(
    order: list[int], size: int
) -> None:
    events = [everything()[i] for i in order]
    stories: list[Story] = []
    for start in range(0, len(events), size):
        stories = merge(stories, events[start : start + size], articles=ARTICLES)
    ids = [e.id for s in stories for e in s.events]
    assert sorted(ids) == sorted(e.id for e in events)
    # complete link: every two events of a story match
    for s in stories:
        for i, a in enumerate(s.events):
            for b in s.events[i + 1 :]:
                assert same_event(a, b, articles=ARTICLES, window=WINDOW)


def test_events_without_ids_get_stable_ones() -> None:
    bare = [dataclasses.replace(e, id="") for e in sumy()]
    one = merge([], bare, articles=ARTICLES)
    two = merge([], bare, articles=ARTICLES)
    assert [s.id for s in one] == [s.id for s in two]
    assert all(e.id for s in one for e in s.events)


def test_every_modality_has_a_strength() -> None:
    assert set(MODALITY_STRENGTH) == set(MODALITIES)
    assert strongest(["denied", "alleged", "reported"]) == "reported"
    assert strongest([]) == "asserted"


def test_compatible_types() -> None:
    assert types_compatible("ASSAULT", "ASSAULT")
    assert types_compatible("MOBILIZE", "AID")
    assert not types_compatible("ASSAULT", "ACCUSE")
    assert not types_compatible("MOBILIZE", "COOPERATE")


def test_parties_overlap_and_an_unnamed_target_matches() -> None:
    a = ev("st-sumy-en-01", 9, "ASSAULT", ("RUS",), ("UKR",))
    assert parties_compatible(a, ev("st-sumy-en-02", 9, "ASSAULT", ("RUS",), ()))
    assert parties_compatible(a, ev("st-sumy-en-02", 9, "ASSAULT", ("RUS", "BLR"), ("UKR",)))
    assert not parties_compatible(a, ev("st-sumy-en-02", 9, "ASSAULT", ("UKR",), ("RUS",)))
    assert not parties_compatible(a, ev("st-sumy-en-02", 9, "ASSAULT", ("RUS",), ("POL",)))


def _dated(day: dt.date, end: dt.date | None = None, *, precision: str = "day",
           modality: str = "asserted", article: str = "st-thkh-01", kind: str = "ASSAULT") -> Event:
    return ev(article, 9, kind, ("KHM",), ("THA",), day=day, end=end,
              precision=precision, modality=modality)  # type: ignore[arg-type]


def test_date_window_respects_precision() -> None:
    day = _dated(D(2025, 7, 24))
    assert dates_compatible(day, _dated(D(2025, 7, 26)), ARTICLES, WINDOW)
    assert not dates_compatible(day, _dated(D(2025, 7, 28)), ARTICLES, WINDOW)
    month = _dated(D(2025, 7, 1), D(2025, 7, 31), precision="month")
    assert dates_compatible(day, month, ARTICLES, WINDOW)
    assert not dates_compatible(_dated(D(2025, 9, 10)), month, ARTICLES, WINDOW)


def test_undated_reports_fall_in_the_days_before_publication() -> None:
    undated = ev("st-thkh-10", 9, "ASSAULT", ("KHM",), ("THA",))  # published 2025-07-25
    assert dates_compatible(undated, _dated(D(2025, 7, 24)), ARTICLES, WINDOW)
    assert not dates_compatible(undated, _dated(D(2025, 7, 10)), ARTICLES, WINDOW)


def test_claims_of_material_acts_match_over_months_but_statements_do_not() -> None:
    alleged = ev("st-drones-01", 9, "AID", ("IRN",), ("RUS",), modality="alleged")
    admitted = ev("st-drones-04", 9, "AID", ("IRN",), ("RUS",))
    assert dates_compatible(alleged, admitted, ARTICLES, WINDOW)
    assert not dates_compatible(alleged, admitted, ARTICLES, MergeWindow(claim_days=30))
    said = ev("st-drones-01", 9, "ACCUSE", ("IRN",), ("RUS",), modality="alleged")
    again = ev("st-drones-04", 9, "ACCUSE", ("IRN",), ("RUS",))
    assert not dates_compatible(said, again, ARTICLES, WINDOW)
    # two precise dates months apart never match, alleged or not
    mine = _dated(D(2025, 7, 16), modality="alleged")
    assert not dates_compatible(mine, _dated(D(2025, 9, 24)), ARTICLES, WINDOW)


def test_quantities_and_places() -> None:
    assert quantities_compatible(Quantity(31, "death"), Quantity(35, "death"), 3.0)
    assert quantities_compatible(Quantity(31, "death"), Quantity(2, "missile"), 3.0)
    assert not quantities_compatible(Quantity(3, "death"), Quantity(300, "death"), 3.0)
    assert quantities_compatible(Quantity(10, "death", high=40), Quantity(35, "death"), 3.0)
    countries = {"ukraine", "oekraïne"}
    assert places_compatible("Sumy", "sumy", countries)
    assert places_compatible("Sumy", "", countries)
    assert places_compatible("Sumy", "Oekraïne", countries)
    assert places_compatible("Sumy", "Sumy Oblast", countries)
    assert not places_compatible("Sumy", "Kharkiv", countries)


def test_different_places_split_the_same_dyad_on_the_same_day() -> None:
    a = ev("st-sumy-en-01", 8, "ASSAULT", ("RUS",), ("UKR",), day=D(2025, 4, 13), loc="Sumy")
    b = ev("st-sumy-en-02", 8, "ASSAULT", ("RUS",), ("UKR",), day=D(2025, 4, 13), loc="Odesa")
    assert len(merge([], [a, b], articles=ARTICLES)) == 2


def test_story_view_is_json_safe() -> None:
    for s in merge([], everything(), articles=ARTICLES):
        data = view(s, ARTICLES).to_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["outlet_count"] == len(data["outlets"])
        assert len(data["events"]) == len(s.events)


def test_thkh_series_stays_apart_from_a_dyad_with_no_shared_actor() -> None:
    stories = merge([], thkh(), articles=ARTICLES)
    for s in stories:
        assert set(s.actor_codes) | set(s.recipient_codes) <= {"THA", "KHM"}
