"""Layout analysis: title, pull-quote headings, paragraphs and the source line.

The text is never changed here: it is described by :class:`~wending.model.Block`
spans with offsets into it. Every ingest path (plain text, JSONL, HTML, feeds)
runs the same analysis, so every article gets ``blocks``.

* a paragraph is a line (a hard-wrapped line that continues in lower case on
  the next line is joined to it);
* a heading is a short line between paragraphs that is wholly inside quotes
  (a pull quote: ``‘...’``, ``'...'``, ``"..."``, ``“...”``, ``,,...''``,
  ``„...”``) or a short line without closing punctuation;
* the source is a closing ``Bron: X`` / ``Source: X`` line; ``X`` becomes the
  outlet when the article names none;
* the title is the first line when it equals the article's title, or (for
  plain-text files, ``detect_title=True``) when it is short and does not end
  with a full stop;
* an article whose body opens with ``,,``, ``„``, ``“`` or ``"`` and closes
  with the matching closing quote, with no closing quote in between, is one
  quote of an unnamed source: ``Article.quoted``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from wending.model import Article, Block, BlockKind, normalize_text

#: Longest pull-quote heading, in words.
HEADING_MAX_WORDS = 15
#: Longest unquoted heading (a line without closing punctuation), in words.
PLAIN_HEADING_MAX_WORDS = 10
#: Longest title line, in words and characters.
TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 200

#: Opening quote -> the closing quotes that end it.
QUOTE_PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (",,", ("''", "”", "“")),
    ("„", ("”", "“")),
    ("“", ("”",)),
    ("‘", ("’",)),
    ("‚", ("‘", "’")),
    ("«", ("»",)),
    ('"', ('"',)),
    ("'", ("'",)),
)
#: Openers that can start an article that is one quote.
ARTICLE_QUOTE_OPENERS = (",,", "„", "“", '"')

_SOURCE_RE = re.compile(r"^(?:bron|bronnen|source|sources)\s*:\s*(?P<who>\S.*?)\s*\.?\s*$", re.I)
_TERMINAL = frozenset(".!?:;…\"”’'»)]")


@dataclass(frozen=True, slots=True)
class Layout:
    """The layout of a text: its blocks, title line, source and quote flag."""

    blocks: tuple[Block, ...]
    title: str = ""
    source: str | None = None
    quoted: bool = False


def stable_text(text: str) -> str:
    """``normalize_text`` applied until it no longer changes the text.

    ``Article.create`` normalizes again, so offsets computed on this text stay
    valid in the article.
    """
    norm = normalize_text(text)
    for _ in range(5):
        again = normalize_text(norm)
        if again == norm:
            break
        norm = again
    return norm


def analyze(text: str, *, title: str = "", detect_title: bool = False) -> Layout:
    """Describe the layout of ``text`` (already normalized) as blocks.

    ``title`` is the article's known title: a first line equal to it is the
    title block. With ``detect_title`` a short first line without a final
    full stop is taken as the title.
    """
    lines = _join_wrapped(text, _lines(text))
    if not lines:
        return Layout(blocks=())
    kinds: list[BlockKind] = ["paragraph"] * len(lines)
    source: str | None = None
    last = text[lines[-1][0] : lines[-1][1]]
    match = _SOURCE_RE.match(last)
    if match and len(lines) > 1:
        kinds[-1] = "source"
        source = match.group("who")
    body_end = len(lines) - 1 if source is not None else len(lines)
    title_text = ""
    first = text[lines[0][0] : lines[0][1]]
    if body_end > 1 and _is_title(first, title=title, detect=detect_title):
        kinds[0] = "title"
        title_text = first
    body_start = 1 if title_text else 0
    for i in range(body_start + 1, body_end - 1):
        line = text[lines[i][0] : lines[i][1]]
        if kinds[i - 1] == "paragraph" and _is_heading(line):
            kinds[i] = "heading"
    blocks = tuple(Block(k, s, e) for k, (s, e) in zip(kinds, lines, strict=True))
    paragraphs = [text[b.start : b.end] for b in blocks if b.kind == "paragraph"]
    return Layout(blocks=blocks, title=title_text, source=source, quoted=_is_quoted(paragraphs))


def with_layout(article: Article, *, detect_title: bool = False) -> Article:
    """The article with ``blocks`` and ``quoted`` set, its outlet taken from a
    closing ``Bron:`` line when it has none, and (with ``detect_title``) its
    title taken from a title line when it has none."""
    layout = analyze(article.text, title=article.title, detect_title=detect_title)
    return replace(
        article,
        blocks=layout.blocks,
        quoted=layout.quoted,
        outlet=article.outlet or layout.source,
        title=article.title or " ".join(layout.title.split()),
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, without their leading/trailing blanks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def _join_wrapped(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line to the one before when it is a hard-wrapped continuation:
    adjacent, the previous one without closing punctuation, this one starting
    in lower case."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            adjacent = text.count("\n", prev_end, start) == 1
            if adjacent and text[prev_end - 1] not in _TERMINAL and text[start].islower():
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def _words(line: str) -> int:
    return len(line.split())


def _wholly_quoted(line: str) -> bool:
    """The line is one quote: it opens with a quote, ends with its closing
    quote, and the quote does not close earlier (``‘Ja’, zei hij, ‘nee’``)."""
    for opener, closers in QUOTE_PAIRS:
        if not line.startswith(opener):
            continue
        for closer in closers:
            inner = line[len(opener) : len(line) - len(closer)]
            if len(line) > len(opener) + len(closer) and line.endswith(closer):
                return inner.strip() != "" and not _closes_inside(inner, closers)
        return False
    return False


def _closes_inside(inner: str, closers: tuple[str, ...]) -> bool:
    """A closing quote inside that is followed by a space or punctuation (an
    apostrophe inside a word, as in ``auto’s``, does not close)."""
    for closer in closers:
        for m in re.finditer(re.escape(closer), inner):
            after = inner[m.end() : m.end() + 1]
            if after == "" or not after.isalnum():
                return True
    return False


def _is_heading(line: str) -> bool:
    words = _words(line)
    if words <= HEADING_MAX_WORDS and _wholly_quoted(line):
        return True
    return (
        words <= PLAIN_HEADING_MAX_WORDS
        and (line[0].isupper() or line[0].isdigit())
        and line[-1] not in _TERMINAL
        and line[-1] != ","
    )


def _is_title(line: str, *, title: str, detect: bool) -> bool:
    if title:
        return " ".join(line.split()) == " ".join(title.split())
    if not detect:
        return False
    if _words(line) > TITLE_MAX_WORDS or len(line) > TITLE_MAX_CHARS:
        return False
    if line[-1] in ".,;:":
        return False
    opens_quote = any(line.startswith(o) for o in ARTICLE_QUOTE_OPENERS)
    return not opens_quote or _wholly_quoted(line)


def _is_quoted(paragraphs: list[str]) -> bool:
    """The body is one quote: the first paragraph opens it, the last closes
    it, and no paragraph closes it before its end."""
    if not paragraphs:
        return False
    first, last = paragraphs[0], paragraphs[-1]
    if last.endswith(".") and len(last) > 1 and not last[-2].isalnum():
        last = last[:-1]  # ,,...'' . with the full stop after the quote
        paragraphs = [*paragraphs[:-1], last]
    for opener in ARTICLE_QUOTE_OPENERS:
        if not first.startswith(opener):
            continue
        closers = dict(QUOTE_PAIRS)[opener]
        if not any(last.endswith(c) and len(last) > len(c) for c in closers):
            return False
        for n, para in enumerate(paragraphs):
            inner = para[len(opener) :] if para.startswith(opener) else para
            if n == len(paragraphs) - 1 or any(inner.endswith(c) for c in closers):
                inner = _strip_closer(inner, closers)
            if _closes_inside(inner, closers):
                return False
        return True
    return False


def _strip_closer(text: str, closers: tuple[str, ...]) -> str:
    for closer in closers:
        if text.endswith(closer):
            return text[: -len(closer)]
    return text
