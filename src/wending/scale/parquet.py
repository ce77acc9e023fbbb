"""Events as Parquet rows with PLOVER 2.0 field names, and back.

One row an event; the columns are the keys of
:func:`wending.plover.event_to_plover`, typed:

=============== ===========================================================
``id`` ...      strings: ``id``, ``doc``, ``article_id``, ``url``, ``event``,
                ``mode``, ``event_text``, ``event_loc``, ``modality``
``context``     list of strings; ``rules`` too
``quad_code``   int; ``sentence`` int; ``confidence`` double
``actor``       list of structs ``{code, sector, entity_text, identifier_id,
                identifier_text, span: [start, end]}`` (null where the JSON
                record leaves the key out); ``recipient`` the same
``date``        PLOVER's string (``2024-06-01``, ``2024-06``, ``2024``); a
                range is an ISO 8601 interval ``2024-06-01/2024-06-30``
``date_detail`` struct ``{start, end, precision, text}``
``quantity``    struct ``{value, unit, approx, text, high}``
``attribution`` struct ``{speaker: actor struct, source_text, outlet}``
``evidence``    list of structs ``{start, end, text}``
=============== ===========================================================

:func:`plover_row` and :func:`row_plover` convert without loss, so
``read_events`` gives back exactly the records ``wending events --format
jsonl`` prints. Nothing here needs Spark.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_ENTITY = (
    "STRUCT<code: STRING, sector: STRING, entity_text: STRING, identifier_id: STRING, "
    "identifier_text: STRING, span: ARRAY<INT>>"
)

#: Column names and Spark SQL types, in schema order.
FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "STRING"),
    ("doc", "STRING"),
    ("article_id", "STRING"),
    ("url", "STRING"),
    ("event", "STRING"),
    ("mode", "STRING"),
    ("context", "ARRAY<STRING>"),
    ("quad_code", "INT"),
    ("actor", f"ARRAY<{_ENTITY}>"),
    ("recipient", f"ARRAY<{_ENTITY}>"),
    ("event_text", "STRING"),
    ("event_loc", "STRING"),
    ("date", "STRING"),
    ("date_detail", "STRUCT<start: STRING, end: STRING, precision: STRING, text: STRING>"),
    (
        "quantity",
        "STRUCT<value: DOUBLE, unit: STRING, approx: BOOLEAN, text: STRING, high: DOUBLE>",
    ),
    ("modality", "STRING"),
    ("attribution", f"STRUCT<speaker: {_ENTITY}, source_text: STRING, outlet: STRING>"),
    ("evidence", "ARRAY<STRUCT<start: INT, end: INT, text: STRING>>"),
    ("confidence", "DOUBLE"),
    ("rules", "ARRAY<STRING>"),
    ("sentence", "INT"),
)
#: The schema in Spark's DDL, for ``createDataFrame``.
EVENT_SCHEMA_DDL = ", ".join(f"{name} {kind}" for name, kind in FIELDS)
COLUMNS: tuple[str, ...] = tuple(name for name, _ in FIELDS)

_OPTIONAL_ENTITY_KEYS = ("identifier_id", "identifier_text", "span")


def _entity_row(entity: dict[str, Any] | None) -> tuple[Any, ...] | None:
    if entity is None:
        return None
    span = entity.get("span")
    return (
        entity["code"],
        entity["sector"],
        entity["entity_text"],
        entity.get("identifier_id"),
        entity.get("identifier_text"),
        [int(span[0]), int(span[1])] if span is not None else None,
    )


def _entity_record(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out = {k: row[k] for k in ("code", "sector", "entity_text")}
    for key in _OPTIONAL_ENTITY_KEYS:
        if row.get(key) is not None:
            out[key] = list(row[key]) if key == "span" else row[key]
    return out


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def plover_row(rec: dict[str, Any]) -> tuple[Any, ...]:
    """A PLOVER record (:func:`~wending.plover.event_to_plover`) as a row
    in :data:`EVENT_SCHEMA_DDL` order."""
    date = rec.get("date")
    if isinstance(date, dict):
        date = f"{date['start']}/{date['end']}"
    detail = rec.get("date_detail")
    quantity = rec.get("quantity")
    att = rec.get("attribution") or {}
    return (
        rec["id"],
        rec["doc"],
        rec["article_id"],
        rec.get("url"),
        rec["event"],
        rec["mode"],
        list(rec["context"]),
        int(rec["quad_code"]),
        [_entity_row(e) for e in rec["actor"]],
        [_entity_row(e) for e in rec["recipient"]],
        rec["event_text"],
        rec["event_loc"],
        date,
        (detail["start"], detail["end"], detail["precision"], detail["text"]) if detail else None,
        (
            float(quantity["value"]),
            quantity["unit"],
            bool(quantity["approx"]),
            quantity["text"],
            float(quantity["high"]) if quantity.get("high") is not None else None,
        )
        if quantity
        else None,
        rec["modality"],
        (_entity_row(att.get("speaker")), att.get("source_text", ""), att.get("outlet", "")),
        [(int(s["start"]), int(s["end"]), s["text"]) for s in rec["evidence"]],
        float(rec["confidence"]),
        list(rec["rules"]),
        int(rec["sentence"]),
    )


def row_plover(row: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER record of a row read from Parquet (columns by name)."""
    date = row["date"]
    if isinstance(date, str) and "/" in date:
        start, end = date.split("/", 1)
        date = {"start": start, "end": end}
    quantity = row["quantity"]
    if quantity is not None:
        q = {
            "value": _number(quantity["value"]),
            "unit": quantity["unit"],
            "approx": quantity["approx"],
            "text": quantity["text"],
        }
        if quantity["high"] is not None:
            q["high"] = _number(quantity["high"])
        quantity = q
    att = row["attribution"] or {}
    return {
        "id": row["id"],
        "doc": row["doc"],
        "article_id": row["article_id"],
        "url": row["url"],
        "event": row["event"],
        "mode": row["mode"],
        "context": list(row["context"] or ()),
        "quad_code": row["quad_code"],
        "actor": [_entity_record(e) for e in row["actor"] or ()],
        "recipient": [_entity_record(e) for e in row["recipient"] or ()],
        "event_text": row["event_text"],
        "event_loc": row["event_loc"],
        "date": date,
        "date_detail": dict(row["date_detail"]) if row["date_detail"] is not None else None,
        "quantity": quantity,
        "modality": row["modality"],
        "attribution": {
            "speaker": _entity_record(att.get("speaker")),
            "source_text": att.get("source_text", ""),
            "outlet": att.get("outlet", ""),
        },
        "evidence": [dict(s) for s in row["evidence"] or ()],
        "confidence": row["confidence"],
        "rules": list(row["rules"] or ()),
        "sentence": row["sentence"],
    }


def read_events(path: str | Path) -> list[dict[str, Any]]:
    """The PLOVER records in a Parquet file or folder written by
    ``wending spark-extract`` (files starting with ``_`` or ``.`` are skipped)."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    table = pq.read_table(str(path))
    return [row_plover(row) for row in table.to_pylist()]
