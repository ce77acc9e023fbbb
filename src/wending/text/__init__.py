"""The text stage: language, sentences, tokens and lemmas of an article."""

from __future__ import annotations

from dataclasses import replace

from wending.model import Article, Block, Doc
from wending.text.lang import LanguageIdentifier
from wending.text.lemma import Lemmatizer
from wending.text.segment import Segmenter, build_sentences

__all__ = ["LanguageIdentifier", "Lemmatizer", "Segmenter", "TextPipeline"]


class TextPipeline:
    """Turns articles into :class:`~wending.model.Doc` records.

    Holds the loaded language tools; build one per run and pass it on (no
    module-level caches). Articles in an unsupported language get a ``Doc``
    with no sentences.
    """

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self.identifier = LanguageIdentifier(languages)
        self._segmenters: dict[str, Segmenter] = {}
        self._lemmatizers: dict[str, Lemmatizer] = {}

    def language(self, article: Article) -> str | None:
        """The article's language: as given, else identified from its text."""
        if article.lang:
            return article.lang.lower()[:2]
        return self.identifier.identify(article.text)

    def segmenter(self, lang: str) -> Segmenter:
        if lang not in self._segmenters:
            self._segmenters[lang] = Segmenter(lang)
        return self._segmenters[lang]

    def lemmatizer(self, lang: str) -> Lemmatizer:
        if lang not in self._lemmatizers:
            self._lemmatizers[lang] = Lemmatizer(lang)
        return self._lemmatizers[lang]

    def process(self, article: Article) -> Doc:
        lang = self.language(article)
        if lang != article.lang:
            article = replace(article, lang=lang)
        if lang not in self.languages:
            return Doc(article=article, lang=lang, sentences=())
        blocks = article.blocks or (Block("paragraph", 0, len(article.text)),)
        raw = self.segmenter(lang).sentences(article.text, blocks)
        sentences = build_sentences(article.text, raw, lemmatize=self.lemmatizer(lang))
        return Doc(article=article, lang=lang, sentences=sentences)
