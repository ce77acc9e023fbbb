"""Event records as JSON lines (PLOVER 2.0 plus Wending's fields) and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from wending.model import Event
from wending.plover import event_to_plover

CSV_FIELDS: tuple[str, ...] = (
    "id",
    "doc",
    "url",
    "event",
    "mode",
    "quad_code",
    "actor_codes",
    "actor_sectors",
    "actor_text",
    "recipient_codes",
    "recipient_sectors",
    "recipient_text",
    "date_start",
    "date_end",
    "date_precision",
    "event_loc",
    "quantity_value",
    "quantity_unit",
    "quantity_approx",
    "modality",
    "speaker",
    "event_text",
    "evidence",
    "confidence",
    "rules",
)


def to_jsonl(events: Iterable[Event]) -> Iterator[str]:
    """One PLOVER JSON line per event."""
    for event in events:
        yield json.dumps(event_to_plover(event), ensure_ascii=False)


def csv_row(event: Event) -> dict[str, object]:
    """A flat row of an event for spreadsheets."""
    date = event.date
    q = event.quantity
    speaker = event.attribution.speaker
    return {
        "id": event.id,
        "doc": event.article_name or event.article_id,
        "url": event.article_url or "",
        "event": event.event,
        "mode": event.mode,
        "quad_code": event.quad,
        "actor_codes": "|".join(e.code for e in event.actor),
        "actor_sectors": "|".join(e.sector for e in event.actor),
        "actor_text": "|".join(e.text for e in event.actor),
        "recipient_codes": "|".join(e.code for e in event.recipient),
        "recipient_sectors": "|".join(e.sector for e in event.recipient),
        "recipient_text": "|".join(e.text for e in event.recipient),
        "date_start": date.start.isoformat() if date and date.start else "",
        "date_end": date.end.isoformat() if date and date.end else "",
        "date_precision": date.precision if date else "",
        "event_loc": event.event_loc,
        "quantity_value": q.value if q else "",
        "quantity_unit": q.unit if q else "",
        "quantity_approx": q.approx if q else "",
        "modality": event.modality,
        "speaker": (speaker.text or speaker.code) if speaker else event.attribution.source_text,
        "event_text": event.event_text,
        "evidence": " … ".join(s.text for s in event.evidence),
        "confidence": round(event.confidence, 3),
        "rules": "|".join(event.rules),
    }


def to_csv(events: Iterable[Event]) -> str:
    """All events as one CSV text with a header row."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CSV_FIELDS), lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(csv_row(event))
    return buf.getvalue()
