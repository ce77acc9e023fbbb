"""The store's SQL, and safe builders for its WHERE clauses.

Only fixed SQL text lives here; every value a user gives travels as a
``?`` parameter. Placeholder lists (``IN (?, ?)``) are built from counts,
never from values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from wending.store.rows import SPAN_DAYS, EventQuery

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

# date_start/date_end repeat the event's, and span classes its length
# (rows.span_class), for the index event_actors_period.
INSERT_ACTOR = """
INSERT INTO event_actors (event_id, role, position, code, sector, qid, text, char_start, char_end,
                          date_start, date_end, span)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
#: Counting needs the articles only to filter on their language or outlet.
COUNT_EVENTS_ONLY = "SELECT COUNT(*) AS n FROM events e"

# NULLS FIRST/LAST spell out SQLite's order (NULL is the smallest value), so
# PostgreSQL (where NULL is the largest) returns the same order.
EVENT_ORDER_SQL: dict[str, str] = {
    "date": "(e.date_start IS NULL), e.date_start, e.date_end NULLS FIRST, e.article_id, "
    "e.position",
    "-date": "(e.date_start IS NULL), e.date_end DESC NULLS LAST, e.date_start DESC, "
    "e.article_id, e.position",
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

#: A backend's full-text subquery builder: :meth:`Backend.fts_subquery`.
FtsBuilder = Callable[[str], tuple[str, list[Any]] | None]


def fts_terms(text: str) -> list[tuple[str, bool]]:
    """The searchable terms of a plain user query: ``(term, prefix)`` pairs.

    Terms are split on whitespace; each is searched as a phrase of its
    words, so operators and punctuation (``AND"(``, ``NEAR``, ``-``, ``:``)
    are text, never syntax. A trailing ``*`` means prefix search
    (``oorlog*``). Terms without a letter or digit are dropped. Control
    characters (FTS5 stops reading a query at NUL) count as spaces.
    """
    terms: list[tuple[str, bool]] = []
    cleaned = "".join(" " if ord(ch) < 32 or ch == "\x7f" else ch for ch in text)
    for raw in cleaned.split():
        term = raw.rstrip("*")
        if any(ch.isalnum() for ch in term):
            terms.append((term, raw.endswith("*")))
    return terms


def fts_query(text: str) -> str | None:
    """Turn a plain user query into a safe FTS5 query, or ``None`` if it has
    no searchable term (see :func:`fts_terms`).

    Every term becomes a quoted phrase (inner quotes doubled); terms are
    ANDed; a prefix term keeps its ``*``.
    """
    quoted = [
        '"' + term.replace('"', '""') + '"' + ("*" if prefix else "")
        for term, prefix in fts_terms(text)
    ]
    return " ".join(quoted) if quoted else None


def placeholders(n: int) -> str:
    return ", ".join("?" * n)


def select_events(q: EventQuery, where: str, page: str) -> str:
    """The SELECT of one page of events (``where`` and ``page`` as built by
    :func:`event_where` and ``Backend.limit_sql``).

    A limited page is chosen on the sort keys alone, and only its rows'
    records are read: sorting thousands of matches then costs no more than
    their keys.
    """
    order = EVENT_ORDER_SQL[q.order]
    if q.limit is None:
        return f"{SELECT_EVENTS}{where} ORDER BY {order}{page}"
    needs_articles = q.lang is not None or q.outlet is not None or q.order == "ingested"
    join = " JOIN articles a ON a.id = e.article_id" if needs_articles else ""
    chosen = f"SELECT e.id FROM events e{join}{where} ORDER BY {order}{page}"
    return f"{SELECT_EVENTS} WHERE e.id IN ({chosen}) ORDER BY {order}"


def count_events(q: EventQuery, fts: FtsBuilder) -> tuple[str, list[Any]]:
    """The COUNT of the events matching ``q``, and its parameters.

    Events of one party in one role (and a period) are counted in the
    index event_actors_period alone, without visiting the events.
    """
    parties = [(c, r) for c, r in ((q.actor, "actor"), (q.recipient, "recipient")) if c]
    others = (q.any_party, q.modality, q.lang, q.outlet, q.query, q.article_id)
    if len(parties) == 1 and not q.event_types and all(v is None for v in others):
        rows_sql, values = party_rows(*parties[0], q.since, q.until)
        return f"SELECT COUNT(DISTINCT p.event_id) AS n FROM ({rows_sql}) p", values
    where, params = event_where(q, fts)
    needs_articles = q.lang is not None or q.outlet is not None
    return (COUNT_EVENTS if needs_articles else COUNT_EVENTS_ONLY) + where, params


def party_rows(
    code: str, role: str, since: dt.date | None, until: dt.date | None
) -> tuple[str, list[Any]]:
    """A SELECT of the ``event_id`` of the party rows of ``code`` in
    ``role`` whose event overlaps ``since``..``until``, and its parameters.

    With a period, one range of event_actors_period per span class
    (migration 006): an event of at most S days that starts by ``until``
    ends by until + S, so each range stops there; longer events, and
    periods open at the end, read on to the newest.
    """
    base = "SELECT event_id FROM event_actors WHERE code = ? AND role = ?"
    if since is None and until is None:
        return base, [code, role]
    parts: list[str] = []
    params: list[Any] = []
    # class None: a date with no start or no end (no span known)
    for span in (*range(len(SPAN_DAYS) + 1), None):
        if span is None:
            text, values = f"{base} AND span IS NULL", [code, role]
        else:
            text, values = f"{base} AND span = ?", [code, role, span]
        if since is not None:
            text += " AND date_end >= ?"
            values.append(since.isoformat())
        if until is not None:
            if span is not None and span < len(SPAN_DAYS):
                text += " AND date_end <= ?"
                values.append(_plus_days(until, SPAN_DAYS[span]).isoformat())
            text += " AND date_start <= ?"
            values.append(until.isoformat())
        parts.append(text)
        params.extend(values)
    return " UNION ALL ".join(parts), params


def _plus_days(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def event_where(q: EventQuery, fts: FtsBuilder) -> tuple[str, list[Any]]:
    """The WHERE clause (with leading `` WHERE``, or empty) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    # A party's rows carry the event's dates and span class (index
    # event_actors_period), so with a party the period is tested there:
    # one short index range scan per span class.
    def party(code: str, role: str) -> tuple[str, list[Any]]:
        text, values = party_rows(code, role, q.since, q.until)
        return f"e.id IN ({text})", values

    if q.actor is not None:
        text, values = party(q.actor, "actor")
        add(text, *values)
    if q.recipient is not None:
        text, values = party(q.recipient, "recipient")
        add(text, *values)
    if q.any_party is not None:
        as_actor, actor_values = party(q.any_party, "actor")
        as_recipient, recipient_values = party(q.any_party, "recipient")
        add(f"({as_actor} OR {as_recipient})", *actor_values, *recipient_values)
    if q.event_types:
        add(f"e.event IN ({placeholders(len(q.event_types))})", *q.event_types)
    if q.actor is None and q.recipient is None and q.any_party is None:
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
        _add_fts(clauses, params, "e.article_id", q.query, fts)
    return _where(clauses), params


def article_where(
    *,
    fts: FtsBuilder,
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
        _add_fts(clauses, params, "a.id", query, fts)
    return _where(clauses), params


def _add_fts(
    clauses: list[str], params: list[Any], column: str, text: str, fts: FtsBuilder
) -> None:
    found = fts(text)
    if found is None:
        clauses.append(NOTHING)
    else:
        subquery, values = found
        clauses.append(f"{column} IN ({subquery})")
        params.extend(values)


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


# -- analysis: incremental story merging -------------------------------------

#: WHERE condition of events that no story holds yet (migration 005 keeps
#: them in unmerged_events, so that finding them scans no other event).
EVENT_NOT_IN_STORY = "e.id IN (SELECT u.event_id FROM unmerged_events u)"

#: Is there an event that no story holds?
ANY_UNMERGED = "SELECT event_id FROM unmerged_events LIMIT 1"

QUEUE_EVENT = "INSERT INTO unmerged_events (event_id) VALUES (?)"

DEQUEUE_EVENT = "DELETE FROM unmerged_events WHERE event_id = ?"

#: Put an event back among the unmerged if it is stored, in no story, and
#: not there yet (an event a rewritten story no longer holds).
REQUEUE_EVENT = """
INSERT INTO unmerged_events (event_id)
SELECT e.id FROM events e
WHERE e.id = ?
  AND NOT EXISTS (SELECT 1 FROM story_events se WHERE se.event_id = e.id)
  AND NOT EXISTS (SELECT 1 FROM unmerged_events u WHERE u.event_id = e.id)
"""

QUEUE_ALL_EVENTS = "INSERT INTO unmerged_events (event_id) SELECT id FROM events"

DELETE_UNMERGED = "DELETE FROM unmerged_events"

STORY_EVENT_IDS = "SELECT event_id FROM story_events WHERE story_id = ?"

#: The stories holding an article's events.
STORIES_OF_ARTICLE = """
SELECT DISTINCT se.story_id FROM story_events se
JOIN events e ON e.id = se.event_id
WHERE e.article_id = ?
"""

INSERT_STORY_FACT = """
INSERT INTO story_facts (story_id, kind, source, target, day, quad, name, n, events)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

DELETE_STORY_FACTS = "DELETE FROM story_facts WHERE story_id = ?"

#: A story's facts that story_fact_days counts (the dated ones).
DAY_FACTS_OF_STORY = """
SELECT kind, source, target, day, quad, name, n FROM story_facts
WHERE story_id = ? AND day IS NOT NULL
"""

UNCOUNT_DAY_FACT = """
UPDATE story_fact_days SET stories = stories - 1, mentions = mentions - ?
WHERE kind = ? AND source = ? AND target = ? AND day = ? AND quad = ? AND name = ?
"""

COUNT_DAY_FACT = """
INSERT INTO story_fact_days (kind, source, target, day, quad, name, stories, mentions)
VALUES (?, ?, ?, ?, ?, ?, 1, ?)
ON CONFLICT (kind, source, target, day, quad, name) DO UPDATE SET
    stories = story_fact_days.stories + 1, mentions = story_fact_days.mentions + excluded.mentions
"""

COUNT_ALL_DAY_FACTS = """
INSERT INTO story_fact_days (kind, source, target, day, quad, name, stories, mentions)
SELECT kind, source, target, day, quad, name, COUNT(*), SUM(n) FROM story_facts
WHERE day IS NOT NULL
GROUP BY kind, source, target, day, quad, name
"""

DELETE_ALL_DAY_FACTS = "DELETE FROM story_fact_days"

DELETE_ALL_STORY_FACTS = "DELETE FROM story_facts"

#: The publication dates of articles (for the days of stories).
ARTICLE_PUBLISHED = "SELECT id, published FROM articles WHERE id IN"

#: WHERE condition of stories with an event in which a code takes part.
STORY_WITH_ACTOR = """s.id IN (
    SELECT se.story_id FROM story_events se
    JOIN event_actors ea ON ea.event_id = se.event_id
    WHERE ea.code = ?)"""

SELECT_ARTICLE_ROWS = f"SELECT {ARTICLE_COLUMNS}, {EVENT_COUNT} FROM articles a"

DELETE_STORY_LINKS = "DELETE FROM story_events"

DELETE_STORIES = "DELETE FROM stories"
