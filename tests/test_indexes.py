"""The lookup indexes and quick tests of the hot paths answer exactly as the
plain scans they replace, on the gold fixture articles and on made-up word
sequences built from the lexicons themselves."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from wending.extract.dates import DateFinder, DateMention, _combined
from wending.extract.modality import PhraseIndex, _has_phrase
from wending.extract.quantities import QuantityFinder, QuantityMention
from wending.extract.rules import RuleEngine
from wending.extract.triggers import TriggerFinder
from wending.ingest.jsonl import record_article
from wending.model import Sentence, Token
from wending.text import TextPipeline

FIXTURE = Path(__file__).parent / "fixtures" / "gold" / "articles.jsonl"
MADE_UP = {
    "nl": "Op dinsdagavond 3 okt. 2024 , drie dagen geleden , begin maart en eind 2023 vielen "
          "ruim 1.500 drones en raketten en twaalf doden ; tientallen soldaten , € 2 miljard .",
    "en": "On March 3 , 2024 , two weeks ago , last Tuesday and early 2023 about 1,500 drones "
          "and missiles killed twelve people ; dozens of soldiers , $ 2 billion .",
}


@pytest.fixture(scope="module")
def sentences(text_pipeline: TextPipeline) -> dict[str, list[Sentence]]:
    out: dict[str, list[Sentence]] = {"nl": [], "en": []}
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    records += [{"id": f"made-up-{lang}", "lang": lang, "text": text}
                for lang, text in MADE_UP.items()]
    for n, record in enumerate(records):
        doc = text_pipeline.process(record_article(record, where=f"fixture:{n}"))
        if doc.lang in out:
            out[doc.lang].extend(doc.sentences)
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_phrase_index_finds_what_each_phrase_scan_finds(
    engine: RuleEngine, sentences: dict[str, list[Sentence]], lang: str
) -> None:
    cues = engine.tools(lang).lexicon.cues
    lists = [*cues.modality.values(), cues.speaker_phrases]
    texts = [[t.lower for t in s.tokens] for s in sentences[lang]]
    # every phrase among other cues' words, and twice (the first one counts)
    texts += [[w for p in (*phrases, *phrases[:3]) for w in (*p, "x")] for phrases in lists]
    texts += [[w for p in reversed(phrases) for w in p] for phrases in lists]
    for phrases in lists:
        index = PhraseIndex(phrases)
        for words in texts:
            expected = [(p, _has_phrase(words, p)) for p in phrases if _has_phrase(words, p) >= 0]
            assert index.occurrences(words) == expected
            assert index.first(words) == (expected[0] if expected else None)


def test_compound_heads_find_what_the_noun_scan_finds(
    engine: RuleEngine, sentences: dict[str, list[Sentence]]
) -> None:
    finder = engine.tools("nl").triggers
    words = {t.lemma for s in sentences["nl"] for t in s.tokens}
    for trig in finder.nouns:  # every head, as a compound and too short to be one
        head = trig.lemmas[0]
        words |= {"vlieg" + head, "ab" + head, head, head + "en", "x" + head[1:]}

    def scan(word: str) -> str | None:
        for trig in finder.nouns:
            head = trig.lemmas[0]
            if word.endswith(head) and len(word) - len(head) >= 3 and word != head:
                return trig.id
        return None

    for word in sorted(words):
        match = finder._compound([Token(0, len(word), word, word, word)], 0)
        assert (match.trigger.id if match else None) == scan(word), word


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_names_at_are_the_keys_that_start_there(
    engine: RuleEngine, sentences: dict[str, list[Sentence]], lang: str
) -> None:
    index = engine.tools(lang).linker.index
    for sentence in sentences[lang]:
        toks = sentence.tokens
        for i in range(len(toks)):
            keys = [tuple(t.lower for t in toks[i : i + k])
                    for k in range(min(index.longest, len(toks) - i), 0, -1)]
            expected = [(len(key), index.entries[key]) for key in keys if key in index.entries]
            assert index.names_at(toks, i) == expected


def _every_date(finder: DateFinder, toks: Sequence[Token], pub: dt.date) -> list[DateMention]:
    """``DateFinder.find`` without its quick test: ``_at`` at every token
    (phrases side by side that name one time combined as ``find`` does)."""
    low = [t.lower for t in toks]
    out: list[DateMention] = []
    i = 0
    while i < len(toks):
        found = finder._at(toks, i, pub, low)
        if found is None:
            i += 1
            continue
        out.append(found[0])
        i += found[1]
    return _combined(out)


def _every_amount(finder: QuantityFinder, toks: Sequence[Token]) -> list[QuantityMention]:
    """``QuantityFinder.find`` without its quick test: ``_at`` at every token."""
    low = [t.lower for t in toks]
    out: list[QuantityMention] = []
    i = 0
    while i < len(toks):
        found = finder._at(toks, i, low)
        if found is None:
            i += 1
            continue
        out.append(found[0])
        i = found[1]
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_quick_tests_skip_only_words_that_start_nothing(
    engine: RuleEngine, sentences: dict[str, list[Sentence]], lang: str
) -> None:
    tools = engine.tools(lang)
    pub = dt.date(2024, 10, 25)
    found = 0
    for sentence in sentences[lang]:
        dates = tools.dates.find(sentence.tokens, pub)
        amounts = tools.quantities.find(sentence.tokens)
        assert dates == _every_date(tools.dates, sentence.tokens, pub)
        assert amounts == _every_amount(tools.quantities, sentence.tokens)
        found += len(dates) + len(amounts)
    assert found > 10


def test_phrase_triggers_keyed_by_a_word_they_need(engine: RuleEngine) -> None:
    """A phrase is keyed by one of its words and that word's stem: a sentence
    with all its words (or their stems) has a key and tries it."""
    for lang in ("nl", "en"):
        finder: TriggerFinder = engine.tools(lang).triggers
        for n, trig in enumerate(finder.phrases):
            keys = {w for w, ns in finder.phrases_by_word.items() if n in ns}
            pairs = finder.phrase_words[trig.id]
            assert any(keys == {w, stem} - {""} for w, stem in pairs), trig.id
