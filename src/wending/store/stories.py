"""Stories (one real-world event merged from many events): rows and SQL calls.

The functions take the backend and run inside the store's transaction or
error handling; :class:`~wending.store.Store` is their only caller.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

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
    """Insert or replace each story and its links (inside a transaction)."""
    for story in stories:
        db.execute(sql.UPSERT_STORY, story_params(story))
        db.execute(sql.UNLINK_STORY, [story.id])
        ids = list(dict.fromkeys(e.id for e in story.events))
        db.executemany(sql.LINK_STORY, ([story.id, event_id, i] for i, event_id in enumerate(ids)))


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
    if not found:
        return []
    ids = [r["id"] for r in found]
    linked: dict[str, list[Event]] = {i: [] for i in ids}
    text = (
        f"{sql.SELECT_STORY_EVENTS} WHERE se.story_id IN ({sql.placeholders(len(ids))})"
        " ORDER BY se.story_id, se.position"
    )
    for r in db.query(text, ids):
        linked[r["story_id"]].append(rows.event_from_row(r))
    return [story_from_row(r, tuple(linked[r["id"]])) for r in found]


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


def events_without_story(store: Store) -> list[Event]:
    """Stored events that no story holds yet, in date order."""
    text = (
        f"{sql.SELECT_EVENTS} WHERE {sql.EVENT_NOT_IN_STORY}"
        f" ORDER BY {sql.EVENT_ORDER_SQL['date']}"
    )
    return [rows.event_from_row(r) for r in store._query(text)]


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
    if not found:
        return []
    linked: dict[str, list[Event]] = {r["id"]: [] for r in found}
    ids = list(linked)
    for i in range(0, len(ids), ID_CHUNK):
        chunk = ids[i : i + ID_CHUNK]
        text = (
            f"{sql.SELECT_STORY_EVENTS} WHERE se.story_id IN ({sql.placeholders(len(chunk))})"
            " ORDER BY se.story_id, se.position"
        )
        for r in store._query(text, chunk):
            linked[r["story_id"]].append(rows.event_from_row(r))
    return [story_from_row(r, tuple(linked[r["id"]])) for r in found]


def delete_stories(store: Store) -> None:
    """Delete every story and its links (events stay), in one transaction,
    so that stories can be rebuilt from scratch."""
    with store._transaction("deleting stories"):
        store._db.execute(sql.DELETE_STORY_LINKS)
        store._db.execute(sql.DELETE_STORIES)
