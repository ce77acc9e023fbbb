"""Sentences and tokens with spaCy's blank pipelines and a sentencizer.

Two fixes on top of spaCy's rule-based sentencizer (design.md):

* an opening quote left at the end of a sentence (``... zei hij. ,,Wij``)
  moves to the next sentence, and a closing quote at the start of a sentence
  moves back to the one it closes;
* an abbreviation with a full stop (``3 okt.``, ``sept.``, ``Mr.``) does not end
  a sentence when the next one starts with a lowercase letter or a digit, and
  a sentence never starts with a lowercase letter after an abbreviation.

Sentences never cross layout blocks: each block (title, heading, paragraph) is
segmented on its own, and offsets point into the article text.

Input can be hostile: a block longer than ``MAX_PIECE_CHARS`` (a one-line
file of megabytes) is segmented in pieces cut at whitespace, and a
"sentence" of more than ``MAX_SENTENCE_TOKENS`` tokens (text without full
stops) is cut into sentences of that many tokens, so that the work per
sentence, and so extraction, stays bounded.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import spacy

from wending.lang import pack_file, read_word_list
from wending.model import Block, BlockKind, Sentence, Token

OPENING_QUOTES = frozenset({",,", "„", "“", "‘", '"', "'", "«", "‚"})
CLOSING_QUOTES = frozenset({"”", "’", '"', "''", "»", "'"})
#: Most tokens in one sentence; real sentences stay far below it.
MAX_SENTENCE_TOKENS = 200
#: Most characters handed to spaCy at once (its own limit is 1,000,000).
MAX_PIECE_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class _RawSentence:
    start: int
    end: int


class Segmenter:
    """Splits text into sentences and tokens for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @cached_property
    def _nlp(self) -> Any:
        nlp = spacy.blank(self.lang)
        nlp.add_pipe("sentencizer")
        return nlp

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        path = pack_file(self.lang, "abbreviations.txt")
        return read_word_list(path) if path.exists() else frozenset()

    def tokenize(self, text: str) -> list[str]:
        """Token texts of a short text (names in the knowledge base)."""
        return [t.text for t in self._nlp.tokenizer(text) if not t.is_space]

    def sentences(
        self, text: str, blocks: tuple[Block, ...], *, first_index: int = 0
    ) -> list[tuple[int, int, BlockKind, list[tuple[int, int]]]]:
        """Sentence spans with their tokens' spans, block by block."""
        out: list[tuple[int, int, BlockKind, list[tuple[int, int]]]] = []
        if not blocks:
            blocks = (Block("paragraph", 0, len(text)),)
        for block in blocks:
            if block.kind == "source":
                continue
            for offset, chunk in _pieces(text[block.start : block.end], block.start):
                if chunk.strip():
                    out.extend(self._piece(chunk, offset, block.kind))
        return out

    def _piece(
        self, chunk: str, offset: int, kind: BlockKind
    ) -> list[tuple[int, int, BlockKind, list[tuple[int, int]]]]:
        out: list[tuple[int, int, BlockKind, list[tuple[int, int]]]] = []
        doc = self._nlp(chunk)
        spans = self._fix([(s.start_char, s.end_char) for s in doc.sents], chunk)
        tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
        starts = [a for a, _ in tokens]
        for start, end in spans:
            while start < end and chunk[start].isspace():
                start += 1
            while end > start and chunk[end - 1].isspace():
                end -= 1
            toks: list[tuple[int, int]] = []
            i = bisect_left(starts, start)
            while i < len(tokens) and tokens[i][0] < end:
                if tokens[i][1] <= end:
                    toks.append((offset + tokens[i][0], offset + tokens[i][1]))
                i += 1
            for n in range(0, len(toks), MAX_SENTENCE_TOKENS):
                part = toks[n : n + MAX_SENTENCE_TOKENS]
                first = offset + start if n == 0 else part[0][0]
                last = offset + end if n + len(part) == len(toks) else part[-1][1]
                out.append((first, last, kind, part))
        return out

    def _fix(self, spans: list[tuple[int, int]], chunk: str) -> list[tuple[int, int]]:
        fixed: list[list[int]] = []
        for start, end in spans:
            if fixed and self._continues(chunk, fixed[-1], start):
                fixed[-1][1] = end
                continue
            fixed.append([start, end])
        # move quotes across sentence boundaries
        for i in range(len(fixed) - 1):
            cur, nxt = fixed[i], fixed[i + 1]
            stripped = chunk[cur[0] : cur[1]].rstrip()
            for quote in sorted(OPENING_QUOTES, key=len, reverse=True):
                body = stripped[: -len(quote)].rstrip()
                if (
                    stripped.endswith(quote)
                    and body.endswith((".", "!", "?", ":"))
                    and not _balanced(chunk[cur[0] : cur[0] + len(body)], quote)
                ):
                    cut = cur[0] + len(body)
                    nxt[0] = cur[0] + stripped.rfind(quote)
                    cur[1] = cut
                    break
            head = chunk[nxt[0] : nxt[1]]
            for quote in sorted(CLOSING_QUOTES, key=len, reverse=True):
                if head.startswith(quote) and len(head.strip()) > len(quote):
                    cur[1] = nxt[0] + len(quote)
                    nxt[0] = nxt[0] + len(quote)
                    while nxt[0] < nxt[1] and chunk[nxt[0]].isspace():
                        nxt[0] += 1
                    break
        return [(a, b) for a, b in fixed if chunk[a:b].strip()]

    def _continues(self, chunk: str, prev: list[int], start: int) -> bool:
        """Whether the sentence at ``start`` wrongly split from ``prev``."""
        pos = start  # the first character after the spaces (no copy of the rest)
        while pos < len(chunk) and chunk[pos].isspace():
            pos += 1
        if pos == len(chunk):
            return False
        prev_text = chunk[prev[0] : prev[1]].rstrip()
        if not prev_text.endswith("."):
            return False
        last_word = prev_text[:-1].rsplit(None, 1)[-1].lower() if prev_text[:-1].split() else ""
        last_word = last_word.lstrip("(\"'‘“„,")
        first = chunk[pos]
        if last_word in self.abbreviations:
            return first.islower() or first.isdigit()
        return first.islower()


