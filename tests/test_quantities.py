from __future__ import annotations

import pytest

from wending.extract.lexicon import load_lexicon
from wending.extract.quantities import QuantityFinder, parse_digits
from wending.ingest import parse_plain_text
from wending.text import TextPipeline


def quantities(tp: TextPipeline, text: str, lang: str) -> list[tuple[float, str, bool]]:
    lex = load_lexicon(lang)
    finder = QuantityFinder(lang, lex.units, lex.vague)
    doc = tp.process(parse_plain_text(text, lang=lang))
    return [
        (q.quantity.value, q.quantity.unit, q.quantity.approx)
        for s in doc.sentences
        for q in finder.find(s.tokens)
    ]


def test_separators_follow_the_language() -> None:
    assert parse_digits("3.000", "nl") == 3000
    assert parse_digits("1,5", "nl") == 1.5
    assert parse_digits("12,000", "en") == 12000
    assert parse_digits("2.5", "en") == 2.5
    assert parse_digits("12.000", "nl") == 12000


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Hij stuurde drieduizend soldaten.", "nl", (3000, "soldier", False)),
        ("Er zijn 3.000 militairen gestuurd.", "nl", (3000, "soldier", False)),
        ("De EU trekt 1,5 miljard euro uit.", "nl", (1.5e9, "euro", False)),
        ("Er vielen tientallen doden.", "nl", (20, "death", True)),
        ("Zo'n elfduizend soldaten vechten mee.", "nl", (11000, "soldier", True)),
        ("Washington sent 12,000 troops.", "en", (12000, "soldier", False)),
        ("The fund holds $2 billion.", "en", (2e9, "dollar", False)),
        ("Dozens of protesters were arrested.", "en", (24, "person", True)),
    ],
)
def test_quantities(text_pipeline: TextPipeline, text: str, lang: str,
                    expected: tuple[float, str, bool]) -> None:
    got = quantities(text_pipeline, text, lang)
    assert got[:1] == [expected]


def test_years_and_small_bare_numbers_are_not_quantities(text_pipeline: TextPipeline) -> None:
    assert quantities(text_pipeline, "In 2024 gebeurde het twee keer.", "nl") == []
