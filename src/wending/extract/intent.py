"""Words that change what the act they govern is: commitments and endings.

A promise, pledge or vow to do something is itself the event.

PLOVER codes an expressed intent to cooperate as AGREE (CAMEO 03, "express
intent to provide military aid", "... to meet", "... to release") and an
expressed intent to use force or pressure as THREATEN (CAMEO 13): "Kim
promised to send troops" is an AGREE by Kim, "the rebels vowed to attack the
capital" a THREATEN, whatever happens later. The commitment words are data
(``commitment`` in each language's ``cues.yaml``); the content is the trigger
that follows them as an infinitive ("beloofden ... steun te geven",
"promised to continue aid") or as their object ("pledged military aid").
The same reach finds the acts of denials and failures (``extract/rules.py``).
Ending cooperation, aid or talks is a SANCTION (``discontinued``).
"""

from __future__ import annotations

from collections.abc import Sequence

from wending.extract.grammar import Clause, clause_of
from wending.extract.triggers import TriggerMatch
from wending.model import QUAD, Token

#: Modes of THREATEN by the kind of act threatened (PLOVER 2.0: the mode is
#: the content of the threat).
THREAT_MODES = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "COERCE": "restrict",
    "SANCTION": "relations",
    "PROTEST": "relations",
}
#: Words that mark an infinitive content.
INFINITIVE = frozenset({"te", "to"})
#: How far an infinitive content may stand from the commitment (Dutch puts it
#: at the end of a long middle field).
WINDOW = {"nl": 14, "en": 6}
#: Words that may stand between a commitment and its object noun ("pledged
#: full military support").
OBJECT_GAP = 4


def commitments(
    matches: Sequence[TriggerMatch],
    toks: Sequence[Token],
    cls: Sequence[Clause],
    words: frozenset[str],
    object_words: frozenset[str],
    lang: str,
) -> dict[int, int]:
    """Head of each content trigger -> index of the commitment word that
    governs it (``words`` govern infinitives, ``object_words`` also nouns)."""
    every = words | object_words
    # two-word entries ("is prepared") end at their last word
    pairs = {w for w in words if " " in w}
    found = [i for i, t in enumerate(toks)
             if t.lemma in every or t.lower in every
             or (pairs and i > 0 and f"{toks[i - 1].lower} {t.lower}" in pairs)]
    if not found:
        return {}
    out: dict[int, int] = {}
    for match in matches:
        first = min(match.indexes)
        for c in reversed(found):
            if c >= first or c in match.indexes:
                continue
            takes_object = toks[c].lemma in object_words or toks[c].lower in object_words
            if _governs(c, match, toks, cls, lang, takes_object):
                out[match.head] = c
            break
    return out


def _governs(
    c: int, match: TriggerMatch, toks: Sequence[Token], cls: Sequence[Clause], lang: str,
    takes_object: bool,
) -> bool:
    first, last, head = min(match.indexes), max(match.indexes), match.head
    between = toks[c + 1 : first]
    if any(t.lower in {",", ";", ":", "(", ")"} for t in between):
        return False  # the commitment's reach ends at a clause boundary
    window = WINDOW.get(lang, 6)
    if lang == "nl":
        # the act as an infinitive at the end of the middle field: "steun te
        # geven", "terug te sturen", "aan te vallen"
        marker = head - 1 if toks[head - 1].lower == "te" else last + 1
        if marker < len(toks) and toks[marker].lower == "te" and marker - c <= window:
            return True
    elif between and between[0].lower == "to" and first - c <= window:
        return True  # "promised to send troops", "ready to host the talks"
    elif not between and toks[first].lower.endswith("ing") and match.trigger.kind != "noun":
        return True  # a gerund: "denied sending troops"
    # "pledged military aid", "beloofde steun": the act is its object
    return (takes_object and len(between) <= OBJECT_GAP
            and not any(t.lower in INFINITIVE for t in between)
            and clause_of(cls, c) == clause_of(cls, first))


def intent_type(event: str) -> str | None:
    """The PLOVER type of a commitment to an act of type ``event``: AGREE for
    cooperation, THREATEN for material conflict; None where the commitment
    adds nothing (verbal conflict, or an agreement already)."""
    quad = QUAD.get(event)
    if quad in (1, 2):
        return None if event == "AGREE" else "AGREE"
    if quad == 4:
        return "THREATEN"
    return None


#: Types of acts whose ending is a sanction ("ended its military
#: cooperation", "stopt de steun aan", "broke off the talks").
ENDABLE = frozenset({"COOPERATE", "AID", "CONSULT", "AGREE", "SUPPORT"})


def discontinued(
    matches: Sequence[TriggerMatch],
    toks: Sequence[Token],
    cls: Sequence[Clause],
    words: frozenset[str],
) -> dict[int, int]:
    """Head of each cooperative act that a word of ending governs as its
    object -> index of that word. PLOVER codes ending cooperation, aid or
    talks as SANCTION (mode discontinue). Words that are triggers of their
    own ("suspend", "halt") already take the act as their object and are
    left to that rule."""
    heads = {m.head for m in matches}
    found = [i for i, t in enumerate(toks)
             if (t.lemma in words or t.lower in words) and i not in heads]
    out: dict[int, int] = {}
    for match in matches:
        if match.trigger.kind == "verb" or match.trigger.event not in ENDABLE:
            continue
        first = min(match.indexes)
        for c in found:
            between = toks[c + 1 : first]
            if (0 <= len(between) <= OBJECT_GAP and c < first
                    and not any(t.is_punct or t.lower in INFINITIVE for t in between)
                    and clause_of(cls, c) == clause_of(cls, first)):
                out[match.head] = c
    return out
