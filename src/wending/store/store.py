"""The store: articles, their events and stories, in one database."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, TypeVar

from wending.errors import StoreError
from wending.model import Article, Event, Story
from wending.store import queries as sql
from wending.store import rows
from wending.store.backend import Backend, one_line
from wending.store.migrate import applied_versions, migrate
from wending.store.rows import ArticleRow, ArticleStatus, EventQuery
from wending.store.stories import read_stories, stories_by_id, write_facts, write_stories

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Errors besides the driver's that mean "this value cannot be stored".
_VALUE_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError, OverflowError)


class Store:
    """Articles, events and stories in one database.

    Open it with :func:`wending.store.open_store`; use it as a context
    manager or call :meth:`close`. Not shared between threads.
    """

    def __init__(self, backend: Backend, *, migrate_schema: bool = True) -> None:
        self._db = backend
        self._depth = 0  # open transactions: inner ones join the outer one
        if migrate_schema:
            try:
                migrate(backend)
            except BaseException:
                backend.close()
                raise

    # -- lifecycle ---------------------------------------------------------

    @property
    def location(self) -> str:
        return self._db.location

    @property
    def schema_version(self) -> int:
        versions = self._read(lambda: applied_versions(self._db))
        return versions[-1] if versions else 0

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self, what: str) -> Iterator[None]:
        """One transaction around several reads and writes (on SQLite it
        takes the write lock at once, so concurrent writers wait); the
        store's own writes inside it join it."""
        with self._transaction(what):
            yield

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.begin()
        except self._db.errors as exc:
            raise StoreError(f"cannot write to {self.location}: {one_line(exc)}") from exc
        self._depth = 1
        try:
            yield
            self._db.commit()
        except BaseException as exc:
            try:
                self._db.rollback()
            except self._db.errors:
                log.exception("rollback failed on %s", self.location)
            if isinstance(exc, self._db.errors + _VALUE_ERRORS):
                raise StoreError(f"{what} failed, nothing was written: {one_line(exc)}") from exc
            raise
        finally:
            self._depth = 0

    def _read(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except self._db.errors as exc:
            raise StoreError(f"cannot read {self.location}: {one_line(exc)}") from exc

    def _query(self, text: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self._read(lambda: self._db.query(text, params))

    # -- writing -----------------------------------------------------------

    def add_article(
        self, article: Article, events: Sequence[Event], *, status: ArticleStatus = "extracted"
    ) -> bool:
        """Store an article and its events in one transaction.

        Returns ``False`` and writes nothing if the article is already
        stored. Events without an id get ``<article_id>-<n>`` (n from 1, their
        position in ``events``).
        """
        rows.check_status(status)
        with self._transaction(f"storing article {article.id}"):
            values = rows.article_params(article, status, _now())
            added = self._db.execute(sql.INSERT_ARTICLE, values)
            if not added:
                log.debug("article %s is already stored", article.id)
                return False
            self._write_events(article, events)
        log.debug("stored article %s with %d events", article.id, len(events))
        return True

    def replace_events(
        self,
        article_id: str,
        events: Sequence[Event],
        *,
        status: ArticleStatus | None = None,
    ) -> None:
        """Replace all events of a stored article (after re-extraction), and
        its status if given, in one transaction. The stories that held its
        old events keep their other events (their facts are written again);
        the new events are merged into stories by the next analysis."""
        if status is not None:
            rows.check_status(status)
        with self._transaction(f"replacing the events of article {article_id}"):
            found = self._db.query("SELECT id, name, url FROM articles WHERE id = ?", [article_id])
            if not found:
                raise StoreError(f"no article {article_id} in {self.location}; add it first")
            held = [r["story_id"] for r in self._db.query(sql.STORIES_OF_ARTICLE, [article_id])]
            self._db.execute("DELETE FROM events WHERE article_id = ?", [article_id])
            if held:
                write_facts(self._db, stories_by_id(self._db, held))
            if status is not None:
                self._db.execute(sql.SET_STATUS, [status, article_id])
            self._write_events(found[0], events)

    def _write_events(self, article: Article | dict[str, Any], events: Sequence[Event]) -> None:
        for position, event in enumerate(events, start=1):
            bound = rows.bind_event(event, article, position)
            try:
                self._db.execute(sql.INSERT_EVENT, rows.event_params(bound, position))
                self._db.execute(sql.QUEUE_EVENT, [bound.id])
                self._db.executemany(sql.INSERT_ACTOR, rows.actor_params(bound))
                self._db.executemany(sql.INSERT_EVIDENCE, rows.evidence_params(bound))
            except self._db.errors + _VALUE_ERRORS as exc:
                hint = (
                    "; another stored event has this id: leave Event.id empty to get one"
                    if _duplicate_event_id(exc)
                    else ""
                )
                raise StoreError(
                    f"event {position} (id {bound.id}) of article {bound.article_id} cannot be "
                    f"stored: {one_line(exc)}{hint}; nothing was written"
                ) from exc

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Insert or replace stories and their links to stored events
        (which must be stored), in one transaction."""
        with self._transaction("saving stories"):
            write_stories(self._db, stories)

    # -- reading -----------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return bool(self._query("SELECT 1 AS x FROM articles WHERE id = ?", [article_id]))

    def get_article(self, id_or_name: str) -> Article | None:
        """The article with this id, else the first one stored under this name."""
        found = self._query(sql.SELECT_ARTICLE + " WHERE a.id = ?", [id_or_name])
        if not found:
            page, page_params = self._db.limit_sql(1, 0)
            found = self._query(
                sql.SELECT_ARTICLE + " WHERE a.name = ? ORDER BY a.ingested_at, a.id" + page,
                [id_or_name, *page_params],
            )
        return rows.article_from_row(found[0]) if found else None

    def articles(
        self,
        *,
        lang: str | None = None,
        outlet: str | None = None,
        status: ArticleStatus | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        query: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
        with_text: bool = False,
    ) -> list[ArticleRow]:
        """Stored articles, newest publication first; ``query`` is a plain
        full-text query (see :func:`wending.store.fts_query`)."""
        rows.check_page(limit, offset)
        rows.check_range(since, until)
        where, params = sql.article_where(
            fts=self._db.fts_subquery,
            lang=lang,
            outlet=outlet,
            status=status,
            since=since,
            until=until,
            query=query,
        )
        page, page_params = self._db.limit_sql(limit, offset)
        columns = sql.ARTICLE_COLUMNS + (", a.text" if with_text else "")
        text = (
            f"SELECT {columns}, {sql.EVENT_COUNT} FROM articles a{where}"
            f" ORDER BY {sql.ARTICLE_ORDER_SQL}{page}"
        )
        return [rows.article_row_from_row(r) for r in self._query(text, params + page_params)]

    def events(self, q: EventQuery | None = None) -> list[Event]:
        """Events matching ``q`` (all events, 100 at a time, by default)."""
        q = q or EventQuery()
        where, params = sql.event_where(q, self._db.fts_subquery)
        page, page_params = self._db.limit_sql(q.limit, q.offset)
        text = sql.select_events(q, where, page)
        return [rows.event_from_row(r) for r in self._query(text, params + page_params)]

    def count_events(self, q: EventQuery | None = None) -> int:
        """How many events match ``q`` (its limit and offset are ignored)."""
        text, params = sql.count_events(q or EventQuery(), self._db.fts_subquery)
        return int(self._query(text, params)[0]["n"])

    def get_event(self, event_id: str) -> Event | None:
        found = self._query(sql.SELECT_EVENTS + " WHERE e.id = ?", [event_id])
        return rows.event_from_row(found[0]) if found else None

    def stats(self) -> dict[str, Any]:
        """Counts: ``articles``, ``events``, ``stories``, and articles
        ``by_lang`` / ``by_status``, events ``by_event`` type."""

        def grouped(text: str) -> dict[str, int]:
            return {str(r["k"] or "unknown"): int(r["n"]) for r in self._query(text)}

        def count(table: str) -> int:
            return int(self._query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"])

        return {
            "articles": count("articles"),
            "events": count("events"),
            "stories": count("stories"),
            "by_lang": grouped(
                "SELECT lang AS k, COUNT(*) AS n FROM articles GROUP BY lang ORDER BY n DESC, k"
            ),
            "by_status": grouped(
                "SELECT status AS k, COUNT(*) AS n FROM articles GROUP BY status ORDER BY n DESC, k"
            ),
            "by_event": grouped(
                "SELECT event AS k, COUNT(*) AS n FROM events GROUP BY event ORDER BY n DESC, k"
            ),
        }

    def stories(
        self,
        *,
        event: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Story]:
        """Saved stories, first reported first, with their stored events."""
        rows.check_page(limit, offset)
        rows.check_range(since, until)
        db = self._db
        return self._read(
            lambda: read_stories(
                db, event=event, since=since, until=until, limit=limit, offset=offset
            )
        )


def _duplicate_event_id(exc: Exception) -> bool:
    """Whether ``exc`` says an event id is taken (SQLite's or PostgreSQL's words)."""
    text = str(exc)
    return ("UNIQUE" in text and "events.id" in text) or '"events_pkey"' in text


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
