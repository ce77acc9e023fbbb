from __future__ import annotations

import datetime as dt

import pytest

from wending.extract.dates import DateFinder
from wending.ingest import parse_plain_text
from wending.text import TextPipeline

PUB = dt.date(2024, 10, 25)  # a Friday


def find(tp: TextPipeline, text: str, lang: str, pub: dt.date | None = PUB) -> list[object]:
    doc = tp.process(parse_plain_text(text, lang=lang))
    return [
        (d.value.start, d.value.end, d.value.precision)
        for s in doc.sentences
        for d in DateFinder(lang).find(s.tokens, pub)
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Het gebeurde deze week in de stad.",
            "nl",
            (dt.date(2024, 10, 21), dt.date(2024, 10, 27), "week"),
        ),
        (
            "Hij presenteerde afgelopen week zijn plan.",
            "nl",
            (dt.date(2024, 10, 14), dt.date(2024, 10, 20), "week"),
        ),
        (
            "Ze ontmoetten elkaar in juni in Pyongyang.",
            "nl",
            (dt.date(2024, 6, 1), dt.date(2024, 6, 30), "month"),
        ),
        (
            "De troepen vielen dinsdag aan.",
            "nl",
            (dt.date(2024, 10, 22), dt.date(2024, 10, 22), "day"),
        ),
        ("Dat duurt tot 5 november.", "nl", (PUB, dt.date(2024, 11, 5), "month")),
        (
            "Begin oktober sloten ze een akkoord.",
            "nl",
            (dt.date(2024, 10, 1), dt.date(2024, 10, 10), "month"),
        ),
        (
            "The talks were held last Thursday in Geneva.",
            "en",
            (dt.date(2024, 10, 24), dt.date(2024, 10, 24), "day"),
        ),
        ("Earlier this month the army moved north.", "en", (dt.date(2024, 10, 1), PUB, "month")),
        ("The ships were hit overnight.", "en", (dt.date(2024, 10, 24), PUB, "week")),
        (
            "The deal was signed on 3 March 2023.",
            "en",
            (dt.date(2023, 3, 3), dt.date(2023, 3, 3), "day"),
        ),
        (
            "The deal was signed on March 3, 2023.",
            "en",
            (dt.date(2023, 3, 3), dt.date(2023, 3, 3), "day"),
        ),
        (
            "Troops arrived two days ago.",
            "en",
            (dt.date(2024, 10, 23), dt.date(2024, 10, 23), "day"),
        ),
        ("Troops arrived 3 days ago.", "en", (dt.date(2024, 10, 22), dt.date(2024, 10, 22), "day")),
    ],
)
def test_phrases_resolve(
    text_pipeline: TextPipeline, text: str, lang: str, expected: object
) -> None:
    assert find(text_pipeline, text, lang)[:1] == [expected]


def test_no_publication_date_leaves_relative_dates_unresolved(
    text_pipeline: TextPipeline,
) -> None:
    assert find(text_pipeline, "Het gebeurde deze week.", "nl", pub=None) == [(None, None, "day")]


def test_common_words_are_not_dates(text_pipeline: TextPipeline) -> None:
    assert find(text_pipeline, "Nu is het tijd. Die mannen mei niet.", "nl") == []
    assert find(text_pipeline, "They may attack, the minister said.", "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a month or a day with a relative year: that month or day of that year
        ("In juli vorig jaar sloten ze een akkoord.", "nl",
         [(dt.date(2023, 7, 1), dt.date(2023, 7, 31), "month")]),
        ("The deal was signed on 3 December last year.", "en",
         [(dt.date(2023, 12, 3), dt.date(2023, 12, 3), "day")]),
        # a weekday with a relative week: that day of that week
        ("Hij kondigde vorige week donderdag zijn vertrek aan.", "nl",
         [(dt.date(2024, 10, 17), dt.date(2024, 10, 17), "day")]),
        ("They met on Tuesday last week.", "en",
         [(dt.date(2024, 10, 15), dt.date(2024, 10, 15), "day")]),
        # apart, they stay two times
        ("In juli, zo bleek vorig jaar, begon het.", "nl",
         [(dt.date(2024, 7, 1), dt.date(2024, 7, 31), "month"),
          (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year")]),
    ],
)
def test_side_by_side_phrases_name_one_time(text_pipeline: TextPipeline, text: str, lang: str,
                                            expected: list[object]) -> None:
    assert find(text_pipeline, text, lang) == expected
