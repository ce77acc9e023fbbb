"""Function words of a language and the clause segmentation built on them.

Without a parser, clauses are found from punctuation, subordinating
conjunctions, complementizers and relative pronouns (``lang/<code>/grammar.yaml``).
A clause knows whether it is relative (its subject may be the noun before
it) and whether it is hypothetical (``als``/``if`` at its start).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from wending.kb.load import load_yaml
from wending.lang import pack_file
from wending.model import Token


@dataclass(frozen=True, slots=True)
class Grammar:
    lang: str
    prepositions: frozenset[str]
    determiners: frozenset[str]
    agent_prepositions: frozenset[str]
    joint_prepositions: frozenset[str]
    possessive_prepositions: frozenset[str]
    subordinators: frozenset[str]
    complementizers: frozenset[str]
    relatives: frozenset[str]
    coordinators: frozenset[str]
    clause_punct: frozenset[str]
    passive_auxiliaries: frozenset[str]
    reciprocals: tuple[tuple[str, ...], ...]
    conjunctions: frozenset[str]
    future_auxiliaries: frozenset[str]
    hypothetical: frozenset[str]
    #: nouns that count a group ("a group of diplomats", "een delegatie van"):
    #: the group after their "of"/"van" is the head of the noun phrase
    collectives: frozenset[str] = frozenset()
    #: prepositions that name who said a nominal speech act ("an appeal
    #: from the president")
    source_prepositions: frozenset[str] = frozenset()


def load_grammar(lang: str, hypothetical: frozenset[str]) -> Grammar:
    data = load_yaml(pack_file(lang, "grammar.yaml"))

    def words(key: str) -> frozenset[str]:
        value = data.get(key) or []
        assert isinstance(value, list)
        return frozenset(str(v).lower() for v in value)

    recips = data.get("reciprocals") or []
    assert isinstance(recips, list)
    return Grammar(
        lang=lang,
        prepositions=words("prepositions"),
        determiners=words("determiners"),
        agent_prepositions=words("agent_prepositions"),
        joint_prepositions=words("joint_prepositions"),
        possessive_prepositions=words("possessive_prepositions"),
        subordinators=words("subordinators"),
        complementizers=words("complementizers"),
        relatives=words("relatives"),
        coordinators=words("coordinators"),
        clause_punct=words("clause_punct"),
        passive_auxiliaries=words("passive_auxiliaries"),
        reciprocals=tuple(tuple(str(r).lower().split()) for r in recips),
        conjunctions=words("conjunctions"),
        future_auxiliaries=words("future_auxiliaries"),
        hypothetical=hypothetical,
        collectives=words("collectives"),
        source_prepositions=words("source_prepositions"),
    )


@dataclass(frozen=True, slots=True)
class Clause:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    opener: str = ""  # the word that opened it (dat, die, omdat, if, ...)
    relative: bool = False
    hypothetical: bool = False
    complement: bool = False


AUX = frozenset({"zijn", "is", "was", "waren", "hebben", "heeft", "had", "hadden", "werd",
                 "werden", "wordt", "worden", "zou", "zouden", "zal", "zullen", "moesten",
                 "moet", "wil", "willen", "kan", "kunnen", "are", "were", "has", "have",
                 "will", "would", "could", "can", "did", "does", "do", "may", "might"})
#: Subordinators that are also adverbs or prepositions ("nu" now, "as" like):
#: they open a clause only after a comma or before a subject.
AMBIGUOUS_SUBORDINATORS = frozenset({"as", "so", "nu", "zoals", "since", "once", "until"})
QUANTIFIERS = frozenset({"any", "every", "no", "some", "elke", "ieder", "iedere", "geen",
                         "alle", "all", "both", "beide", "more", "meer"})
PRONOUNS = frozenset({"hij", "zij", "ze", "het", "er", "we", "wij", "men", "u", "je", "jij",
                      "ik", "he", "she", "they", "it", "you", "i", "there"})
STARTERS = frozenset({"de", "het", "een", "er", "hij", "zij", "ze", "wij", "we", "ik", "die",
                      "the", "a", "an", "he", "she", "they", "it", "there", "i", "its",
                      "zijn", "haar", "hun", "their", "his", "her"})


def clauses(tokens: Sequence[Token], g: Grammar) -> list[Clause]:
    """Split a sentence's tokens into clauses."""
    cuts: list[tuple[int, str, str]] = []  # (index where a clause starts, opener, kind)
    n = len(tokens)
    cutting = _cutting_words(g)
    for i, tok in enumerate(tokens):
        w = tok.lower
        if w not in cutting:
            continue  # (no test below can pass)
        prev = tokens[i - 1].lower if i > 0 else ""
        after_comma = prev in (",", ";", ":", "—", "–") or i == 0
        nxt = tokens[i + 1] if i + 1 < n else None
        if w in g.clause_punct and i + 1 < n:
            if _short_parenthesis(tokens, i):
                continue  # "the Chilean Copper Union (CCU) said": a name's abbreviation
            cuts.append((i + 1, "", "punct"))
        elif w in g.subordinators and (
            after_comma or w not in AMBIGUOUS_SUBORDINATORS
            or (nxt is not None and (nxt.lower in STARTERS or nxt.is_title)
                and w not in ("so",))
        ):
            cuts.append((i, w, "sub"))
        elif w in g.hypothetical and (
            after_comma or i == 0 or (nxt is not None and nxt.lower in PRONOUNS)
        ):
            cuts.append((i, w, "hyp"))
        elif (w in g.coordinators and i > 0) or (w in ("en", "and") and i > 0 and (
            prev == "," or (nxt is not None and nxt.lower in PRONOUNS)
        )):
            cuts.append((i, w, "coord"))
        elif w in g.relatives and after_comma and i > 0:
            cuts.append((i, w, "rel"))
        elif w in g.complementizers and nxt is not None and (
            nxt.is_title or nxt.lower in STARTERS or after_comma or nxt.lower in g.determiners
            or nxt.lower in QUANTIFIERS or nxt.text[:1].isdigit()
        ):
            cuts.append((i, w, "comp"))
        elif (
            w in g.relatives
            and i > 0
            and nxt is not None
            and prev.isalpha()
            and prev not in g.prepositions
            and prev not in g.determiners
            and (
                nxt.lower in g.prepositions
                or nxt.lower in g.determiners
                or nxt.lower in STARTERS
                or nxt.lower in AUX
                or nxt.is_title
            )
        ):
            cuts.append((i, w, "rel"))
    out: list[Clause] = []
    starts = [(0, "", "")] + [c for c in cuts if c[0] > 0]
    starts = sorted(dict((c[0], c) for c in starts).values())
    for k, (start, opener, kind) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else n
        if end <= start:
            continue
        out.append(
            Clause(
                start=start,
                end=end,
                opener=opener,
                relative=kind == "rel",
                # "unless", "tenzij" open a subordinate clause that is a condition
                hypothetical=kind == "hyp" or opener in g.hypothetical,
                complement=kind == "comp",
            )
        )
    return out


