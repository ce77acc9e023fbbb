"""Lemmas with simplemma (spacy-lookups-data misses common Dutch forms)."""

from __future__ import annotations

from functools import lru_cache

import simplemma


class Lemmatizer:
    """Lowercase lemmas for one language; separable verbs come back joined
    (simplemma's ``aan_vallen`` becomes ``aanvallen``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lemma = lru_cache(maxsize=100_000)(self._lemma)

    def _lemma(self, word: str) -> str:
        if not any(ch.isalpha() for ch in word):
            return word.lower()
        lemma = simplemma.lemmatize(word, lang=self.lang)
        return str(lemma).lower().replace("_", "")

    def __call__(self, word: str) -> str:
        return self.lemma(word)
