"""How much: numbers in digits and words, vague amounts, and their units.

Digits follow the language's separators (Dutch ``3.000`` and ``1,5``; English
``12,000`` and ``2.5``); number words go through text2num one word at a time
(it mangles running text); ``miljoen``/``billion`` multiply; vague plurals
(``tientallen``, ``dozens``) come from the pack's ``numbers.tsv`` as ranges
whose lower bound is the value; the unit is the noun after the number, from
``units.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from wending.model import Quantity, Token

MULTIPLIERS = {
    "duizend": 1e3, "thousand": 1e3, "miljoen": 1e6, "million": 1e6, "miljard": 1e9,
    "billion": 1e9, "mln": 1e6, "mld": 1e9, "bn": 1e9, "m": 1e6, "biljoen": 1e12,
    "trillion": 1e12,
}
APPROX = {
    "nl": ("ruim", "zo'n", "ongeveer", "circa", "ca.", "bijna", "meer dan", "minstens",
           "tenminste", "ten minste", "zeker", "naar schatting", "rond", "enkele", "vele",
           "tot", "bijna", "pakweg", "dik", "krap", "honderden", "zowat"),
    "en": ("about", "around", "nearly", "almost", "more than", "over", "some", "roughly",
           "at least", "approximately", "an estimated", "up to", "as many as", "close to",
           "fewer than", "less than", "many"),
}
CURRENCY = {"$": "dollar", "€": "euro", "£": "pound", "us$": "dollar"}
WEAPONS = frozenset({"drone", "missile", "rocket", "shell", "bomb", "projectile"})
NOT_QUANTITIES = frozenset({"een", "één", "one", "a", "an"})
DIGITS_NL = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+(,\d+)?$")
DIGITS_EN = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class QuantityMention:
    start: int
    end: int
    quantity: Quantity


def parse_digits(text: str, lang: str) -> float | None:
    """A number in digits with the language's separators."""
    if lang == "nl":
        if not DIGITS_NL.match(text):
            return None
        return float(text.replace(".", "").replace(",", "."))
    if not DIGITS_EN.match(text):
        return None
    return float(text.replace(",", ""))


@lru_cache(maxsize=8192)
def parse_word(word: str, lang: str) -> float | None:
    """A number written as one word (``drieduizend``, ``twelve``); cached,
    since every word of a sentence is tried."""
    if word in NOT_QUANTITIES or not word.isalpha():
        return None
    try:
        return float(text2num(word, lang))
    except (ValueError, KeyError, IndexError):
        return None


class QuantityFinder:
    """Finds quantities with units in token sequences of one language."""

    def __init__(self, lang: str, units: dict[str, str],
                 vague: dict[str, tuple[float, float]]) -> None:
        self.lang = lang
        self.units = units
        self.vague = vague
        self.approx = tuple(tuple(p.split()) for p in APPROX.get(lang, ()))
        #: the approximators by first word, longest first: those a token may open
        self.approx_at: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self.approx, key=len, reverse=True):
            if phrase:
                self.approx_at.setdefault(phrase[0], []).append(phrase)

    def find(self, tokens: Sequence[Token]) -> list[QuantityMention]:
        out: list[QuantityMention] = []
        low = [t.lower for t in tokens]
        i = 0
        while i < len(tokens):
            word = low[i]
            if not (word in self.approx_at or word in CURRENCY or tokens[i].text[:1].isdigit()
                    or word in self.vague or parse_word(word, self.lang) is not None):
                i += 1  # no amount starts here (the quick test of what _at reads)
                continue
            found = self._at(tokens, i, low)
            if found is None:
                i += 1
                continue
            out.append(found[0])
            i = found[1]
        return out

    def _at(
        self, toks: Sequence[Token], i: int, low: list[str]
    ) -> tuple[QuantityMention, int] | None:
        """The quantity at token ``i``; ``low`` holds the tokens' lowercase forms."""
        approx = False
        j = i
        for phrase in self.approx_at.get(low[i], ()):
            if tuple(low[i : i + len(phrase)]) == phrase:
                approx, j = True, i + len(phrase)
                break
        unit = ""
        if j < len(toks) and low[j] in CURRENCY:
            unit, j = CURRENCY[low[j]], j + 1
        if j >= len(toks):
            return None
        value: float | None = parse_digits(toks[j].text, self.lang)
        high: float | None = None
        if value is None:
            value = parse_word(low[j], self.lang)
        if value is None and low[j] in self.vague:
            value, high = self.vague[low[j]]
            approx = True
        if value is None:
            return None
        k = j + 1
        # multipliers: 1,5 miljard; $2 billion; twee miljoen
        while k < len(toks) and low[k] in MULTIPLIERS and not (low[k] == "m" and unit == ""):
            value *= MULTIPLIERS[low[k]]
            if high is not None:
                high *= MULTIPLIERS[low[k]]
            k += 1
        # "tientallen/dozens of": skip "of"/"van"
        if k < len(toks) and high is not None and low[k] in ("of", "van"):
            k += 1
        # the unit: the noun within the next three tokens
        if not unit:
            for m in range(k, min(k + 3, len(toks))):
                found = self.units.get(low[m]) or self.units.get(toks[m].lemma)
                if found:
                    unit, k = found, m + 1
                    break
                if toks[m].is_punct or parse_digits(toks[m].text, self.lang) is not None:
                    break
        # "367 drones en raketten": projectiles of more than one kind
        if unit in WEAPONS and k + 1 < len(toks) and low[k] in ("en", "and", "of", "or"):
            other = self.units.get(low[k + 1]) or self.units.get(toks[k + 1].lemma)
            if other in WEAPONS and other != unit:
                unit, k = "projectile", k + 2
        if not unit and high is None and not _plausible_bare(value):
            return None
        start = toks[i].start
        text_end = toks[k - 1].end
        return (
            QuantityMention(start, text_end,
                            Quantity(value=value, unit=unit, approx=approx, text="", high=high)),
            k,
        )


def _plausible_bare(value: float) -> bool:
    """A number with no unit is kept only when large (a count of something)."""
    return value >= 100 and not (1900 <= value <= 2100)
