"""Finding event triggers in a sentence: verbs (with split particles),
nouns (also as the head of a Dutch compound) and multiword phrases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wending.extract.grammar import Clause, clause_of
from wending.extract.lexicon import Lexicon, Trigger, split_particle
from wending.model import Token

PHRASE_WINDOW = 14
#: Dutch particles that are also prepositions: "valt Oekraïne aan" ends the
#: clause, "aan de grens" heads a noun phrase.
PREPOSITION_PARTICLES = frozenset({"aan", "op", "in", "uit", "door", "over", "voor", "tegen",
                                   "bij", "na", "om", "onder", "toe", "binnen"})
#: A Dutch particle that adds "along, taking part" to any verb.
JOINING = "mee"
NOUN_MARKERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "his", "her", "our",
                          "press", "apartment", "no",
                          # prepositions and quantifiers come before nouns, not
                          # verbs: "under sanctions", "new strikes", "more attacks"
                          "under", "of", "new", "more", "fresh", "further", "tougher"})
PARTICLE_WINDOW = 14


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    head: int  # token index of the verb or noun
    indexes: tuple[int, ...]  # every token of the trigger
    rule: str

    @property
    def span(self) -> tuple[int, int]:
        return min(self.indexes), max(self.indexes)


class TriggerFinder:
    """Matches a lexicon's triggers against sentence tokens."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        #: (each list without repeats, so that a word whose lemma is its lower
        #: form needs no deduplication)
        self.by_key = {k: list(dict.fromkeys(v)) for k, v in lexicon.by_lemma().items()}
        self.nouns = sorted(
            (t for t in lexicon.triggers if t.kind == "noun" and len(t.lemmas[0]) >= 5),
            key=lambda t: -len(t.lemmas[0]),
        )
        #: noun head -> the first noun trigger with that head (lexicon order), so
        #: that a compound looks up its suffixes, longest first, instead of
        #: testing every noun (same answer as scanning ``self.nouns``)
        self.noun_heads: dict[str, Trigger] = {}
        for t in self.nouns:
            self.noun_heads.setdefault(t.lemmas[0], t)
        self.longest_head = max((len(h) for h in self.noun_heads), default=0)
        #: the last letters every head ends with (as many as the shortest head
        #: has): a word that ends otherwise is the compound of no head
        self.shortest_head = min((len(h) for h in self.noun_heads), default=0)
        self.head_ends = frozenset(h[len(h) - self.shortest_head:] for h in self.noun_heads)
        self.phrases = [t for t in lexicon.triggers if t.kind == "phrase"]
        #: per phrase, each word with the stem of its split form ("opleggen": "leggen")
        self.phrase_words = {
            t.id: tuple((w, split_particle(w)[1] if lexicon.lang == "nl" else "")
                        for w in t.lemmas)
            for t in self.phrases
        }
        #: a word every phrase needs (its longest, the rarest), or that word's
        #: stem -> positions of those phrases in ``self.phrases``: a sentence
        #: only tries the phrases whose key word it has
        self.phrases_by_word: dict[str, list[int]] = {}
        for n, t in enumerate(self.phrases):
            word, stem = max(self.phrase_words[t.id], key=lambda ws: len(ws[0]))
            for key in dict.fromkeys((word, stem)):
                if key:
                    self.phrases_by_word.setdefault(key, []).append(n)
        self.phrase_keys = frozenset(self.phrases_by_word)

    def find(self, tokens: Sequence[Token], clauses: Sequence[Clause]) -> list[TriggerMatch]:
        found: list[TriggerMatch] = []
        nl = self.lexicon.lang == "nl"
        for i, tok in enumerate(tokens):
            if tok.is_punct:
                continue
            cands = self.by_key.get(tok.lemma, [])
            if tok.lemma != tok.lower and tok.lower in self.by_key:
                cands = list(dict.fromkeys(cands + self.by_key[tok.lower]))
            if not cands and nl and tok.lemma.startswith(JOINING):
                # "meevechten", "meesturen": taking part in the stem's event
                stem = tok.lemma[len(JOINING):]
                joined = [t for t in self.by_key.get(stem, []) if t.kind == "verb"
                          and not t.particle]
                found += [TriggerMatch(t, i, (i,), f"joining:{tok.lemma}") for t in joined[:1]]
                continue
            before = len(found)  # (matches of earlier tokens have earlier heads)
            if cands:
                clause = clauses[clause_of(clauses, i)]
                for trig in cands:
                    m = self._single(trig, tokens, i, clause)
                    if m is not None:
                        found.append(m)
            if len(found) == before and nl:
                m = self._compound(tokens, i)
                if m is not None:
                    found.append(m)
        found += self._phrases(tokens, clauses)
        return _prefer_specific(found, tokens)

    def _single(
        self, trig: Trigger, toks: Sequence[Token], i: int, clause: Clause
    ) -> TriggerMatch | None:
        tok = toks[i]
        if trig.kind == "phrase":
            return None
        if trig.kind == "noun":
            if tok.lemma == trig.lemmas[0] or tok.lower == trig.lemmas[0]:
                return TriggerMatch(trig, i, (i,), f"noun:{trig.lemmas[0]}")
            return None
        joined = "".join(trig.lemmas) if self.lexicon.lang == "nl" else " ".join(trig.lemmas)
        if self.lexicon.lang == "en" and i > 0 and (
            toks[i - 1].lower in NOUN_MARKERS or toks[i - 1].lower.isdigit()
            or (i > 1 and toks[i - 2].text == "-" and toks[i - 1].text.islower())
        ):
            # "a sign", "the shell", "73 strikes", "a four-day strike": a noun
            return None
        if tok.lemma == joined or tok.lower == joined:
            return TriggerMatch(trig, i, (i,), f"verb:{joined}")
        if not trig.particle:
            return None
        if trig.stem not in (tok.lemma, tok.lower):
            return None
        if self.lexicon.lang == "en":
            for j in range(i + 1, min(i + 4, len(toks))):
                if toks[j].lower == trig.particle:
                    return TriggerMatch(trig, i, (i, j), f"phrasal:{trig.stem}+{trig.particle}")
            return None
        # Dutch: "aan te vallen", or the particle later in the clause ("valt ... aan")
        if i >= 2 and toks[i - 1].lower == "te" and toks[i - 2].lower == trig.particle:
            return TriggerMatch(trig, i, (i - 2, i), f"separable:{joined}")
        for j in range(i + 1, min(clause.end, i + PARTICLE_WINDOW)):
            if toks[j].lower == trig.particle:
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                # a particle is the clause's last word or before a verb/punctuation,
                # not the preposition of a following noun phrase
                if (trig.particle not in PREPOSITION_PARTICLES or nxt is None or nxt.is_punct
                        or j + 1 >= clause.end or _verbish(nxt)
                        or nxt.lower in PREPOSITION_PARTICLES | {"naar", "met", "van", "tegen"}):
                    return TriggerMatch(trig, i, (i, j), f"separable:{joined}")
        return None

    def _compound(self, toks: Sequence[Token], i: int) -> TriggerMatch | None:
        word = toks[i].lemma
        if word[len(word) - self.shortest_head:] not in self.head_ends:
            return None
        # the longest head first, as in ``self.nouns``; at least 3 letters before it
        for size in range(min(self.longest_head, len(word) - 3), 4, -1):
            trig = self.noun_heads.get(word[-size:])
            if trig is not None:
                return TriggerMatch(trig, i, (i,), f"compound:{trig.lemmas[0]}")
        return None

    def _phrases(self, toks: Sequence[Token], clauses: Sequence[Clause]) -> list[TriggerMatch]:
        out: list[TriggerMatch] = []
        present = {t.lemma for t in toks} | {t.lower for t in toks}
        keys = present & self.phrase_keys
        if not keys:
            return out
        maybe = sorted({n for w in keys for n in self.phrases_by_word[w]})
        complete = [trig for trig in (self.phrases[n] for n in maybe)
                    if all(w in present or (stem and stem in present)
                           for w, stem in self.phrase_words[trig.id])]
        if not complete:
            return out  # every phrase misses a word in the sentence
        lemmas = [t.lemma for t in toks]
        lowers = [t.lower for t in toks]
        nl = self.lexicon.lang == "nl"
        where: dict[str, list[int]] = {}  # word -> positions where it is lemma or lower form
        for j, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)):
            where.setdefault(lemma, []).append(j)
            if lower != lemma:
                where.setdefault(lower, []).append(j)
        for trig in complete:
            # a phrase starts at one of its words, or at the stem of a split
            # verb ("wijst ... aan als": "aanwijzen als"): those positions, in order
            starts = {j for w, stem in self.phrase_words[trig.id]
                      for key in (w, stem) if key for j in where.get(key, ())}
            for i in sorted(starts):
                clause = clauses[clause_of(clauses, i)]
                stop = min(clause.end, i + PHRASE_WINDOW)
                idx: list[int] = []
                particles: list[int] = []
                for w in trig.lemmas:
                    hit = next(
                        (j for j in range(i, stop)
                         if j not in idx and self._word_at(w, lemmas, lowers, j)),
                        None,
                    )
                    if hit is None and nl:
                        split = _split_word(w, lemmas, lowers, i, stop, idx)
                        if split is not None:
                            hit = split[0]
                            particles.append(split[1])
                    if hit is None:
                        break
                    idx.append(hit)
                if len(idx) == len(trig.lemmas):
                    head = idx[-1] if nl else idx[0]
                    out.append(TriggerMatch(trig, head, tuple(sorted(set(idx + particles))),
                                            f"phrase:{' '.join(trig.lemmas)}"))
                    break
        return out

    @staticmethod
    def _word_at(word: str, lemmas: list[str], lowers: list[str], j: int) -> bool:
        return word in (lemmas[j], lowers[j])




