"""Timelines (wending.analyze.timeline) on hand-built fixture events."""

from __future__ import annotations

import json

import pytest

from test_analyze_fixtures import D, everything, fixture_articles, sumy, thkh
from wending.analyze.stories import merge
from wending.analyze.timeline import bucket, timeline

ARTICLES = fixture_articles()
STORIES = merge([], everything(), articles=ARTICLES)


def test_buckets() -> None:
    assert bucket(D(2025, 7, 24), "day") == (D(2025, 7, 24), D(2025, 7, 24))
    assert bucket(D(2025, 7, 24), "week") == (D(2025, 7, 21), D(2025, 7, 27))
    assert bucket(D(2025, 2, 14), "month") == (D(2025, 2, 1), D(2025, 2, 28))
    assert bucket(D(2024, 12, 31), "month") == (D(2024, 12, 1), D(2024, 12, 31))
    with pytest.raises(ValueError, match="interval"):
        bucket(D(2025, 1, 1), "year")  # type: ignore[arg-type]


def test_pair_timeline_by_week_rises_to_the_shelling() -> None:
    t = timeline(STORIES, ARTICLES, pair=("KHM", "THA"), interval="week")
    assert t.points[0].start == D(2025, 5, 26)
    assert t.points[-1].end == D(2025, 7, 27)
    assert len(t.points) == 9  # gap-filled: every week from the first to the last
    last = t.points[-1]
    assert last.conflict >= 3 and last.cooperation == 0
    assert t.points[0].conflict == 2
    # each point names the stories behind it, and each story counts once
    ids = [i for p in t.points for i in p.stories]
    assert len(ids) == len(set(ids)) == t.total
    thkh_stories = merge([], thkh(), articles=ARTICLES)
    assert t.total == sum(1 for s in thkh_stories
                          if {"THA", "KHM"} <= {*s.actor_codes, *s.recipient_codes})


def test_pair_order_does_not_matter() -> None:
    one = timeline(STORIES, ARTICLES, pair=("THA", "KHM"), interval="month")
    two = timeline(STORIES, ARTICLES, pair=("KHM", "THA"), interval="month")
    assert [p.stories for p in one.points] == [p.stories for p in two.points]
    assert [p.start for p in one.points] == [D(2025, 5, 1), D(2025, 6, 1), D(2025, 7, 1)]


def test_actor_and_type_filters() -> None:
    t = timeline(STORIES, ARTICLES, actor="RUS", event="ASSAULT", interval="day",
                 since=D(2025, 4, 12), until=D(2025, 4, 15))
    assert [p.start for p in t.points] == [D(2025, 4, d) for d in (12, 13, 14, 15)]
    by_day = {p.start: p.count for p in t.points}
    assert by_day[D(2025, 4, 13)] == 1  # three articles, one strike
    assert t.total == 1
    strike = next(s for s in merge([], sumy(), articles=ARTICLES) if s.event == "ASSAULT")
    assert t.points[1].stories == (strike.id,)


def test_empty_and_json() -> None:
    t = timeline(STORIES, ARTICLES, actor="XYZ")
    assert t.points == () and t.total == 0
    data = timeline(STORIES, ARTICLES, actor="TUR", interval="month").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["interval"] == "month" and data["actor"] == "TUR"
    assert {"start", "end", "count", "conflict", "cooperation", "stories"} <= set(
        data["points"][0])
