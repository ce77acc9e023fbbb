"""Library functions behind the REST API and the web page.

Each REST route of :mod:`wending.serve.api` is a thin adapter over one of
these (or over another :mod:`wending.library` function): pages of events and
articles with their totals, one article or event with the spans to mark,
ingesting JSON records, and the store's counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wending.analyze.stories import view
from wending.errors import SettingsError, StoreError, WendingError
from wending.library.analysis import StoryView, stories_in, update_stories
from wending.library.analysis import _code as code
from wending.library.analysis import _metas as article_metas
from wending.library.analysis import stories as find_story_views
from wending.library.highlight import Highlight, highlights
from wending.library.web_ingest import ingest_json
from wending.model import Article, Event
from wending.plover import event_to_plover
from wending.settings import Settings
from wending.store import ArticleRow, EventQuery, aggregate, open_store
from wending.store.stories import events_with_ids, stories_by_id

__all__ = [
    "ArticlePage",
    "ArticleView",
    "EventPage",
    "EventView",
    "NotFoundError",
    "QueryError",
    "article_to_dict",
    "articles_page",
    "edge_events",
    "event_query",
    "events_by_id",
    "events_page",
    "get_article",
    "get_event",
    "get_story",
    "ingest_json",
    "stats",
]


class NotFoundError(WendingError):
    """The article, event or story asked for is not stored."""


class QueryError(WendingError):
    """A filter of a listing cannot be used (unknown type, bad range, ...)."""


def article_to_dict(article: Article | ArticleRow, *, text: bool = True) -> dict[str, Any]:
    """An article as JSON: its metadata, and its text when ``text`` is set."""
    out: dict[str, Any] = {
        "id": article.id,
        "name": article.name,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang,
        "title": article.title,
    }
    if isinstance(article, ArticleRow):
        out.update(
            status=article.status, event_count=article.event_count, ingested_at=article.ingested_at
        )
    if text and article.text is not None:
        out["text"] = article.text
    return out


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of a filtered event listing and how many match in all."""

    items: list[Event]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [event_to_plover(e) for e in self.items],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One page of a filtered article listing and how many match in all."""

    items: list[ArticleRow]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [article_to_dict(a, text=False) for a in self.items],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One stored article with its events."""

    article: Article
    events: list[Event]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": article_to_dict(self.article),
            "events": [event_to_plover(e) for e in self.events],
        }


@dataclass(frozen=True, slots=True)
class EventView:
    """One stored event, its article, the spans of the article to mark, and
    the story it belongs to (with every outlet that told it), if any."""

    event: Event
    article: Article
    highlights: list[Highlight]
    story: StoryView | None = None

    def to_dict(self) -> dict[str, Any]:
        story = None
        if self.story is not None:
            whole = self.story.to_dict()
            story = {
                k: whole[k]
                for k in (
                    "id",
                    "event",
                    "date",
                    "modality",
                    "outlets",
                    "outlet_count",
                    "languages",
                    "articles",
                )
            }
        return {
            "event": event_to_plover(self.event),
            "article": article_to_dict(self.article),
            "highlights": [h.to_dict() for h in self.highlights],
            "story": story,
        }