def _pieces(text: str, offset: int) -> list[tuple[int, str]]:
    """``text`` (at ``offset`` in the article) in pieces of at most
    ``MAX_PIECE_CHARS``, cut after the last newline or space in a piece's
    second half (or hard, when it has none)."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > MAX_PIECE_CHARS:
        limit = start + MAX_PIECE_CHARS
        half = start + MAX_PIECE_CHARS // 2
        cut = text.rfind("\n", half, limit)
        if cut < 0:
            cut = text.rfind(" ", half, limit)
        cut = limit if cut < 0 else cut + 1
        out.append((offset + start, text[start:cut]))
        start = cut
    out.append((offset + start, text[start:]))
    return out


def _balanced(text: str, quote: str) -> bool:
    """Whether an opening quote at the end of ``text`` would close an earlier one."""
    pairs = {",,": "”", "„": "”", "“": "”", "‘": "’", "‚": "’", "«": "»"}
    closing = pairs.get(quote)
    if closing is None:
        return text.count(quote) % 2 == 1
    return text.count(quote) > text.count(closing)


def build_sentences(
    text: str,
    raw: list[tuple[int, int, BlockKind, list[tuple[int, int]]]],
    *,
    lemmatize: Any,
) -> tuple[Sentence, ...]:
    """Sentence records from spans, with tokens and lemmas."""
    out = []
    for index, (start, end, kind, toks) in enumerate(raw):
        tokens = tuple(
            Token(
                start=a,
                end=b,
                text=text[a:b],
                lower=text[a:b].lower(),
                lemma=lemmatize(text[a:b]),
                is_punct=not any(ch.isalnum() for ch in text[a:b]),
                is_title=text[a:b][:1].isupper(),
            )
            for a, b in toks
        )
        out.append(
            Sentence(index=index, start=start, end=end, text=text[start:end], tokens=tokens,
                     block=kind)
        )
    return tuple(out)
