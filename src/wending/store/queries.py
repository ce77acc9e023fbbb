"""The store's SQL, and safe builders for its WHERE clauses.

Only fixed SQL text lives here; every value a user gives travels as a
``?`` parameter. Placeholder lists (``IN (?, ?)``) are built from counts,
never from values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wending.store.rows import EventQuery

INSERT_ARTICLE = """
INSERT INTO articles (id, name, url, outlet, published, lang, title, text, quoted, origin,
                      blocks, status, ingested_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING
"""

INSERT_EVENT = """
INSERT INTO events (id, article_id, position, event, mode, context, quad, event_text, event_loc,
                    date_start, date_end, date_precision, date_text,
                    quantity_value, quantity_high, quantity_unit, quantity_approx, quantity_text,
                    modality, speaker_code, speaker_text, source_text, outlet, confidence, rules,
                    sentence, record)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

INSERT_ACTOR = """
INSERT INTO event_actors (event_id, role, position, code, sector, qid, text, char_start, char_end)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

INSERT_EVIDENCE = """
INSERT INTO evidence (event_id, position, char_start, char_end, text) VALUES (?, ?, ?, ?, ?)
"""

ARTICLE_COLUMNS = (
    "a.id, a.name, a.url, a.outlet, a.published, a.lang, a.title, a.quoted, a.origin, "
    "a.status, a.ingested_at"
)

SELECT_ARTICLE = "SELECT a.* FROM articles a"

EVENT_COUNT = "(SELECT COUNT(*) FROM events c WHERE c.article_id = a.id) AS event_count"

SELECT_EVENTS = """
SELECT e.id, e.article_id, e.record, a.name AS article_name, a.url AS article_url
FROM events e JOIN articles a ON a.id = e.article_id
"""

COUNT_EVENTS = "SELECT COUNT(*) AS n FROM events e JOIN articles a ON a.id = e.article_id"

EVENT_ORDER_SQL: dict[str, str] = {
    "date": "(e.date_start IS NULL), e.date_start, e.date_end, e.article_id, e.position",
    "-date": "(e.date_start IS NULL), e.date_end DESC, e.date_start DESC, e.article_id, e.position",
    "ingested": "a.ingested_at, e.article_id, e.position",
    "confidence": "e.confidence DESC, e.article_id, e.position",
}

ARTICLE_ORDER_SQL = "(a.published IS NULL), a.published DESC, a.ingested_at DESC, a.id"

UPSERT_STORY = """
INSERT INTO stories (id, event, actor_codes, recipient_codes, first_reported, outlets, modality)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    event = excluded.event, actor_codes = excluded.actor_codes,
    recipient_codes = excluded.recipient_codes, first_reported = excluded.first_reported,
    outlets = excluded.outlets, modality = excluded.modality
"""

SET_STATUS = "UPDATE articles SET status = ? WHERE id = ?"

UNLINK_STORY = "DELETE FROM story_events WHERE story_id = ?"

LINK_STORY = "INSERT INTO story_events (story_id, event_id, position) VALUES (?, ?, ?)"

SELECT_STORIES = "SELECT s.* FROM stories s"

STORY_ORDER_SQL = "(s.first_reported IS NULL), s.first_reported, s.id"

SELECT_STORY_EVENTS = """
SELECT se.story_id, e.id, e.article_id, e.record, a.name AS article_name, a.url AS article_url
FROM story_events se
JOIN events e ON e.id = se.event_id
JOIN articles a ON a.id = e.article_id
"""

#: A WHERE condition that nothing satisfies (a search with no searchable term).
NOTHING = "1 = 0"


def fts_query(text: str) -> str | None:
    """Turn a plain user query into a safe FTS5 query, or ``None`` if it has
    no searchable term.

    Every whitespace-separated term becomes a quoted phrase (inner quotes
    doubled), so FTS5 operators and punctuation (``AND"(``, ``NEAR``, ``-``,
    ``:``) are searched as text, never parsed. Terms are ANDed. A trailing
    ``*`` keeps its meaning: prefix search (``oorlog*``). Control characters
    (FTS5 stops reading a query at NUL) count as spaces.
    """
    terms: list[str] = []
    cleaned = "".join(" " if ord(ch) < 32 or ch == "\x7f" else ch for ch in text)
    for raw in cleaned.split():
        prefix = raw.endswith("*")
        term = raw.rstrip("*")
        if not any(ch.isalnum() for ch in term):
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        terms.append(quoted + "*" if prefix else quoted)
    return " ".join(terms) if terms else None


def placeholders(n: int) -> str:
    return ", ".join("?" * n)


def event_where(q: EventQuery, fts_sql: str) -> tuple[str, list[Any]]:
    """The WHERE clause (with leading `` WHERE``, or empty) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    party = "e.id IN (SELECT event_id FROM event_actors WHERE code = ? AND role = ?)"
    if q.actor is not None:
        add(party, q.actor, "actor")
    if q.recipient is not None:
        add(party, q.recipient, "recipient")
    if q.any_party is not None:
        add("e.id IN (SELECT event_id FROM event_actors WHERE code = ?)", q.any_party)
    if q.event_types:
        add(f"e.event IN ({placeholders(len(q.event_types))})", *q.event_types)
    if q.since is not None:
        add("e.date_end >= ?", q.since.isoformat())
    if q.until is not None:
        add("e.date_start <= ?", q.until.isoformat())
    if q.modality is not None:
        add("e.modality = ?", q.modality)
    if q.lang is not None:
        add("a.lang = ?", q.lang)
    if q.outlet is not None:
        add("a.outlet = ?", q.outlet)
    if q.article_id is not None:
        add("e.article_id = ?", q.article_id)
    if q.query is not None:
        _add_fts(clauses, params, "e.article_id", q.query, fts_sql)
    return _where(clauses), params


def article_where(
    *,
    fts_sql: str,
    lang: str | None = None,
    outlet: str | None = None,
    status: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    query: str | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE clause of an article listing; ``since``/``until`` bound
    the publication date (inclusive)."""
    clauses: list[str] = []
    params: list[Any] = []
    for sql, value in (
        ("a.lang = ?", lang),
        ("a.outlet = ?", outlet),
        ("a.status = ?", status),
        ("a.published >= ?", since.isoformat() if since else None),
        ("a.published <= ?", until.isoformat() if until else None),
    ):
        if value is not None:
            clauses.append(sql)
            params.append(value)
    if query is not None:
        _add_fts(clauses, params, "a.id", query, fts_sql)
    return _where(clauses), params


def _add_fts(clauses: list[str], params: list[Any], column: str, text: str, fts_sql: str) -> None:
    match = fts_query(text)
    if match is None:
        clauses.append(NOTHING)
    else:
        clauses.append(f"{column} IN ({fts_sql})")
        params.append(match)


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""