def event_query(
    *,
    actor: str | None = None,
    recipient: str | None = None,
    event: str | Sequence[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    modality: str | None = None,
    lang: str | None = None,
    query: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> EventQuery:
    """An :class:`EventQuery` from user filters (codes upper-cased, empty
    values ignored); raises :class:`QueryError` saying what to change."""
    try:
        return EventQuery(
            actor=actor.strip().upper() or None if actor else None,
            recipient=recipient.strip().upper() or None if recipient else None,
            event=event or None,
            since=since,
            until=until,
            modality=modality or None,
            lang=lang.strip().lower() or None if lang else None,
            query=query if query and query.strip() else None,
            limit=limit,
            offset=offset,
        )
    except StoreError as exc:
        raise QueryError(str(exc)) from exc


def events_page(*, settings: Settings, query: EventQuery) -> EventPage:
    """The events matching ``query`` (its page) and how many match in all."""
    with open_store(settings.db) as store:
        items = store.events(query)
        total = store.count_events(query)
    return EventPage(items, total, query.limit if query.limit is not None else total, query.offset)


def events_by_id(ids: Sequence[str], *, settings: Settings) -> list[Event]:
    """The stored events with these ids, in that order (unknown ids skipped)."""
    found: list[Event] = []
    with open_store(settings.db) as store:
        for event_id in dict.fromkeys(ids):
            event = store.get_event(event_id)
            if event is not None:
                found.append(event)
    return found


def edge_events(
    *,
    settings: Settings,
    source: str,
    target: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actors: Sequence[str] | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> EventPage:
    """The events of the network edge ``source -> target`` (as
    :func:`graph` with the same period and actors draws it), by story day,
    one page with the total."""
    found = stories_in(since, until, actors)
    u, v = code(source), code(target)
    if u is None or v is None:
        raise SettingsError("an edge is two actor codes, source and target")
    with open_store(settings.db) as store:
        update_stories(store, settings=settings)
        ids, total = aggregate.link_events(store, u, v, found, limit=limit, offset=offset)
        events = events_with_ids(store, ids)
    return EventPage(events, total, limit if limit is not None else total, offset)


def articles_page(
    *,
    settings: Settings,
    lang: str | None = None,
    outlet: str | None = None,
    query: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> ArticlePage:
    """Stored articles, newest first, one page of them and the total."""
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset must be 0 or more")
    filters: dict[str, Any] = {
        "lang": lang or None,
        "outlet": outlet or None,
        "query": query if query and query.strip() else None,
    }
    with open_store(settings.db) as store:
        items = store.articles(**filters, limit=limit, offset=offset)
        total = len(store.articles(**filters, limit=None))
    return ArticlePage(items, total, limit, offset)


def get_article(article_id: str, *, settings: Settings) -> ArticleView:
    """The stored article with this id (or name) and its events."""
    with open_store(settings.db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise NotFoundError(f"no article {article_id!r}; list them with GET /api/articles")
        events = store.events(EventQuery(article_id=article.id, limit=None, order="ingested"))
    return ArticleView(article, events)


def get_event(event_id: str, *, settings: Settings) -> EventView:
    """The stored event with this id, its article, and the spans to mark:
    evidence, actors, recipients, trigger, date, quantity, place and the
    modality cue."""
    with open_store(settings.db) as store:
        event = store.get_event(event_id)
        article = store.get_article(event.article_id) if event is not None else None
    if event is None or article is None:
        raise NotFoundError(f"no event {event_id!r}; list them with GET /api/events")
    return EventView(
        event,
        article,
        highlights(event, article.text, lang=article.lang),
        _story_of(event, settings=settings),
    )


def _story_of(event: Event, *, settings: Settings) -> StoryView | None:
    codes = [e.code for e in (*event.actor, *event.recipient) if e.code]
    if not codes:
        return None
    for found in find_story_views(settings=settings, actor=codes[0], limit=None):
        if any(e.id == event.id for e in found.story.events):
            return found
    return None


def get_story(story_id: str, *, settings: Settings) -> StoryView:
    """The story with this id: its events, articles and every outlet that told it."""
    with open_store(settings.db) as store:
        update_stories(store, settings=settings)
        found = store._read(lambda: stories_by_id(store._db, [story_id]))
        if not found:
            raise NotFoundError(f"no story {story_id!r}; list them with GET /api/stories")
        metas = article_metas(store, (e.article_id for e in found[0].events))
    return view(found[0], metas)


def stats(*, settings: Settings) -> dict[str, Any]:
    """Counts of the store: articles, events, stories, and by language,
    status and event type."""
    with open_store(settings.db) as store:
        return store.stats()
