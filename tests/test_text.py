from __future__ import annotations

from wending.ingest import parse_plain_text
from wending.model import Article
from wending.text import TextPipeline


def sentences(tp: TextPipeline, text: str, lang: str = "nl") -> list[str]:
    doc = tp.process(parse_plain_text(text, lang=lang))
    return [s.text for s in doc.sentences]


def test_month_abbreviation_does_not_end_a_sentence(text_pipeline: TextPipeline) -> None:
    got = sentences(text_pipeline, "Op 3 okt. sprak de minister met de gezant. Daarna ging hij.")
    assert got == ["Op 3 okt. sprak de minister met de gezant.", "Daarna ging hij."]


def test_quote_after_full_stop_opens_the_next_sentence(text_pipeline: TextPipeline) -> None:
    got = sentences(text_pipeline, "Hij was duidelijk. ,,Wij gaan niet weg,” zei hij.")
    assert got == ["Hij was duidelijk.", ",,Wij gaan niet weg,” zei hij."]


def test_sentences_do_not_cross_paragraphs(text_pipeline: TextPipeline) -> None:
    got = sentences(text_pipeline, "Eerste alinea zonder punt\nTweede alinea. En nog een zin.")
    assert "Eerste alinea zonder punt" in got[0]
    assert all("\n" not in s for s in got)


def test_token_offsets_point_into_the_text(text_pipeline: TextPipeline) -> None:
    article = parse_plain_text("Noord-Koreaanse soldaten vechten mee. Dat meldt Seoul.", lang="nl")
    doc = text_pipeline.process(article)
    for s in doc.sentences:
        assert article.text[s.start : s.end] == s.text
        for t in s.tokens:
            assert article.text[t.start : t.end] == t.text


def test_lemmas_join_separable_verbs(text_pipeline: TextPipeline) -> None:
    doc = text_pipeline.process(parse_plain_text("Zij hebben de stad aangevallen.", lang="nl"))
    assert "aanvallen" in [t.lemma for t in doc.sentences[0].tokens]


def test_language_is_identified(text_pipeline: TextPipeline) -> None:
    nl = Article.create("De Russische troepen trokken zich dinsdag terug uit de stad.")
    en = Article.create("Russian troops withdrew from the city on Tuesday, officials said.")
    de = Article.create("Die russischen Truppen zogen sich am Dienstag aus der Stadt zurück.")
    assert text_pipeline.process(nl).lang == "nl"
    assert text_pipeline.process(en).lang == "en"
    other = text_pipeline.process(de)
    assert other.lang == "de"
    assert other.sentences == ()