def _split_word(
    word: str, lemmas: list[str], lowers: list[str], i: int, stop: int, taken: list[int]
) -> tuple[int, int] | None:
    """A separable verb of a phrase written apart ("legt ... op" for
    opleggen): the stem's and the particle's token indexes."""
    particle, stem = split_particle(word)
    if not particle:
        return None
    for j in range(i, stop):
        if j in taken or stem not in (lemmas[j], lowers[j]):
            continue
        for k in range(j + 1, stop):
            if lowers[k] == particle:
                return j, k
    return None


def _verbish(tok: Token) -> bool:
    return tok.lower.endswith(("en", "t", "d")) and not tok.is_title


NOUN_BEFORE = frozenset({"de", "het", "een", "the", "a", "an", "deze", "die", "dit", "zijn",
                         "haar", "hun", "its", "their", "his", "her", "this", "these", "those",
                         "nieuwe", "new", "grote", "large", "eerste", "first"})


def _better_reading(new: TriggerMatch, cur: TriggerMatch, toks: Sequence[Token]) -> bool:
    """Between a verb and a noun reading of one word, the noun after a
    determiner or adjective, else the verb; between two phrases, the tighter."""
    kinds = {new.trigger.kind, cur.trigger.kind}
    if kinds == {"phrase"}:
        # two phrases on one verb: the one whose words stand closer together
        # ("de ME zette gisteren waterkanonnen in": "waterkanon inzetten", not
        # "politie inzetten", whose noun is the subject)
        return new.span[1] - new.span[0] < cur.span[1] - cur.span[0]
    if kinds != {"verb", "noun"}:
        return False
    prev = toks[new.head - 1] if new.head > 0 else None
    noun_context = prev is not None and (prev.lower in NOUN_BEFORE or (
        prev.lower.endswith("e") and prev.text.isalpha() and prev.text.islower()
        and len(prev.lower) > 3))
    wanted = "noun" if noun_context else "verb"
    return new.trigger.kind == wanted


def _prefer_specific(found: list[TriggerMatch], toks: Sequence[Token]) -> list[TriggerMatch]:
    """Drop matches inside a longer one, and a plain verb where the same token
    is part of a separable or phrasal verb."""
    keep: list[TriggerMatch] = []
    for m in found:
        covered = any(
            o is not m
            and set(m.indexes) <= set(o.indexes)
            and (len(o.indexes) > len(m.indexes))
            for o in found
        )
        if not covered:
            keep.append(m)
    # one trigger per head token: the most specific (most tokens); a Dutch
    # infinitive that is also a plural noun ("aanvallen") is the verb unless a
    # determiner or adjective comes before it
    best: dict[int, TriggerMatch] = {}
    for m in keep:
        cur = best.get(m.head)
        if cur is None or len(m.indexes) > len(cur.indexes) or (
            len(m.indexes) == len(cur.indexes) and _better_reading(m, cur, toks)
        ):
            best[m.head] = m
    return sorted(best.values(), key=lambda m: m.head)
