"""PLOVER 2.0 JSON for events, with Wending's fields added.

``event_to_plover`` writes the record that ``wending events --format jsonl``
prints and every export uses; ``event_from_plover`` reads it back. PLOVER
tools read the standard fields (``id``, ``date``, ``actor``, ``recipient``,
``event``, ``mode``, ``context``, ``event_loc``, ``event_text``,
``quad_code``, ``text``) and ignore the rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wending.model import (
    Attribution,
    DateValue,
    Entity,
    Event,
    Quantity,
    Span,
)


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"code": entity.code, "sector": entity.sector}
    out["entity_text"] = entity.text
    if entity.qid:
        out["identifier_id"] = entity.qid
    if entity.name:
        out["identifier_text"] = entity.name
    if entity.start >= 0:
        out["span"] = [entity.start, entity.end]
    return out


def entity_from_dict(data: dict[str, Any]) -> Entity:
    span = data.get("span") or [-1, -1]
    return Entity(
        code=str(data.get("code") or ""),
        sector=str(data.get("sector") or ""),
        qid=str(data.get("identifier_id") or ""),
        text=str(data.get("entity_text") or data.get("actorText") or ""),
        name=str(data.get("identifier_text") or ""),
        start=int(span[0]),
        end=int(span[1]),
    )


def date_to_dict(date: DateValue) -> dict[str, Any]:
    return {
        "start": date.start.isoformat() if date.start else None,
        "end": date.end.isoformat() if date.end else None,
        "precision": date.precision,
        "text": date.text,
    }


def date_from_dict(data: dict[str, Any]) -> DateValue:
    start = dt.date.fromisoformat(data["start"]) if data.get("start") else None
    end = dt.date.fromisoformat(data["end"]) if data.get("end") else None
    return DateValue(start=start, end=end, precision=data.get("precision", "day"),
                     text=data.get("text", ""))


def quantity_to_dict(q: Quantity) -> dict[str, Any]:
    value: float | int = int(q.value) if float(q.value).is_integer() else q.value
    out: dict[str, Any] = {"value": value, "unit": q.unit, "approx": q.approx, "text": q.text}
    if q.high is not None:
        out["high"] = int(q.high) if float(q.high).is_integer() else q.high
    return out


def quantity_from_dict(data: dict[str, Any]) -> Quantity:
    high = data.get("high")
    return Quantity(
        value=float(data["value"]),
        unit=str(data.get("unit", "")),
        approx=bool(data.get("approx", False)),
        text=str(data.get("text", "")),
        high=float(high) if high is not None else None,
    )


def event_to_plover(event: Event, *, text: str | None = None) -> dict[str, Any]:
    """The event as a PLOVER 2.0 record plus Wending's fields.

    ``date`` is PLOVER's string form (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``) or
    a ``{"start", "end"}`` range; ``date_detail`` keeps precision and text.
    ``doc`` is the article's name, so outside scorers can align events.
    """
    rec: dict[str, Any] = {
        "id": event.id,
        "doc": event.article_name or event.article_id,
        "article_id": event.article_id,
        "url": event.article_url,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "quad_code": event.quad,
        "actor": [entity_to_dict(e) for e in event.actor],
        "recipient": [entity_to_dict(e) for e in event.recipient],
        "event_text": event.event_text,
        "event_loc": event.event_loc,
        "date": event.date.to_plover() if event.date else None,
        "date_detail": date_to_dict(event.date) if event.date else None,
        "quantity": quantity_to_dict(event.quantity) if event.quantity else None,
        "modality": event.modality,
        "attribution": {
            "speaker": entity_to_dict(event.attribution.speaker)
            if event.attribution.speaker
            else None,
            "source_text": event.attribution.source_text,
            "outlet": event.attribution.outlet,
        },
        "evidence": [{"start": s.start, "end": s.end, "text": s.text} for s in event.evidence],
        "confidence": round(event.confidence, 3),
        "rules": list(event.rules),
        "sentence": event.sentence,
    }
    if text is not None:
        rec["text"] = text
    return rec


def event_from_plover(rec: dict[str, Any]) -> Event:
    """Read back a record written by :func:`event_to_plover`."""
    att = rec.get("attribution") or {}
    speaker = att.get("speaker")
    detail = rec.get("date_detail")
    date = date_from_dict(detail) if detail else None
    return Event(
        id=str(rec.get("id") or ""),
        event=str(rec["event"]),
        actor=tuple(entity_from_dict(e) for e in rec.get("actor") or rec.get("source") or []),
        recipient=tuple(
            entity_from_dict(e) for e in rec.get("recipient") or rec.get("target") or []
        ),
        mode=str(rec.get("mode") or ""),
        context=tuple(rec.get("context") or ()),
        event_text=str(rec.get("event_text") or ""),
        event_loc=str(rec.get("event_loc") or ""),
        date=date,
        quantity=quantity_from_dict(rec["quantity"]) if rec.get("quantity") else None,
        modality=rec.get("modality") or "asserted",
        attribution=Attribution(
            speaker=entity_from_dict(speaker) if speaker else None,
            source_text=str(att.get("source_text") or ""),
            outlet=str(att.get("outlet") or ""),
        ),
        evidence=tuple(
            Span(int(s["start"]), int(s["end"]), str(s["text"])) for s in rec.get("evidence") or []
        ),
        confidence=float(rec.get("confidence", 0.5)),
        rules=tuple(rec.get("rules") or ()),
        article_id=str(rec.get("article_id") or ""),
        article_name=str(rec.get("doc") or ""),
        article_url=rec.get("url"),
        sentence=int(rec.get("sentence", -1)),
    )
