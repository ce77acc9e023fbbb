"""Ingest articles given as JSON (the REST API's ``POST /api/ingest``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from wending.errors import InputError
from wending.ingest.jsonl import plausible_published, record_article
from wending.ingest.plaintext import parse_plain_text
from wending.library.core import IngestReport, _ingest_one
from wending.model import Article
from wending.pipeline import Pipeline
from wending.settings import Settings
from wending.store import open_store

__all__ = ["ingest_json"]


def ingest_json(
    body: Mapping[str, Any], *, settings: Settings, pipeline: Pipeline | None = None
) -> IngestReport:
    """Extract and store articles given as JSON: ``{"articles": [record, ...]}``
    with corpus/SPEC.md records, or one plain text ``{"text", "published",
    "lang", "title", "outlet", "url", "name"}``. Bad records are reported in
    the result's errors; the others are stored."""
    found: list[Article | InputError] = []
    records = body.get("articles")
    if isinstance(records, list):
        for n, record in enumerate(records, start=1):
            try:
                found.append(record_article(record, where=f"articles[{n - 1}]"))
            except InputError as exc:
                found.append(exc)
    elif isinstance(body.get("text"), str):
        found.append(_plain(body))
    else:
        raise InputError("request", 'send {"articles": [...]} or {"text": "..."}')
    pipeline = pipeline or Pipeline(settings)
    report = IngestReport()
    with open_store(settings.db) as store:
        for item in found:
            _ingest_one(item, store, pipeline, report)
    return report


def _plain(body: Mapping[str, Any]) -> Article | InputError:
    text = str(body["text"])
    if not text.strip():
        return InputError("text", "the text is empty; send the article text")
    published = body.get("published")
    try:
        day = dt.date.fromisoformat(published) if isinstance(published, str) and published else None
    except ValueError:
        return InputError("published", f"{published!r} is not a date (YYYY-MM-DD)")
    if not plausible_published(day):
        return InputError("published", f"{published!r} is not a plausible publication date")

    def opt(key: str) -> str | None:
        value = body.get(key)
        return value.strip() or None if isinstance(value, str) else None

    lang = opt("lang")
    name = opt("name") or ""
    return parse_plain_text(
        text,
        name=name,
        outlet=opt("outlet"),
        published=day,
        lang=lang.lower() if lang else None,
        url=opt("url"),
        title=opt("title") or "",
        origin=name or "api",
    )
