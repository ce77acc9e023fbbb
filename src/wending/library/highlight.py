"""Where an event's parts sit in its article: the spans a reader sees marked.

An event keeps character offsets for its evidence and its actors, and the
plain text of its trigger, date, quantity and modality cue. :func:`highlights`
finds each of those texts in the article, in the evidence first and else
nearest to it in the same sentence, so a page can mark them. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from wending.model import Event

HighlightKind = Literal[
    "evidence", "actor", "recipient", "trigger", "date", "quantity", "modality", "location"
]
HIGHLIGHT_KINDS: tuple[HighlightKind, ...] = (
    "evidence",
    "actor",
    "recipient",
    "trigger",
    "date",
    "quantity",
    "modality",
    "location",
)

#: How far around the evidence a part is searched when the sentence end is not found.
_WINDOW = 400
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@dataclass(frozen=True, slots=True)
class Highlight:
    """A marked stretch of the article: ``text == article_text[start:end]``.

    ``label`` says what it is (an actor code, the cue, the date's value).
    """

    kind: HighlightKind
    start: int
    end: int
    text: str
    label: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
        }


def highlights(event: Event, text: str, *, lang: str | None = None) -> list[Highlight]:
    """The spans of ``text`` to mark for ``event``, ordered by position.

    Evidence and entity spans come from their stored offsets (kept only when
    they still match the text); trigger, date, quantity, place and modality
    cue are searched for as whole words around the evidence.
    """
    found: list[Highlight] = []
    for span in event.evidence:
        if _valid(text, span.start, span.end):
            found.append(Highlight("evidence", span.start, span.end, text[span.start : span.end]))
    for role, entities in (("actor", event.actor), ("recipient", event.recipient)):
        for e in entities:
            if _valid(text, e.start, e.end):
                kind: HighlightKind = "actor" if role == "actor" else "recipient"
                label = " ".join(p for p in (e.code, e.sector) if p)
                found.append(Highlight(kind, e.start, e.end, text[e.start : e.end], label))
    lo, hi = _anchor(event, text)
    lang = lang or _lang_of(event)
    wanted: list[tuple[HighlightKind, str, str]] = [("trigger", event.event_text, event.event)]
    if event.date is not None and event.date.text:
        value = event.date.to_plover()
        wanted.append(("date", event.date.text, value if isinstance(value, str) else ""))
    if event.quantity is not None and event.quantity.text:
        q = event.quantity
        wanted.append(("quantity", q.text, f"{q.value:g} {q.unit}".strip()))
    if event.event_loc:
        wanted.append(("location", event.event_loc, event.event_loc))
    for kind, phrase, label in wanted:
        words = kind in ("trigger", "quantity")
        for a, b in locate(text, phrase, lo, hi, lang=lang, by_word=words):
            found.append(Highlight(kind, a, b, text[a:b], label))
    cue = modality_cue(event)
    if cue is not None:
        for a, b in locate(text, cue[1], lo, hi, lang=lang, by_word=True):
            found.append(Highlight("modality", a, b, text[a:b], event.modality))
    found.sort(key=lambda h: (h.start, -h.end, HIGHLIGHT_KINDS.index(h.kind)))
    return found


def modality_cue(event: Event) -> tuple[str, str] | None:
    """The kind and text of the modality cue a rule recorded
    (``modality:cue:zouden`` -> ``("cue", "zouden")``), if any."""
    for rule in event.rules:
        if rule.startswith("modality:"):
            parts = rule.split(":", 2)
            if len(parts) == 3 and parts[2].strip():
                return parts[1], parts[2].strip()
    return None


def locate(
    text: str, phrase: str, lo: int, hi: int, *, lang: str, by_word: bool = False
) -> list[tuple[int, int]]:
    """Where ``phrase`` is said near ``[lo, hi)``: the whole phrase, else
    (with ``by_word``) each of its words on its own, as written or as a form of
    the same lemma (a separable verb, a plural, a past tense)."""
    hit = find_near(text, phrase, lo, hi)
    if hit is not None:
        return [hit]
    if not by_word:
        return []
    spans: list[tuple[int, int]] = []
    for word in phrase.split():
        one = find_near(text, word, lo, hi) or _find_lemma(text, word, lo, hi, lang)
        if one is not None and one not in spans:
            spans.append(one)
    return sorted(spans)


def find_near(text: str, phrase: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The whole-word, case-insensitive occurrence of ``phrase`` in
    ``text`` that lies inside ``[lo, hi)`` or, failing that, is nearest to it
    within the same sentence."""
    phrase = " ".join(phrase.split())
    if not phrase:
        return None
    s_lo, s_hi = _sentence(text, lo, hi)
    best: tuple[int, int] | None = None
    best_distance = -1
    for start, end in _occurrences(text, phrase, s_lo, s_hi):
        distance = 0 if start >= lo and end <= hi else min(abs(start - hi), abs(end - lo))
        if best is None or distance < best_distance:
            best, best_distance = (start, end), distance
    return best


def _occurrences(text: str, phrase: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    words = [re.escape(w) for w in phrase.split(" ")]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
    for m in pattern.finditer(text, lo, hi):
        yield m.start(), m.end()


def _find_lemma(text: str, word: str, lo: int, hi: int, lang: str) -> tuple[int, int] | None:
    import simplemma

    word = word.lower()
    lemmas = {word, simplemma.lemmatize(word, lang=lang).lower()}
    s_lo, s_hi = _sentence(text, lo, hi)
    best: tuple[int, int] | None = None
    best_distance = -1
    for m in re.finditer(r"\w+", text[s_lo:s_hi]):
        start, end = s_lo + m.start(), s_lo + m.end()
        seen = m.group().lower()
        if seen not in lemmas and simplemma.lemmatize(seen, lang=lang).lower() not in lemmas:
            continue
        distance = 0 if start >= lo and end <= hi else min(abs(start - hi), abs(end - lo))
        if best is None or distance < best_distance:
            best, best_distance = (start, end), distance
    return best


def _valid(text: str, start: int, end: int) -> bool:
    return 0 <= start < end <= len(text)


def _anchor(event: Event, text: str) -> tuple[int, int]:
    """The evidence's range (or, without evidence, its actors')."""
    spans = [(s.start, s.end) for s in event.evidence if _valid(text, s.start, s.end)]
    if not spans:
        spans = [
            (e.start, e.end)
            for e in (*event.actor, *event.recipient)
            if _valid(text, e.start, e.end)
        ]
    if not spans:
        return 0, len(text)
    return min(s for s, _ in spans), max(e for _, e in spans)


def _sentence(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The sentence (roughly: up to ``.!?`` plus space, or a newline) around ``[lo, hi)``."""
    start = max(0, lo - _WINDOW)
    before = [m.end() for m in _SENTENCE_END.finditer(text, start, lo)]
    after = _SENTENCE_END.search(text, hi, min(len(text), hi + _WINDOW))
    return (before[-1] if before else start), (
        after.start() + 1 if after else min(len(text), hi + _WINDOW)
    )


def _lang_of(event: Event) -> str:
    for rule in event.rules:
        prefix = rule.split(".", 1)[0]
        if prefix in ("nl", "en") and "." in rule:
            return prefix
    return "en"
