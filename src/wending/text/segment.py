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
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import spacy

from wending.lang import pack_file, read_word_list
from wending.model import Block, BlockKind, Sentence, Token

OPENING_QUOTES = frozenset({",,", "„", "“", "‘", '"', "'", "«", "‚"})
CLOSING_QUOTES = frozenset({"”", "’", '"', "''", "»", "'"})


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
            chunk = text[block.start : block.end]
            if not chunk.strip():
                continue
            doc = self._nlp(chunk)
            spans = self._fix([(s.start_char, s.end_char) for s in doc.sents], chunk)
            tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
            for start, end in spans:
                while start < end and chunk[start].isspace():
                    start += 1
                while end > start and chunk[end - 1].isspace():
                    end -= 1
                toks = [
                    (block.start + a, block.start + b) for a, b in tokens if a >= start and b <= end
                ]
                if toks:
                    out.append((block.start + start, block.start + end, block.kind, toks))
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
        following = chunk[start:].lstrip()
        if not following:
            return False
        prev_text = chunk[prev[0] : prev[1]].rstrip()
        if not prev_text.endswith("."):
            return False
        last_word = prev_text[:-1].rsplit(None, 1)[-1].lower() if prev_text[:-1].split() else ""
        last_word = last_word.lstrip("(\"'‘“„,")
        first = following[0]
        if last_word in self.abbreviations:
            return first.islower() or first.isdigit()
        return first.islower()


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
