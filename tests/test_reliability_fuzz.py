"""Fuzzing (issue 8, point 2): every parser and the extraction take any text
without crashing, and every span they give lies inside the article text and
equals it.

Parsers may refuse input only with an :class:`InputError` (naming the input);
anything else is a crash. The text is drawn from news words (so that actors,
triggers, dates and quantities do occur and events are coded), quotes of
every style, newlines, ``Bron:`` lines, odd Unicode and plain random text.
Examples are few per test so that the file runs in well under a minute; run
``WENDING_FUZZ=2000 pytest tests/test_reliability_fuzz.py`` for a long run
(the count is the examples per test).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wending.errors import InputError
from wending.extract.dates import DateFinder
from wending.extract.lexicon import load_lexicon
from wending.extract.quantities import QuantityFinder
from wending.ingest import analyze, parse_feed, parse_html, parse_jsonl, parse_plain_text
from wending.ingest.html import html_to_text
from wending.library.highlight import highlights
from wending.model import Article, Doc, Entity, Event, article_id, normalize_text
from wending.pipeline import Pipeline
from wending.text import TextPipeline

EXAMPLES = int(os.environ.get("WENDING_FUZZ", "0") or 0)


def fuzz(n: int) -> settings:
    """Hypothesis settings: ``n`` examples (or ``WENDING_FUZZ``), no deadline."""
    return settings(
        max_examples=EXAMPLES or n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


WORDS = (
    # actors, places, people (nl/en)
    "Rusland", "Oekraïne", "Poetin", "Zelensky", "de NAVO", "NATO", "Peking", "Moskou",
    "het Kremlin", "Washington", "China", "Russia", "Ukraine", "Hamas", "Israël", "Israel",
    "de VN", "the UN", "Russische troepen", "Chinese soldaten", "rebellen", "betogers",
    "de regering", "the government", "Noord-Korea", "Koersk", "Kyiv", "Charkiv", "Brussel",
    # triggers
    "viel", "aan", "valt", "aanval", "attacked", "invaded", "sanctions", "sancties",
    "stuurde", "sent", "signed", "ondertekende", "akkoord", "agreement", "veroordeelde",
    "condemned", "protesteerden", "protested", "beschoten", "shelled", "doodde", "killed",
    "ontkent", "denies", "dreigt", "threatened", "steunt", "helpt", "hulp", "aid",
    # dates and quantities
    "dinsdag", "Tuesday", "gisteren", "vorige week", "afgelopen week", "in juni",
    "op 31 februari", "op 29 februari", "30 februari 2024", "February 30", "begin oktober",
    "tot 5 november", "2024", "3 dagen geleden", "three days ago", "drieduizend",
    "honderdduizenden", "1,5 miljoen", "12,000", "3.000", "tientallen", "dozens",
    "soldaten", "troops", "drones", "granaten", "shells", "euro", "$2 billion",
    # modality and attribution
    "naar verluidt", "zouden", "reportedly", "allegedly", "zei", "said", "volgens",
    "according to", "Bron: ANP", "Source: Reuters",
    # glue
    "de", "het", "een", "en", "in", "op", "met", "naar", "the", "a", "and", "of", "on", "to",
    "die", "dat", "which", "that", "niet", "not", "als", "if",
)
PUNCT = (
    ".", ",", ";", ":", "!", "?", "…", "-", "—", "(", ")", "\n", "\n\n", "\r\n", "\t",
    ",,", "''", "„", "“", "”", "‘", "’", '"', "'", "«", "»", "‚",
    "\u00a0", "\u200b", "\ufeff", "\u0301", "\u2028", "e\u0301", "ﬁ", "Ⅻ", "𝔘", "🚀", "\x00",
    "&amp;", "&lt;b&gt;", "<b>", "</p>", "<script>x</script>",
)

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCT),
    st.text(max_size=6),
)
#: News-like text: words, punctuation, quotes and noise, space-joined.
news = st.lists(token, max_size=80).map(" ".join)
#: The same with the separators drawn too (words glued to quotes, no spaces).
glued = st.lists(st.one_of(token, st.just(" ")), max_size=80).map("".join)
any_text = st.one_of(news, glued, st.text(max_size=300))

SENTENCES = {
    "nl": (
        "{a} viel {d} {r} aan", "{a} stuurde {d} {q} naar {r}", "{a} valt {r} aan met {q}",
        "{a} veroordeelde {d} de aanval van {r}", "{a} ondertekende {d} een akkoord met {r}",
        "{a} beschoot {d} {r} , zei {s}", "volgens {s} dreigt {a} {r} aan te vallen",
        "{a} zou {r} {d} naar verluidt hebben aangevallen", ",, {a} viel {r} aan '' , zei {s}",
        "{a} steunt {r} met {q}", "{a} ontkent dat het {r} {d} heeft aangevallen",
        "Als {a} {r} aanvalt , zal {s} ingrijpen", "{a} heeft {d} sancties opgelegd aan {r}",
    ),
    "en": (
        "{a} attacked {r} {d}", "{a} sent {q} to {r} {d}", "{a} condemned the attack by {r}",
        "{a} signed an agreement with {r} {d}", "{a} shelled {r} , {s} said",
        "according to {s} , {a} threatened to invade {r}", "{a} reportedly attacked {r} {d}",
        '" {a} attacked {r} , " {s} said', "{a} imposed sanctions on {r} {d}",
        "{a} denies that it attacked {r}", "If {a} attacks {r} , {s} will respond",
    ),
}
ACTORS = {
    "nl": ("Rusland", "Oekraïne", "China", "de NAVO", "Poetin", "Israël", "Hamas",
           "Noord-Korea", "Russische troepen", "de VN", "Zelensky", "Peking", "het Kremlin",
           "de Verenigde Staten", "Iran", "Polen", "rebellen", "de regering"),
    "en": ("Russia", "Ukraine", "China", "NATO", "Putin", "Israel", "Hamas", "North Korea",
           "the UN", "Iran", "the United States", "Poland", "rebels", "the government",
           "Russian troops", "Beijing", "the Kremlin"),
}
WHEN = {
    "nl": ("", "dinsdag", "gisteren", "vorige week", "afgelopen week", "in juni", "begin oktober",
           "op 31 februari", "op 29 februari", "op 30 februari 2024", "op 5 november",
           "tot 5 november", "3 dagen geleden", "sinds 2022", "eind 2023", "dinsdagavond"),
    "en": ("", "on Tuesday", "yesterday", "last week", "in June", "early October",
           "on February 30", "on 29 February", "on 31 June 2024", "until November 5",
           "three days ago", "since 2022", "late 2023", "next Tuesday"),
}
AMOUNTS = {
    "nl": ("drieduizend soldaten", "3.000 militairen", "1,5 miljoen euro", "tientallen drones",
           "honderdduizenden granaten", "ruim 12.000 troepen", "vele honderden raketten"),
    "en": ("3,000 troops", "$2 billion", "dozens of drones", "1.5 million euros",
           "hundreds of thousands of shells", "about 12,000 soldiers", "many missiles"),
}
SEPARATORS = (". ", ".\n", "\n\n", "! ", "? ", "; ", " ", ".'' ", "”\n", ".\n‘Kop’\n")
noise = st.one_of(st.sampled_from(PUNCT), st.text(max_size=4))


@st.composite
def article_text(draw: st.DrawFn) -> str:
    """An article of news sentences in one language, with noise between words."""
    lang = draw(st.sampled_from(["nl", "en"]))
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        pick = {k: draw(st.sampled_from(v[lang])) for k, v in
                (("a", ACTORS), ("r", ACTORS), ("s", ACTORS), ("d", WHEN), ("q", AMOUNTS))}
        words = draw(st.sampled_from(SENTENCES[lang])).format(**pick).split()
        for pos, extra in draw(st.lists(st.tuples(st.integers(0, len(words)), noise),
                                        max_size=3)):
            words.insert(pos, extra)
        parts.append(" ".join(words) + draw(st.sampled_from(SEPARATORS)))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["Bron: ANP", "Source: Reuters", "Bron:", ""])))
    return "".join(parts)


dates = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(2024, 2, 29), dt.date(2023, 3, 1)]),
)
langs = st.sampled_from([None, "nl", "en", "de", "NL", "en-GB", ""])


# --- checks ---------------------------------------------------------------------


def check_article(article: Article) -> None:
    """The article's id is its text's hash, its blocks lie in its text, and
    its strings are valid Unicode (storable in any database)."""
    for value in (article.text, article.title, article.name, article.outlet or "",
                  article.url or "", article.lang or ""):
        value.encode("utf-8")
    assert article.id == article_id(article.text)
    assert normalize_text(article.text) == article.text
    previous = 0
    for block in article.blocks:
        assert previous <= block.start < block.end <= len(article.text)
        assert article.text[block.start : block.end].strip()
        previous = block.end


def check_doc(doc: Doc) -> None:
    text = doc.article.text
    for sentence in doc.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for tok in sentence.tokens:
            assert sentence.start <= tok.start < tok.end <= sentence.end
            assert text[tok.start : tok.end] == tok.text


def entities(event: Event) -> Iterable[Entity]:
    yield from event.actor
    yield from event.recipient
    if event.attribution.speaker is not None:
        yield event.attribution.speaker


def check_events(text: str, events: Iterable[Event]) -> None:
    """Every evidence span and every placed entity equals the article text there."""
    for event in events:
        assert event.evidence, event
        for span in event.evidence:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
        for entity in entities(event):
            if entity.start >= 0:
                assert 0 <= entity.start < entity.end <= len(text)
                assert text[entity.start : entity.end] == entity.text


def articles_of(items: Iterable[Article | InputError]) -> list[Article]:
    out = []
    for item in items:
        assert isinstance(item, Article | InputError), item
        if isinstance(item, Article):
            check_article(item)
            out.append(item)
        else:
            assert item.source and item.problem
    return out


# --- parsers ----------------------------------------------------------------------


@fuzz(150)
@given(text=any_text, title=st.text(max_size=20), lang=langs, published=dates)
def test_plain_text_parser(text: str, title: str, lang: str | None, published: dt.date) -> None:
    article = parse_plain_text(text, name="x.txt", title=title, lang=lang, published=published)
    check_article(article)
    if article.title and article.blocks and article.blocks[0].kind == "title":
        first = article.blocks[0]
        assert " ".join(article.text[first.start : first.end].split()) == article.title


@fuzz(150)
@given(text=any_text, title=st.text(max_size=20), detect=st.booleans())
def test_layout_analysis(text: str, title: str, detect: bool) -> None:
    norm = normalize_text(text)
    layout = analyze(norm, title=title, detect_title=detect)
    previous = 0
    for block in layout.blocks:
        assert previous <= block.start < block.end <= len(norm)
        assert norm[block.start : block.end].strip()
        previous = block.end
    if layout.title:
        assert layout.blocks[0].kind == "title"
        assert norm[layout.blocks[0].start : layout.blocks[0].end] == layout.title
    if layout.source is not None:
        assert layout.blocks[-1].kind == "source"


html_parts = st.one_of(
    token,
    st.sampled_from(
        [
            "<html>", "<html lang='nl'>", "<head>", "<title>", "</title>", "<body>",
            "<article>", "<p>", "</p>", "<div>", "<br>", "<h1>", "</h1>", "<script>",
            "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<meta charset='x'>",
            "<meta property='article:published_time' content='2024-02-30'>", "&#0;",
            "&#x110000;", "&bogus;", "<", ">", "</", "<p", "=\"", "<?xml version='1.0'?>",
        ]
    ),
)
html_text = st.lists(html_parts, max_size=80).map("".join)


@fuzz(80)
@given(page=st.one_of(html_text, st.text(max_size=300)), as_bytes=st.booleans())
def test_html_parser(page: str, as_bytes: bool) -> None:
    source: str | bytes = page.encode("utf-8", "surrogatepass") if as_bytes else page
    try:
        article = parse_html(source, name="page.html")
    except InputError as err:
        assert err.source == "page.html" and err.problem
        return
    check_article(article)
    assert article.text.strip()


@fuzz(100)
@given(fragment=st.one_of(html_text, st.text(max_size=200)))
def test_html_fragment_to_text(fragment: str) -> None:
    text = html_to_text(fragment)
    assert "\n\n" not in text and text == text.strip()


json_value = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), any_text,
        st.sampled_from(["2024-02-30", "2024-02-29", "0000-01-01", "9999-12-31", "gisteren"]),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                  max_size=3),
    max_leaves=8,
)
record = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=8), st.integers(), json_value),
        "text": st.one_of(any_text, json_value),
        "lang": st.one_of(langs, json_value),
        "published": st.one_of(dates.map(lambda d: d.isoformat() if d else None), json_value),
        "outlet": st.one_of(st.text(max_size=8), json_value),
        "title": st.one_of(st.text(max_size=8), json_value),
        "url": st.one_of(st.text(max_size=8), json_value),
    },
)
#: JSON escapes of unpaired surrogates: valid JSON, not valid Unicode.
SURROGATES = (
    '{"text": "\\ud800 Rusland viel aan."}', '{"text": "a", "title": "\\udfff"}',
    '{"id": "\\ud83d", "text": "b"}', '{"text": "\\ud83d\\ude80 ok"}',
    '{"text": "x", "published": "\\ud800"}',
)
jsonl_line = st.one_of(
    st.sampled_from(SURROGATES),
    record.map(json.dumps),
    json_value.map(json.dumps),
    record.map(json.dumps).flatmap(lambda s: st.integers(0, len(s)).map(lambda n: s[:n])),
    st.text(max_size=40),
)


@fuzz(120)
@given(lines=st.lists(jsonl_line, max_size=6), sep=st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_jsonl_parser(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    for item in parse_jsonl(text, name="a.jsonl"):
        if isinstance(item, InputError):
            assert item.source.startswith("a.jsonl:") and item.problem
        else:
            check_article(item)
            assert item.text.strip()


feed_parts = st.one_of(
    token,
    st.sampled_from(
        [
            "<?xml version='1.0' encoding='utf-8'?>", "<rss version='2.0'>", "</rss>",
            "<channel>", "</channel>", "<title>", "</title>", "<item>", "</item>",
            "<description>", "</description>", "<pubDate>", "</pubDate>",
            "Tue, 30 Feb 2024 10:00:00 +0100", "2024-02-30T10:00:00Z", "<link>", "</link>",
            "https://news.example/1", "<feed xmlns='http://www.w3.org/2005/Atom'>", "</feed>",
            "<entry>", "</entry>", "<content type='html'>", "</content>", "<summary>",
            "</summary>", "<updated>", "</updated>", "<![CDATA[<p>", "</p>]]>", "&amp;",
            "&lt;", "&x;", "<!DOCTYPE rss [<!ENTITY x 'boem'>]>",
            "<!DOCTYPE rss SYSTEM 'http://evil.example/x.dtd'>", "<language>nl</language>",
        ]
    ),
)
feed_text = st.lists(feed_parts, max_size=60).map("".join)


@fuzz(100)
@given(feed=st.one_of(feed_text, st.text(max_size=200)), url=st.sampled_from([None, "https://x"]))
def test_feed_parser(feed: str, url: str | None) -> None:
    data = feed.encode("utf-8", "surrogatepass")
    try:
        items = parse_feed(data, name="f.rss", url=url)
    except InputError as err:
        assert err.source == "f.rss" and err.problem
        return
    articles_of(items)
    for item in items:
        if isinstance(item, InputError):
            assert item.source.startswith("f.rss")


# --- text stage and finders ---------------------------------------------------------


@pytest.fixture(scope="module")
def finders() -> dict[str, tuple[DateFinder, QuantityFinder]]:
    out = {}
    for lang in ("nl", "en"):
        lex = load_lexicon(lang)
        out[lang] = (DateFinder(lang), QuantityFinder(lang, lex.units, lex.vague))
    return out


@fuzz(120)
@given(text=st.one_of(article_text(), any_text), lang=st.sampled_from(["nl", "en"]),
       published=dates)
def test_date_and_quantity_finders(
    text_pipeline: TextPipeline,
    finders: dict[str, tuple[DateFinder, QuantityFinder]],
    text: str,
    lang: str,
    published: dt.date | None,
) -> None:
    doc = text_pipeline.process(parse_plain_text(text, lang=lang))
    check_doc(doc)
    date_finder, quantity_finder = finders[lang]
    for sentence in doc.sentences:
        for d in date_finder.find(sentence.tokens, published):
            assert sentence.start <= d.start < d.end <= sentence.end
            value = d.value
            assert (value.start is None) == (value.end is None)
            if value.start is not None and value.end is not None:
                assert value.start <= value.end
            assert value.text
        for q in quantity_finder.find(sentence.tokens):
            assert sentence.start <= q.start < q.end <= sentence.end
            assert q.quantity.value >= 0
            if q.quantity.high is not None:
                assert q.quantity.high >= q.quantity.value


# --- the whole pipeline ---------------------------------------------------------------


@fuzz(120)
@given(text=st.one_of(article_text(), article_text(), news, glued), lang=langs, published=dates)
def test_pipeline_spans_equal_the_article_text(
    pipeline: Pipeline, text: str, lang: str | None, published: dt.date | None
) -> None:
    article = parse_plain_text(text, lang=lang, published=published)
    done = pipeline.process(article)
    check_article(done.article)
    check_doc(done.doc)
    if done.status == "unsupported_language":
        assert done.events == ()
        return
    text = done.article.text
    check_events(text, done.events)
    assert done.doc.lang is not None
    for mention in pipeline.engine.tools(done.doc.lang).linker.link(done.doc):  # type: ignore[attr-defined]
        assert text[mention.start : mention.end] == mention.text
    for event in done.events:  # what the web page marks
        for mark in highlights(event, text, lang=done.doc.lang):
            assert 0 <= mark.start < mark.end <= len(text)
            assert text[mark.start : mark.end] == mark.text
    ids = [e.id for e in done.events]
    assert len(set(ids)) == len(ids)
    assert all(e.article_id == done.article.id for e in done.events)
