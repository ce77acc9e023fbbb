"""Records the store returns, and conversions between records and rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from wending.errors import StoreError
from wending.model import EVENT_TYPES, MODALITIES, Article, Block, Event, normalize_event_type
from wending.plover import event_from_plover, event_to_plover

#: What an article's row says about its extraction.
ArticleStatus = Literal["extracted", "unsupported_language", "pending"]
STATUSES: tuple[ArticleStatus, ...] = ("extracted", "unsupported_language", "pending")

EventOrder = Literal["date", "-date", "ingested", "confidence"]
EVENT_ORDERS: tuple[str, ...] = ("date", "-date", "ingested", "confidence")


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article in a listing: its metadata, status and number of events.

    ``text`` is only filled when the listing asks for it.
    """

    id: str
    name: str
    url: str | None
    outlet: str | None
    published: dt.date | None
    lang: str | None
    title: str
    quoted: bool
    origin: str
    status: ArticleStatus
    ingested_at: str
    event_count: int
    text: str | None = None


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to read. Every filter left at ``None`` matches all.

    ``actor``/``recipient`` match a code in that role, ``any_party`` in
    either. ``event`` is one PLOVER type or several (older names accepted).
    ``since``/``until`` keep events whose date range overlaps them (events
    without a resolved date are left out when either is set). ``lang`` and
    ``outlet`` are the article's. ``query`` is a plain full-text query over
    article title and text. ``limit=None`` reads all.
    """

    actor: str | None = None
    recipient: str | None = None
    any_party: str | None = None
    event: str | Sequence[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    modality: str | None = None
    lang: str | None = None
    outlet: str | None = None
    query: str | None = None
    article_id: str | None = None
    limit: int | None = 100
    offset: int = 0
    order: EventOrder = "date"

    def __post_init__(self) -> None:
        if self.event is not None:
            names = (self.event,) if isinstance(self.event, str) else tuple(self.event)
            types = tuple(normalize_event_type(n) for n in names)
            unknown = [t for t in types if t not in EVENT_TYPES]
            if unknown:
                raise StoreError(
                    f"unknown event type {', '.join(unknown)}; use one of {', '.join(EVENT_TYPES)}"
                )
            object.__setattr__(self, "event", types)
        if self.modality is not None and self.modality not in MODALITIES:
            raise StoreError(
                f"unknown modality {self.modality!r}; use one of {', '.join(MODALITIES)}"
            )
        if self.order not in EVENT_ORDERS:
            raise StoreError(f"unknown order {self.order!r}; use one of {', '.join(EVENT_ORDERS)}")
        check_page(self.limit, self.offset)
        check_range(self.since, self.until)

    @property
    def event_types(self) -> tuple[str, ...]:
        """The event types asked for, normalized (empty: all)."""
        if self.event is None:
            return ()
        return (self.event,) if isinstance(self.event, str) else tuple(self.event)


def check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise StoreError(f"limit must be 0 or more (or None for all), not {limit}")
    if offset < 0:
        raise StoreError(f"offset must be 0 or more, not {offset}")


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since is not None and until is not None and since > until:
        raise StoreError(f"since ({since}) is after until ({until}); swap them")


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise StoreError(f"unknown article status {status!r}; use one of {', '.join(STATUSES)}")


def to_json(value: Any) -> str:
    """JSON text for a column; NaN and infinity are refused (PostgreSQL would)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def parse_date(value: Any) -> dt.date | None:
    """A stored ISO date (or NULL) as a date."""
    return _date(value)


def article_params(article: Article, status: str, ingested_at: str) -> list[Any]:
    """Values for ``queries.INSERT_ARTICLE``."""
    blocks = [{"kind": b.kind, "start": b.start, "end": b.end} for b in article.blocks]
    return [
        article.id,
        article.name,
        article.url,
        article.outlet,
        _iso(article.published),
        article.lang,
        article.title,
        article.text,
        bool(article.quoted),
        article.origin,
        to_json(blocks),
        status,
        ingested_at,
    ]


