"""Language identification with lingua, built for a few languages only."""

from __future__ import annotations

from functools import cached_property

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

#: Languages the detector also knows, so that an article in one of them is
#: reported as such instead of being forced into Dutch or English.
DISTRACTORS: tuple[str, ...] = ("de", "fr", "es", "it", "pt", "pl", "ru", "uk", "tr", "ar")


class LanguageIdentifier:
    """Identifies the language of a text among ``languages`` and a few
    common others. Build once and pass it around; models load lazily."""

    def __init__(self, languages: tuple[str, ...], *, min_confidence: float = 0.5) -> None:
        self.languages = languages
        self.min_confidence = min_confidence

    @cached_property
    def _detector(self) -> LanguageDetector:
        codes = dict.fromkeys((*self.languages, *DISTRACTORS))
        langs = [
            Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes
        ]
        return LanguageDetectorBuilder.from_languages(*langs).build()

    def identify(self, text: str) -> str | None:
        """The ISO 639-1 code of the text's language, or ``None`` if unsure."""
        sample = text[:4000]
        if not any(ch.isalpha() for ch in sample):
            return None
        values = self._detector.compute_language_confidence_values(sample)
        if not values:
            return None
        best = values[0]
        if best.value < self.min_confidence:
            return None
        return str(best.language.iso_code_639_1.name.lower())
