"""How certain an event is, and who says so.

Modality comes from the cue lexicon (``cues.yaml``) in the trigger's clause
and, for report cues, the whole sentence:

* ``denied``: a negation in the trigger's clause, or a denial verb governing it;
* ``alleged``: conditional/claim cues (``zou``, ``zouden``, ``allegedly``);
* ``planned``: intention cues (``wil``, ``zal``, ``plans to``);
* ``predicted``: forecast cues (``verwacht``, ``is expected to``);
* ``reported``: report cues (``naar verluidt``, ``according to``), or the clause
  is the complement of a reporting verb (``X zegt dat ...``);
* else ``asserted``.

Attribution: a speaker named with a reporting verb or phrase in the sentence
(``zei X``, ``aldus X``, ``X told``, ``according to X``), the article's unnamed
source for a whole-article quote, and the outlet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from wending.extract.grammar import Clause, Grammar
from wending.extract.lexicon import Cues
from wending.model import Modality, Token

ORDER: tuple[Modality, ...] = ("denied", "alleged", "planned", "predicted", "reported")
NOT_NEGATING_AFTER = frozenset({"alleen", "enkel", "only", "just", "least", "eens", "zomaar",
                                "veel", "much", "meer", "langer", "longer"})


@dataclass(frozen=True, slots=True)
class ModalityFinding:
    modality: Modality
    cue: str
    start: int = -1
    end: int = -1


def _has_phrase(words: Sequence[str], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if tuple(words[i : i + n]) == phrase:
            return i
    return -1


class PhraseIndex:
    """A list of cue phrases indexed by their first word, to find which of
    them occur in a word sequence in one pass over it instead of one pass per
    phrase. Answers as :func:`_has_phrase` tried on each phrase in turn."""

    def __init__(self, phrases: tuple[tuple[str, ...], ...]) -> None:
        self.phrases = phrases
        self.by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for n, phrase in enumerate(phrases):
            if phrase:
                self.by_first.setdefault(phrase[0], []).append((n, phrase))
        self.empty = next((n for n, phrase in enumerate(phrases) if not phrase), None)
        self.first_words = frozenset(self.by_first)

    def occurrences(self, words: Sequence[str]) -> list[tuple[tuple[str, ...], int]]:
        """Each phrase found in ``words`` with its first position, in the
        order of the phrase list."""
        found: dict[int, int] = {} if self.empty is None else {self.empty: 0}
        if self.first_words.isdisjoint(words):
            return [(self.phrases[n], at) for n, at in found.items()]  # (mostly: none)
        by_first = self.by_first
        for i, w in enumerate(words):
            for n, phrase in by_first.get(w, ()):
                if n not in found and (len(phrase) == 1
                                       or tuple(words[i : i + len(phrase)]) == phrase):
                    found[n] = i
        return [(self.phrases[n], at) for n, at in sorted(found.items())]

    def first(self, words: Sequence[str]) -> tuple[tuple[str, ...], int] | None:
        """The first phrase of the list found in ``words``, with its first
        position."""
        found = self.occurrences(words)
        return found[0] if found else None


@lru_cache(maxsize=256)
def phrase_index(phrases: tuple[tuple[str, ...], ...]) -> PhraseIndex:
    """The index of a cue list (built once per list)."""
    return PhraseIndex(phrases)


def find_modality(
    tokens: Sequence[Token],
    clauses: Sequence[Clause],
    clause_index: int,
    head: int,
    cues: Cues,
    g: Grammar,
    own: frozenset[int] = frozenset(),
    *,
    speech_act: bool = False,
) -> ModalityFinding:
    """The modality of the event whose trigger heads at ``head``; ``own``
    are the trigger's token indexes, which are never their own cue (the
    denial "X ontkent" is a rejection, asserted), and for a speech act not
    its own planned cue either ("promised": the promise was made)."""
    clause = clauses[clause_index]
    cl = tokens[clause.start : clause.end]
    words = [t.lower for t in cl]
    sentence_words = [t.lower for t in tokens]
    # negation in the trigger's own clause
    for n, w in enumerate(words):
        if w in cues.negation:
            nxt = words[n + 1] if n + 1 < len(words) else ""
            if nxt in NOT_NEGATING_AFTER:
                continue
            tok = cl[n]
            return ModalityFinding("denied", f"negation:{w}", tok.start, tok.end)
    # a denial cue governing the clause (same clause or the one before)
    scope = range(max(0, clause_index - 1), clause_index + 1)
    denied = phrase_index(cues.modality.get("denied", ()))
    for k in scope:
        c = clauses[k]
        ws = [t.lower for t in tokens[c.start : c.end]]
        for phrase, at in denied.occurrences(ws):
            if c.start + at not in own:
                tok = tokens[c.start + at]
                return ModalityFinding("denied", "cue:" + " ".join(phrase), tok.start, tok.end)
    # "Ik verwacht dat Rusland ... gaat aanvallen": a forecast governs its
    # complement, whatever future tense the complement has
    if clause.complement and clause_index > 0:
        gov = clauses[clause_index - 1]
        ws = [t.lower for t in tokens[gov.start : gov.end]]
        hit = phrase_index(cues.modality.get("predicted", ())).first(ws)
        if hit is not None:
            phrase, at = hit
            tok = tokens[gov.start + at]
            return ModalityFinding("predicted", "cue:" + " ".join(phrase), tok.start, tok.end)
    ordered: tuple[Modality, ...] = ("alleged", "planned", "predicted")
    for modality in ordered:
        for phrase, at in phrase_index(cues.modality.get(modality, ())).occurrences(words):
            if speech_act and clause.start + at in own:
                continue
            tok = cl[at]
            return ModalityFinding(modality, "cue:" + " ".join(phrase), tok.start, tok.end)
    hit = phrase_index(cues.modality.get("reported", ())).first(sentence_words)
    if hit is not None:
        phrase, at = hit
        tok = tokens[at]
        return ModalityFinding("reported", "cue:" + " ".join(phrase), tok.start, tok.end)
    # "X zei dat Y ...", "X said 12 people were arrested", "..., officials
    # said": what a speaker says happened is reported (the speech act itself,
    # own trigger excluded, stays asserted)
    for n, t in enumerate(tokens):
        if n in own or n == head:
            continue
        if (t.lemma in cues.reporting_verbs or t.lower in cues.reporting_verbs) and (
            n < head or _closing_attribution(tokens, n)
        ):
            return ModalityFinding("reported", f"report-verb:{t.lemma}", t.start, t.end)
    return ModalityFinding("asserted", "")


def _closing_attribution(tokens: Sequence[Token], n: int) -> bool:
    """A reporting verb in a short closing part after a comma: ", the
    ministry said.", ", aldus de minister."."""
    comma = max((k for k in range(max(0, n - 6), n) if tokens[k].text == ","), default=-1)
    return comma >= 0 and len(tokens) - comma <= 10


def speaker_index(tokens: Sequence[Token], cues: Cues) -> tuple[int, int] | None:
    """Token range where a speaker is introduced: after ``aldus``/``volgens``/
    ``according to`` or next to a reporting verb; ``None`` if the sentence has
    no speaker cue."""
    words = [t.lower for t in tokens]
    hit = phrase_index(cues.speaker_phrases).first(words)
    if hit is not None:
        phrase, at = hit
        return at, at + len(phrase)
    for n, t in enumerate(tokens):
        if t.lemma in cues.reporting_verbs:
            return n, n + 1
    return None
