"""Run the pipeline over a corpus in memory, producing prediction records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from wending.ingest.layout import with_layout
from wending.model import Article
from wending.plover import event_to_plover

if TYPE_CHECKING:
    from wending.evaluate.gold import Corpus
    from wending.pipeline import Pipeline


def corpus_article(record: dict[str, Any]) -> Article:
    """An Article from a corpus record of SPEC.md."""
    published = record.get("published")
    article = Article.create(
        str(record["text"]),
        name=str(record["id"]),
        lang=record.get("lang"),
        outlet=record.get("outlet"),
        title=str(record.get("title") or ""),
        url=record.get("url"),
        published=dt.date.fromisoformat(published) if published else None,
    )
    return with_layout(article)


def predict_corpus(corpus: Corpus, pipeline: Pipeline) -> list[dict[str, Any]]:
    """Prediction records (Wending's PLOVER JSON) for every corpus article."""
    out: list[dict[str, Any]] = []
    for record in corpus.articles:
        done = pipeline.process(corpus_article(record))
        out.extend(event_to_plover(e) for e in done.events)
    return out
