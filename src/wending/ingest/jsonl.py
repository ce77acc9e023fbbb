"""JSON Lines articles (corpus/SPEC.md): one JSON object a line.

A ``.json`` file holding one object, or a list of objects, is read too.
Each record: ``text`` (required, non-empty), ``id`` (the article's name),
``lang``, ``published`` (ISO date or null), ``outlet``, ``title``, ``url``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from wending.errors import InputError
from wending.ingest.files import unicode_problem
from wending.ingest.layout import with_layout
from wending.model import Article

_OPTIONAL_STRINGS = ("lang", "outlet", "title", "url")
#: Publication dates outside this range are impossible for a news article (and
#: a date near year 1 or 9999 would overflow date arithmetic downstream).
EARLIEST_PUBLISHED = dt.date(1800, 1, 1)
LATEST_PUBLISHED = dt.date(2199, 12, 31)


def plausible_published(day: dt.date | None) -> bool:
    """Whether ``day`` can be an article's publication date (None can)."""
    return day is None or EARLIEST_PUBLISHED <= day <= LATEST_PUBLISHED


def parse_jsonl(text: str, *, name: str) -> Iterator[Article | InputError]:
    """Articles of a JSON Lines text (or of a JSON object or list).

    A bad record yields an :class:`InputError` naming ``name:line`` (or
    ``name:item N`` in a JSON list) and the problem; the good ones are still
    yielded.
    """
    whole = _whole_document(text)
    if isinstance(whole, InputError):
        yield InputError(f"{name}:{whole.source}", whole.problem)
        return
    if isinstance(whole, list):
        for n, record in enumerate(whole, start=1):
            yield _safe_record(record, where=f"{name}:item {n}")
        return
    if isinstance(whole, dict):
        yield _safe_record(whole, where=f"{name}:1")
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(
                where, f"invalid JSON ({exc.msg} at column {exc.colno}); is the line cut short?"
            )
            continue
        yield _safe_record(record, where=where)


def record_article(record: Any, *, where: str) -> Article:
    """One article from a decoded JSON record. Raises :class:`InputError`
    (naming ``where``) when the record breaks corpus/SPEC.md."""
    if not isinstance(record, dict):
        raise InputError(
            where, f"expected a JSON object with a 'text' field, got {type(record).__name__}"
        )
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "missing or empty 'text'; every record needs the article text")
    values: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"'{key}' must be a string or null, not {value!r}")
        values[key] = (value.strip() or None) if isinstance(value, str) else None
    ident = record.get("id")
    if ident is not None and not isinstance(ident, str | int):
        raise InputError(where, f"'id' must be a string or a number, not {ident!r}")
    for key, value in (("text", text), ("id", ident), *values.items()):
        problem = unicode_problem(value) if isinstance(value, str) else None
        if problem:
            raise InputError(where, f"'{key}' {problem}")
    article = Article.create(
        text,
        name=str(ident) if ident is not None else where,
        lang=values["lang"].lower() if values["lang"] else None,
        outlet=values["outlet"],
        title=" ".join((values["title"] or "").split()),
        url=values["url"],
        published=_published(record.get("published"), where=where),
        origin=where,
    )
    return with_layout(article)


def _safe_record(record: Any, *, where: str) -> Article | InputError:
    try:
        return record_article(record, where=where)
    except InputError as err:
        return err


def _published(value: object, *, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    day: dt.date | None = None
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
            try:
                day = parse(value.strip())
                break
            except ValueError:
                continue
    if day is None:
        raise InputError(where, f"'published' is not an ISO date (YYYY-MM-DD) or null: {value!r}")
    if not plausible_published(day):
        raise InputError(
            where,
            f"'published' {value!r} is not a plausible publication date "
            f"({EARLIEST_PUBLISHED} to {LATEST_PUBLISHED})",
        )
    return day


def _whole_document(text: str) -> Any:
    """The text as one JSON value when it is one (a .json file), an
    InputError (source: the line) when it is one broken JSON document, or
    None when it is JSON Lines."""
    stripped = text.strip()
    try:
        value = json.loads(stripped)
    except json.JSONDecodeError as exc:
        first = stripped.split("\n", 1)[0].strip()
        if stripped.startswith("[") or first == "{":
            return InputError(
                str(exc.lineno),
                f"invalid JSON ({exc.msg} at column {exc.colno}); is the file cut short?",
            )
        return None
    return value
