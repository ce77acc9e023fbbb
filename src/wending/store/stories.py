"""Stories (one real-world event merged from many events): rows and SQL calls.

The functions take the backend and run inside the store's transaction or
error handling; :class:`~wending.store.Store` is their only caller.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from wending.model import Event, Story
from wending.store import queries as sql
from wending.store import rows
from wending.store.backend import Backend


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
