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


def find_modality(
    tokens: Sequence[Token],
    clauses: Sequence[Clause],
    clause_index: int,
    head: int,
    cues: Cues,
    g: Grammar,
    own: frozenset[int] = frozenset(),
) -> ModalityFinding:
    """The modality of the event whose trigger heads at ``head``; ``own``
    are the trigger's token indexes, which are never their own cue (the
    denial "X ontkent" is a rejection, asserted)."""
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
    for k in scope:
        c = clauses[k]
        ws = [t.lower for t in tokens[c.start : c.end]]
        for phrase in cues.modality.get("denied", ()):
            at = _has_phrase(ws, phrase)
            if at >= 0 and c.start + at not in own:
                tok = tokens[c.start + at]
                return ModalityFinding("denied", "cue:" + " ".join(phrase), tok.start, tok.end)
    # "Ik verwacht dat Rusland ... gaat aanvallen": a forecast governs its
    # complement, whatever future tense the complement has
    if clause.complement and clause_index > 0:
        gov = clauses[clause_index - 1]
        ws = [t.lower for t in tokens[gov.start : gov.end]]
        for phrase in cues.modality.get("predicted", ()):
            at = _has_phrase(ws, phrase)
            if at >= 0:
                tok = tokens[gov.start + at]
                return ModalityFinding("predicted", "cue:" + " ".join(phrase), tok.start,
                                       tok.end)
    ordered: tuple[Modality, ...] = ("alleged", "planned", "predicted")
    for modality in ordered:
        for phrase in cues.modality.get(modality, ()):
            at = _has_phrase(words, phrase)
            if at >= 0:
                tok = cl[at]
                return ModalityFinding(modality, "cue:" + " ".join(phrase),
                                       tok.start, tok.end)
    for phrase in cues.modality.get("reported", ()):
        at = _has_phrase(sentence_words, phrase)
        if at >= 0:
            tok = tokens[at]
            return ModalityFinding("reported", "cue:" + " ".join(phrase), tok.start, tok.end)
    # "X zei dat Y ...", "X said 43 people were detained", "..., officials
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
    for phrase in cues.speaker_phrases:
        at = _has_phrase(words, phrase)
        if at >= 0:
            return at, at + len(phrase)
    for n, t in enumerate(tokens):
        if t.lemma in cues.reporting_verbs:
            return n, n + 1
    return None
