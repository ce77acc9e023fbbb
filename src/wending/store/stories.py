"""Stories (one real-world event merged from many events): rows and SQL calls.

The functions take the backend and run inside the store's transaction or
error handling; :class:`~wending.store.Store` is their only caller.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from wending.analyze.facts import ArticleMeta, quad, story_day, story_facts
from wending.model import Event, Story
from wending.store import queries as sql
from wending.store import rows
from wending.store.backend import Backend

if TYPE_CHECKING:
    from wending.store.rows import ArticleRow
    from wending.store.store import Store

#: Most ids put in one ``IN (...)`` list.
ID_CHUNK = 500


def write_stories(db: Backend, stories: Sequence[Story]) -> None:
    """Insert or replace each story, its links to its events and its facts
    (inside a transaction). Its events leave the unmerged ones; events it
    held before and holds no more (and no other story holds) go back."""
    for story in stories:
        db.execute(sql.UPSERT_STORY, story_params(story))
        before = {r["event_id"] for r in db.query(sql.STORY_EVENT_IDS, [story.id])}
        db.execute(sql.UNLINK_STORY, [story.id])
        ids = list(dict.fromkeys(e.id for e in story.events))
        db.executemany(sql.LINK_STORY, ([story.id, event_id, i] for i, event_id in enumerate(ids)))
        db.executemany(sql.DEQUEUE_EVENT, ([i] for i in ids))
        db.executemany(sql.REQUEUE_EVENT, ([i] for i in sorted(before.difference(ids))))
    write_facts(db, stories)


def write_facts(db: Backend, stories: Sequence[Story], *, count_days: bool = True) -> None:
    """Replace the ``story_facts`` rows of these stories (inside a
    transaction): :func:`wending.analyze.facts.story_facts` with the story's
    day, as its articles' publication dates give it, and quad; and their
    counts in ``story_fact_days`` (unless ``count_days`` is off: then the
    caller counts them all again, see :func:`rebuild_facts`)."""
    published = publication_dates(db, (e.article_id for s in stories for e in s.events))
    for story in stories:
        if count_days:
            old = db.query(sql.DAY_FACTS_OF_STORY, [story.id])
            db.executemany(
                sql.UNCOUNT_DAY_FACT,
                ([r["n"], r["kind"], r["source"], r["target"], r["day"], r["quad"], r["name"]]
                 for r in old),
            )
        db.execute(sql.DELETE_STORY_FACTS, [story.id])
        params = fact_params(story, published)
        db.executemany(sql.INSERT_STORY_FACT, params)
        if count_days:
            db.executemany(
                sql.COUNT_DAY_FACT,
                ([kind, source, target, day, q, name, n]
                 for _, kind, source, target, day, q, name, n, _ in params
                 if day is not None),
            )


def fact_params(story: Story, articles: dict[str, ArticleMeta]) -> list[list[Any]]:
    """Values for ``queries.INSERT_STORY_FACT``, one list a fact."""
    day = story_day(story, articles)
    iso = day.isoformat() if day is not None else None
    q = quad(story.event)
    return [
        [story.id, f.kind, f.source, f.target, iso, q, f.name, f.n, " ".join(f.events)]
        for f in story_facts(story)
    ]


def publication_dates(db: Backend, article_ids: Iterable[str]) -> dict[str, ArticleMeta]:
    """The publication dates of articles, as the metadata the story day needs."""
    wanted = list(dict.fromkeys(article_ids))
    out: dict[str, ArticleMeta] = {}
    for i in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[i : i + ID_CHUNK]
        for r in db.query(f"{sql.ARTICLE_PUBLISHED} ({sql.placeholders(len(chunk))})", chunk):
            out[r["id"]] = ArticleMeta(id=r["id"], published=rows.parse_date(r["published"]))
    return out


def stories_by_id(db: Backend, ids: Sequence[str]) -> list[Story]:
    """The stored stories with these ids, with their events, in id order."""
    found: list[dict[str, Any]] = []
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[i : i + ID_CHUNK]
        found.extend(
            db.query(f"{sql.SELECT_STORIES} WHERE s.id IN ({sql.placeholders(len(chunk))})"
                     " ORDER BY s.id", chunk)
        )
    return _with_events(db, found)


def _with_events(db: Backend, found: list[dict[str, Any]]) -> list[Story]:
    linked: dict[str, list[Event]] = {r["id"]: [] for r in found}
    ids = list(linked)
    for i in range(0, len(ids), ID_CHUNK):
        chunk = ids[i : i + ID_CHUNK]
        text = (
            f"{sql.SELECT_STORY_EVENTS} WHERE se.story_id IN ({sql.placeholders(len(chunk))})"
            " ORDER BY se.story_id, se.position"
        )
        for r in db.query(text, chunk):
            linked[r["story_id"]].append(rows.event_from_row(r))
    return [story_from_row(r, tuple(linked[r["id"]])) for r in found]


#: Stories read at a time when all facts are rebuilt.
FACTS_BATCH = 2000


def rebuild_facts(db: Backend) -> int:
    """Write the facts of every stored story again (inside a transaction;
    migration 005 runs it for the stories stored before it); the number of
    stories."""
    db.execute(sql.DELETE_ALL_STORY_FACTS)
    db.execute(sql.DELETE_ALL_DAY_FACTS)
    done, last = 0, ""
    page, page_params = db.limit_sql(FACTS_BATCH, 0)
    while True:
        found = db.query(
            f"{sql.SELECT_STORIES} WHERE s.id > ? ORDER BY s.id{page}", [last, *page_params]
        )
        if not found:
            db.execute(sql.COUNT_ALL_DAY_FACTS)
            return done
        write_facts(db, _with_events(db, found), count_days=False)
        done += len(found)
        last = found[-1]["id"]


def read_stories(
    db: Backend,
    *,
    event: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
    offset: int,
) -> list[Story]:
    """Stories, first reported first (undated last), with their events."""
    clauses: list[str] = []
    params: list[Any] = []
    for cond, value in (
        ("s.event = ?", event),
        ("s.first_reported >= ?", since.isoformat() if since else None),
        ("s.first_reported <= ?", until.isoformat() if until else None),
    ):
        if value is not None:
            clauses.append(cond)
            params.append(value)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    page, page_params = db.limit_sql(limit, offset)
    found = db.query(
        f"{sql.SELECT_STORIES}{where} ORDER BY {sql.STORY_ORDER_SQL}{page}", params + page_params
    )
    return _with_events(db, found)


def story_params(story: Story) -> list[Any]:
    """Values for ``queries.UPSERT_STORY``."""
    return [
        story.id,
        story.event,
        rows.to_json(list(story.actor_codes)),
        rows.to_json(list(story.recipient_codes)),
        story.first_reported.isoformat() if story.first_reported else None,
        rows.to_json(list(story.outlets)),
        story.modality,
    ]


def story_from_row(row: dict[str, Any], events: tuple[Event, ...]) -> Story:
    first = row["first_reported"]
    return Story(
        id=row["id"],
        event=row["event"],
        actor_codes=tuple(json.loads(row["actor_codes"])),
        recipient_codes=tuple(json.loads(row["recipient_codes"])),
        events=events,
        first_reported=dt.date.fromisoformat(first) if first else None,
        outlets=tuple(json.loads(row["outlets"])),
        modality=row["modality"],
    )


# -- for the analysis stage: incremental merging -----------------------------
#
# These take the Store (not its backend) and run through its error handling
# and transactions; they belong to the store package, which owns the SQL.


def any_without_story(store: Store) -> bool:
    """Whether some stored event is in no story yet (one index lookup)."""
    return bool(store._query(sql.ANY_UNMERGED))


def events_without_story(store: Store) -> list[Event]:
    """Stored events that no story holds yet, in date order."""
    text = (
        f"{sql.SELECT_EVENTS} WHERE {sql.EVENT_NOT_IN_STORY}"
        f" ORDER BY {sql.EVENT_ORDER_SQL['date']}"
    )
    return [rows.event_from_row(r) for r in store._query(text)]


def events_with_ids(store: Store, ids: Sequence[str]) -> list[Event]:
    """The stored events with these ids, in that order (unknown ids skipped)."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Event] = {}
    for i in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[i : i + ID_CHUNK]
        text = f"{sql.SELECT_EVENTS} WHERE e.id IN ({sql.placeholders(len(chunk))})"
        for r in store._query(text, chunk):
            found[r["id"]] = rows.event_from_row(r)
    return [found[i] for i in wanted if i in found]


