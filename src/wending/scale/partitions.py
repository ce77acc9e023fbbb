"""What one Spark partition runs: one pipeline over its article records.

Nothing here imports Spark: a partition is a plain iterator of
``(json_text, file)`` records in, events or counts out, so it can be run
and tested without a cluster.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from wending.errors import InputError
from wending.ingest.jsonl import record_article
from wending.model import Article
from wending.pipeline import Pipeline
from wending.plover import event_to_plover
from wending.scale.parquet import plover_row
from wending.settings import Settings
from wending.store import open_store

if TYPE_CHECKING:
    from pyspark.accumulators import Accumulator

#: Error messages kept in a report (the count is always exact).
MAX_MESSAGES = 20


@dataclass(slots=True)
class Counts:
    """What the partitions did; added up across partitions."""

    articles: int = 0
    extracted: int = 0
    unsupported: int = 0
    duplicates: int = 0
    events: int = 0
    errors: int = 0
    messages: list[str] = field(default_factory=list)

    def merge(self, other: Counts) -> Counts:
        for f in fields(self):
            if f.name != "messages":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.messages = (self.messages + other.messages)[:MAX_MESSAGES]
        return self

    def error(self, message: str) -> None:
        self.errors += 1
        if len(self.messages) < MAX_MESSAGES:
            self.messages.append(message)


def _articles(records: Iterable[tuple[str, str]], counts: Counts) -> Iterator[Article]:
    """The articles of some input records; bad records are counted."""
    for text, where in records:
        if not text or not text.strip():
            continue
        counts.articles += 1
        try:
            yield record_article(json.loads(text), where=where)
        except json.JSONDecodeError as exc:
            counts.error(f"{where}: invalid JSON ({exc.msg}): {text[:60]!r}")
        except InputError as exc:
            counts.error(str(exc))


def extract_partition(
    records: Iterable[tuple[str, str]], *, settings: Settings, acc: Accumulator[Counts]
) -> Iterator[tuple[Any, ...]]:
    """Events (Parquet rows) of one partition's records; one pipeline."""
    pipeline = Pipeline(settings)
    counts = Counts()
    for article in _articles(records, counts):
        try:
            done = pipeline.process(article)
        except Exception as exc:  # an engine bug must not stop the job
            counts.error(f"{article.name or article.id}: extraction failed: {exc}")
            continue
        counts.extracted += done.status == "extracted"
        counts.unsupported += done.status == "unsupported_language"
        counts.events += len(done.events)
        for event in done.events:
            yield plover_row(event_to_plover(event))
    acc.add(counts)


def store_partition(
    records: Iterable[tuple[str, str]], *, settings: Settings, url: str
) -> Iterator[Counts]:
    """Extract one partition's articles into the store at ``url``."""
    pipeline = Pipeline(settings)
    counts = Counts()
    with open_store(url) as store:
        for article in _articles(records, counts):
            if store.has_article(article.id):
                counts.duplicates += 1
                continue
            try:
                done = pipeline.process(article)
            except Exception as exc:  # an engine bug must not stop the job
                counts.error(f"{article.name or article.id}: extraction failed: {exc}")
                continue
            if not store.add_article(done.article, done.events, status=done.status):
                counts.duplicates += 1  # another partition stored the same text
                continue
            counts.extracted += done.status == "extracted"
            counts.unsupported += done.status == "unsupported_language"
            counts.events += len(done.events)
    yield counts
