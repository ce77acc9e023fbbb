"""Lemmas with simplemma (spacy-lookups-data misses common Dutch forms),
corrected by each language pack's ``lemmas.tsv`` where simplemma takes a
verb form for another word ("wijst" is no form of the adjective "wijs")."""

from __future__ import annotations

from functools import lru_cache

import simplemma

from wending.kb.load import read_tsv
from wending.lang import pack_file


class Lemmatizer:
    """Lowercase lemmas for one language; separable verbs come back joined
    (simplemma's ``aan_vallen`` becomes ``aanvallen``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lemma = lru_cache(maxsize=100_000)(self._lemma)
        path = pack_file(lang, "lemmas.tsv")
        self.fixed = ({row["form"].lower(): row["lemma"].lower()
                       for _, row in read_tsv(path, ("form", "lemma"))}
                      if path.exists() else {})

    def _lemma(self, word: str) -> str:
        if not any(ch.isalpha() for ch in word):
            return word.lower()
        if word.lower() in self.fixed:
            return self.fixed[word.lower()]
        lemma = simplemma.lemmatize(word, lang=self.lang)
        return str(lemma).lower().replace("_", "")

    def __call__(self, word: str) -> str:
        return self.lemma(word)