def article_from_row(row: dict[str, Any]) -> Article:
    blocks = tuple(
        Block(b["kind"], int(b["start"]), int(b["end"])) for b in json.loads(row["blocks"] or "[]")
    )
    return Article(
        id=row["id"],
        text=row["text"],
        name=row["name"],
        url=row["url"],
        outlet=row["outlet"],
        published=_date(row["published"]),
        lang=row["lang"],
        title=row["title"],
        blocks=blocks,
        quoted=bool(row["quoted"]),
        origin=row["origin"],
    )


def article_row_from_row(row: dict[str, Any]) -> ArticleRow:
    return ArticleRow(
        id=row["id"],
        name=row["name"],
        url=row["url"],
        outlet=row["outlet"],
        published=_date(row["published"]),
        lang=row["lang"],
        title=row["title"],
        quoted=bool(row["quoted"]),
        origin=row["origin"],
        status=row["status"],
        ingested_at=row["ingested_at"],
        event_count=int(row["event_count"]),
        text=row.get("text"),
    )


def bind_event(event: Event, article: Article | dict[str, Any], position: int) -> Event:
    """The event as stored: in ``article``, with an id (``<article_id>-<position>``)."""
    if isinstance(article, Article):
        aid, name, url = article.id, article.name, article.url
    else:
        aid, name, url = article["id"], article["name"], article["url"]
    return dataclasses.replace(
        event,
        id=event.id or f"{aid}-{position}",
        article_id=aid,
        article_name=name,
        article_url=url,
    )


def event_params(event: Event, position: int) -> list[Any]:
    """Values for ``queries.INSERT_EVENT``; raises ValueError for NaN numbers."""
    record = to_json(event_to_plover(event))
    d, q, att = event.date, event.quantity, event.attribution
    speaker = att.speaker
    return [
        event.id,
        event.article_id,
        position,
        event.event,
        event.mode,
        to_json(list(event.context)),
        event.quad,
        event.event_text,
        event.event_loc,
        _iso(d.start) if d else None,
        _iso(d.end) if d else None,
        d.precision if d else None,
        d.text if d else None,
        q.value if q else None,
        q.high if q else None,
        q.unit if q else None,
        q.approx if q else None,
        q.text if q else None,
        event.modality,
        speaker.code if speaker else None,
        speaker.text if speaker else None,
        att.source_text,
        att.outlet,
        round(event.confidence, 3),
        to_json(list(event.rules)),
        event.sentence,
        record,
    ]


#: Longest span (days from start to end) of each span class of a party
#: row (migration 006); a longer one is class ``len(SPAN_DAYS)``.
SPAN_DAYS = (7, 31, 366)


def span_class(start: dt.date | None, end: dt.date | None) -> int | None:
    """The span class of an event's dates (``None`` without both)."""
    if start is None or end is None:
        return None
    days = (end - start).days
    return next((i for i, most in enumerate(SPAN_DAYS) if days <= most), len(SPAN_DAYS))


def actor_params(event: Event) -> Iterator[list[Any]]:
    """Rows for ``queries.INSERT_ACTOR`` (with the event's dates and span class)."""
    d = event.date
    start, end = (_iso(d.start), _iso(d.end)) if d else (None, None)
    span = span_class(d.start, d.end) if d else None
    for role, entities in (("actor", event.actor), ("recipient", event.recipient)):
        for i, e in enumerate(entities):
            yield [event.id, role, i, e.code, e.sector, e.qid, e.text, e.start, e.end, start, end,
                   span]


def evidence_params(event: Event) -> Iterator[list[Any]]:
    """Rows for ``queries.INSERT_EVIDENCE``."""
    for i, span in enumerate(event.evidence):
        yield [event.id, i, span.start, span.end, span.text]


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild an event from its stored record and its article's row."""
    event = event_from_plover(json.loads(row["record"]))
    return dataclasses.replace(
        event,
        id=row["id"],
        article_id=row["article_id"],
        article_name=row["article_name"],
        article_url=row["article_url"],
    )