#: The most words a parenthesis may hold and still not cut the clause.
SHORT_PARENTHESIS = 4


def _short_parenthesis(tokens: Sequence[Token], i: int) -> bool:
    """Is the bracket at ``i`` one end of a short parenthesis ("(CCU)",
    "(Conservatives)", "(de VVD)")? It belongs to the noun phrase before it
    and does not cut the clause."""
    if tokens[i].text == "(":
        close = next((k for k in range(i + 1, min(i + SHORT_PARENTHESIS + 2, len(tokens)))
                      if tokens[k].text in ("(", ")")), None)
        return close is not None and tokens[close].text == ")"
    if tokens[i].text == ")":
        opened = next((k for k in range(i - 1, max(i - SHORT_PARENTHESIS - 2, -1), -1)
                       if tokens[k].text in ("(", ")")), None)
        return opened is not None and tokens[opened].text == "("
    return False


@lru_cache(maxsize=16)
def _cutting_words(g: Grammar) -> frozenset[str]:
    """Every word that :func:`clauses` may cut a clause at: punctuation,
    conjunctions, complementizers, relatives and hypothetical openers."""
    return (g.clause_punct | g.subordinators | g.hypothetical | g.coordinators
            | {"en", "and"} | g.relatives | g.complementizers)


def clause_of(clauses_: Sequence[Clause], index: int) -> int:
    for n, c in enumerate(clauses_):
        if c.start <= index < c.end:
            return n
    return len(clauses_) - 1


def preposition_before(
    tokens: Sequence[Token], index: int, g: Grammar, *, limit: int = 3
) -> str:
    """The preposition that governs the noun phrase starting at ``index``,
    looking back over determiners and a few modifiers; ``""`` if none."""
    j = index - 1
    skipped = 0
    while j >= 0 and skipped <= limit:
        w = tokens[j].lower
        if w in g.prepositions:
            return w
        if tokens[j].is_punct:
            return ""
        if w in g.determiners or w.isdigit() or looks_adjective(w, g.lang):
            skipped += 1
            j -= 1
            continue
        return ""
    return ""


ADJECTIVE_ENDINGS = {
    "nl": ("e", "ische"),
    "en": ("al", "ic", "ian", "ese", "ish", "ive", "ous", "ary", "ern", "ful", "less", "ior",
           "ing", "led", "ed"),
}


def looks_adjective(word: str, lang: str) -> bool:
    """A lowercase word that looks like an attributive adjective (Dutch
    ``defensieve``, English ``regional``, ``Russian-led``)."""
    if not word.isalpha() and "-" not in word:
        return False
    if lang == "nl":
        return word.endswith("e") and len(word) > 3 and not word.endswith(("ie", "ee"))
    return word.endswith(ADJECTIVE_ENDINGS.get(lang, ()))