def article_rows(store: Store, ids: Iterable[str]) -> dict[str, ArticleRow]:
    """The listing rows (no text) of the articles with these ids."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, ArticleRow] = {}
    for i in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[i : i + ID_CHUNK]
        text = f"{sql.SELECT_ARTICLE_ROWS} WHERE a.id IN ({sql.placeholders(len(chunk))})"
        for r in store._query(text, chunk):
            row = rows.article_row_from_row(r)
            out[row.id] = row
    return out


def find_stories(
    store: Store,
    *,
    event: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_undated: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Story]:
    """Saved stories with their events, first reported first.

    ``actor`` keeps stories with an event in which that code takes part (any
    role); ``since``/``until`` bound the first report date, and
    ``include_undated`` also keeps stories that have none.
    """
    rows.check_page(limit, offset)
    rows.check_range(since, until)
    clauses: list[str] = []
    params: list[Any] = []
    if event is not None:
        clauses.append("s.event = ?")
        params.append(event)
    if actor is not None:
        clauses.append(sql.STORY_WITH_ACTOR)
        params.append(actor)
    span: list[str] = []
    if since is not None:
        span.append("s.first_reported >= ?")
        params.append(since.isoformat())
    if until is not None:
        span.append("s.first_reported <= ?")
        params.append(until.isoformat())
    if span:
        joined = " AND ".join(span)
        clauses.append(f"(s.first_reported IS NULL OR ({joined}))" if include_undated else joined)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    db = store._db
    page, page_params = db.limit_sql(limit, offset)
    found = store._query(
        f"{sql.SELECT_STORIES}{where} ORDER BY {sql.STORY_ORDER_SQL}{page}", params + page_params
    )
    return store._read(lambda: _with_events(db, found))


def delete_stories(store: Store) -> None:
    """Delete every story, its links and facts (events stay, all of them
    unmerged again), in one transaction, so that stories can be rebuilt
    from scratch."""
    with store._transaction("deleting stories"):
        store._db.execute(sql.DELETE_ALL_STORY_FACTS)
        store._db.execute(sql.DELETE_ALL_DAY_FACTS)
        store._db.execute(sql.DELETE_STORY_LINKS)
        store._db.execute(sql.DELETE_STORIES)
        store._db.execute(sql.DELETE_UNMERGED)
        store._db.execute(sql.QUEUE_ALL_EVENTS)
