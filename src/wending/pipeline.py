"""The pipeline, top to bottom: one article in, a Doc and its Events out.

    ingest.read_sources  ->  Article            (files, HTML, feeds, JSONL, URLs)
    text.TextPipeline    ->  Doc                (language, sentences, tokens, lemmas)
    extract engine       ->  Event, ...         (actors via kb, triggers, attributes)
    store.Store          <-  article + events   (one transaction)
    analyze              ->  stories, network, timelines, alerts

Everything between ingest and store is a pure function of the article, so
``scale/`` maps the same :meth:`Pipeline.process` over partitions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from wending.extract.engine import Engine, NullEngine
from wending.model import Article, Attribution, Doc, Event
from wending.settings import Settings
from wending.text import TextPipeline

Status = Literal["extracted", "unsupported_language"]


@dataclass(frozen=True, slots=True)
class Processed:
    article: Article
    doc: Doc
    events: tuple[Event, ...]
    status: Status


def make_engine(settings: Settings) -> Engine:
    """The extraction engine the settings name."""
    if settings.engine == "none":
        return NullEngine()
    from wending.extract.rules import RuleEngine  # heavy: loads lexicons lazily

    return RuleEngine(settings=settings)


class Pipeline:
    """Text and extraction for one process; build once, call ``process``."""

    def __init__(self, settings: Settings, *, engine: Engine | None = None) -> None:
        self.settings = settings
        self._engine = engine

    @cached_property
    def text(self) -> TextPipeline:
        return TextPipeline(self.settings.languages)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings)
        return self._engine

    def process(self, article: Article) -> Processed:
        """Language, sentences and events of one article."""
        if not article.blocks:
            from wending.ingest.layout import with_layout

            article = with_layout(article)
        doc = self.text.process(article)
        article = doc.article
        if doc.lang not in self.settings.languages:
            return Processed(article, doc, (), "unsupported_language")
        events = tuple(finalize(article, self.engine.extract(doc)))
        return Processed(article, doc, events, "extracted")


def finalize(article: Article, events: list[Event]) -> list[Event]:
    """Give events their ids and their article's name, URL and outlet."""
    out = []
    for n, event in enumerate(events, start=1):
        attribution = event.attribution
        if not attribution.outlet and article.outlet:
            attribution = replace(attribution, outlet=article.outlet)
        out.append(
            replace(
                event,
                id=f"{article.id}-{n:03d}",
                article_id=article.id,
                article_name=article.name or article.id,
                article_url=article.url,
                attribution=attribution if isinstance(attribution, Attribution) else Attribution(),
            )
        )
    return out
