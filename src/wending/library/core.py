"""The public library: one function for each CLI command and REST route.

The CLI (``serve/cli.py``) and the REST API are thin adapters over these
functions; they hold no logic of their own.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from wending.errors import InputError
from wending.extract.engine import Trace
from wending.ingest import read_sources
from wending.model import Article, Doc, Event, Mention
from wending.pipeline import Pipeline
from wending.settings import Settings
from wending.store import EventQuery, Store, open_store

if TYPE_CHECKING:
    from wending.evaluate.score import ScoreReport
    from wending.kb.search import ActorRecord
    from wending.store import ArticleRow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Added:
    name: str
    article_id: str
    lang: str | None
    events: int
    status: str


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: articles added, already stored, in another
    language, and inputs that could not be read."""

    added: list[Added] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def unsupported(self) -> list[Added]:
        return [a for a in self.added if a.status == "unsupported_language"]

    @property
    def events(self) -> int:
        return sum(a.events for a in self.added)


def ingest(
    sources: Sequence[str | Path],
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    pipeline: Pipeline | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read every source, extract events and store each article with its
    events in one transaction. Already stored articles are skipped; bad inputs
    are reported and the batch goes on.

    The knowledge base is loaded first: an error in a knowledge-base file
    raises :class:`~wending.errors.KnowledgeBaseError` (naming the file and
    line) before anything is read or stored."""
    pipeline = pipeline or Pipeline(settings)
    _check_knowledge(pipeline)
    report = IngestReport()
    with open_store(settings.db) as store:
        for item in read_sources(sources, settings=settings, transport=transport):
            _ingest_one(item, store, pipeline, report)
            if progress is not None:
                progress(item.source if isinstance(item, InputError) else item.name)
    return report


def _unstorable(article: Article) -> str | None:
    """Why an article cannot be stored alike in every database: NUL
    characters (PostgreSQL refuses them in text) or, in a value ingest did
    not check (a file name in a foreign encoding), an unpaired surrogate."""
    for value in (article.text, article.title, article.name, article.url, article.outlet):
        if value and "\x00" in value:
            return "the text holds NUL characters (U+0000); remove them"
        if value:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return f"{value!r} is not valid Unicode (an unpaired surrogate)"
    return None


def _check_knowledge(pipeline: Pipeline) -> None:
    """Load the rule engine's knowledge base (built-in and ``--kb`` files) now,
    so that a bad file stops the batch at once instead of failing every
    article (and coding none of them with the user's entries)."""
    from wending.extract.rules import RuleEngine

    engine = pipeline.engine
    if isinstance(engine, RuleEngine):
        engine.kb.validate()


def _ingest_one(
    item: Article | InputError, store: Store, pipeline: Pipeline, report: IngestReport
) -> None:
    if isinstance(item, InputError):
        log.warning("%s", item)
        report.errors.append(str(item))
        return
    problem = _unstorable(item)
    if problem:
        log.warning("%s: %s", item.name or item.id, problem)
        report.errors.append(f"{item.name or item.id}: {problem}")
        return
    if store.has_article(item.id):
        report.duplicates.append(item.name or item.id)
        return
    try:
        done = pipeline.process(item)
    except Exception as exc:  # an engine bug must not stop the batch
        log.exception("extraction failed for %s", item.name)
        report.errors.append(f"{item.name or item.id}: extraction failed: {exc}")
        return
    if store.add_article(done.article, done.events, status=done.status):
        report.added.append(
            Added(
                name=done.article.name or done.article.id,
                article_id=done.article.id,
                lang=done.article.lang,
                events=len(done.events),
                status=done.status,
            )
        )
    else:
        report.duplicates.append(item.name or item.id)


def articles(
    *,
    settings: Settings,
    lang: str | None = None,
    outlet: str | None = None,
    query: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[ArticleRow]:
    """Stored articles, newest first, optionally filtered."""
    with open_store(settings.db) as store:
        return store.articles(lang=lang, outlet=outlet, query=query, limit=limit, offset=offset)


def events(*, settings: Settings, query: EventQuery | None = None) -> list[Event]:
    """Stored events matching ``query``."""
    with open_store(settings.db) as store:
        return store.events(query or EventQuery())


def extract(
    article: Article | str,
    *,
    settings: Settings | None = None,
    published: dt.date | None = None,
    lang: str | None = None,
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Events of one article (or raw text), without storing anything."""
    settings = settings or Settings()
    if isinstance(article, str):
        from wending.ingest import parse_plain_text

        article = parse_plain_text(article, published=published, lang=lang)
    pipeline = pipeline or Pipeline(settings)
    return list(pipeline.process(article).events)


def score(events_path: Path, gold_dir: Path) -> ScoreReport:
    """Score an events JSONL file against a corpus folder (corpus/SPEC.md)."""
    from wending.evaluate.gold import read_corpus, read_predictions
    from wending.evaluate.score import score as score_events

    return score_events(read_predictions(events_path), read_corpus(gold_dir))


def evaluate(
    corpus_dir: Path,
    *,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> ScoreReport:
    """Run the pipeline in memory over ``articles.jsonl`` of a corpus folder
    and score the events against its ``gold.jsonl``."""
    from wending.evaluate.gold import read_corpus
    from wending.evaluate.run import predict_corpus
    from wending.evaluate.score import score as score_events

    settings = settings or Settings()
    corpus = read_corpus(corpus_dir)
    pipeline = pipeline or Pipeline(settings)
    return score_events(predict_corpus(corpus, pipeline), corpus)


def read_articles(
    sources: Iterable[str | Path], *, settings: Settings
) -> tuple[list[Article], list[str]]:
    """Articles and error messages of some sources, without storing them."""
    found: list[Article] = []
    errors: list[str] = []
    for item in read_sources(list(sources), settings=settings):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            found.append(item)
    return found, errors


def actors(
    query: str | None = None,
    *,
    settings: Settings | None = None,
    on: dt.date | None = None,
    limit: int = 50,
) -> list[ActorRecord]:
    """Knowledge-base entries matching ``query`` (all when empty)."""
    from wending.kb import KnowledgeBase
    from wending.kb.search import search

    settings = settings or Settings()
    return search(KnowledgeBase(settings.kb_files), query, on=on, limit=limit)


@dataclass(frozen=True, slots=True)
class Linked:
    """The mentions found in one article, with the doc they index."""

    doc: Doc
    mentions: tuple[Mention, ...]


def _is_file(text: str) -> bool:
    """Whether a command-line argument names an existing file (not text)."""
    if "\n" in text or len(text) > 1024:
        return False
    try:
        return Path(text).is_file()
    except OSError:
        return False


def _as_article(
    text_or_file: str | Path, *, settings: Settings, published: dt.date | None,
    lang: str | None,
) -> Article:
    path = Path(text_or_file)
    if isinstance(text_or_file, Path) or _is_file(str(text_or_file)):
        found, errors = read_articles([path], settings=settings)
        if errors:
            raise InputError(str(path), "; ".join(errors))
        if not found:
            raise InputError(str(path), "no article found")
        article = found[0]
    else:
        from wending.ingest import parse_plain_text

        article = parse_plain_text(str(text_or_file))
    changes: dict[str, object] = {}
    if published is not None:
        changes["published"] = published
    if lang is not None:
        changes["lang"] = lang
    return replace(article, **changes) if changes else article  # type: ignore[arg-type]


def link(
    text_or_file: str | Path,
    *,
    settings: Settings | None = None,
    published: dt.date | None = None,
    lang: str | None = None,
    pipeline: Pipeline | None = None,
) -> Linked:
    """Actor and place mentions of a text or file, with the rule behind each."""
    from wending.extract.rules import RuleEngine

    settings = settings or Settings()
    pipeline = pipeline or Pipeline(settings)
    article = _as_article(text_or_file, settings=settings, published=published, lang=lang)
    doc = pipeline.process(article).doc
    engine = pipeline.engine if isinstance(pipeline.engine, RuleEngine) else RuleEngine(
        settings=settings)
    if doc.lang is None or doc.lang not in settings.languages:
        return Linked(doc, ())
    return Linked(doc, tuple(engine.tools(doc.lang).linker.link(doc)))


@dataclass(frozen=True, slots=True)
class Explained:
    doc: Doc
    traces: tuple[Trace, ...]


def explain(
    text_or_file: str | Path,
    *,
    settings: Settings | None = None,
    published: dt.date | None = None,
    lang: str | None = None,
) -> Explained:
    """Sentence by sentence, why each event was or was not coded."""
    from wending.extract.rules import RuleEngine

    settings = settings or Settings()
    engine = RuleEngine(settings=settings)
    pipeline = Pipeline(settings, engine=engine)
    article = _as_article(text_or_file, settings=settings, published=published, lang=lang)
    doc = pipeline.process(article).doc
    return Explained(doc, tuple(engine.explain(doc)))
