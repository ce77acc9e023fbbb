"""RSS, Atom and RDF feeds to articles, one for each entry.

The bytes are first parsed with defusedxml so that a feed declaring XML
entities (the "billion laughs" bomb) or external references is refused before
feedparser sees it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import logging
import time
from typing import Any
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml import ElementTree as SafeElementTree

from wending.errors import InputError
from wending.ingest.files import check_not_binary
from wending.ingest.html import html_to_text
from wending.ingest.jsonl import plausible_published
from wending.ingest.layout import stable_text, with_layout
from wending.model import Article

log = logging.getLogger(__name__)


def parse_feed(data: bytes, *, name: str, url: str | None = None) -> list[Article | InputError]:
    """Articles of an RSS, Atom or RDF feed: each entry's title, link (as
    ``url``), published or updated date, the feed's title (as ``outlet``) and
    the entry's content or summary as text.

    An entry without text becomes an :class:`InputError` in the list. Raises
    :class:`InputError` when the whole feed is refused or unreadable: it
    declares entities, is not a feed, or is broken before its first entry.
    A feed broken after some entries gives those entries and an error.
    """
    check_not_binary(data, source=name)
    problem = _xml_problem(data, name=name)
    headers = {"content-type": "application/xml"}
    if url:
        headers["content-location"] = url
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    except Exception as exc:  # feedparser is lenient; be safe with odd bytes
        log.debug("feedparser failed on %s", name, exc_info=True)
        raise InputError(name, f"cannot parse the feed: {exc}") from exc
    entries: list[Any] = list(parsed.get("entries") or [])
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        if bozo is not None or problem is not None:
            raise InputError(name, f"broken feed, no entries read: {problem or bozo}")
        if not parsed.get("version"):
            raise InputError(name, "not an RSS, Atom or RDF feed")
        raise InputError(name, "the feed has no entries")
    feed = parsed.get("feed") or {}
    outlet = _clean(feed.get("title")) or None
    lang = _lang(feed.get("language"))
    out: list[Article | InputError] = []
    for n, entry in enumerate(entries, start=1):
        try:
            out.append(_entry_article(entry, n=n, feed_name=name, outlet=outlet, lang=lang))
        except InputError as err:
            out.append(err)
    if problem is not None:
        out.append(
            InputError(name, f"broken feed: {problem}; read the {len(entries)} entries before it")
        )
    elif bozo is not None:
        log.warning("%s: feed has a problem, read anyway: %s", name, bozo)
    return out


def _xml_problem(data: bytes, *, name: str) -> str | None:
    """Refuse entities and external references; return a parse problem
    (a truncated feed) for feedparser to work around, or None."""
    try:
        SafeElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except EntitiesForbidden as exc:
        raise InputError(name, "feed declares XML entities; refused") from exc
    except DefusedXmlException as exc:
        raise InputError(name, f"feed refers to external XML resources; refused ({exc})") from exc
    except ParseError as exc:
        return f"XML error: {exc}"
    return None


def _entry_article(
    entry: Any, *, n: int, feed_name: str, outlet: str | None, lang: str | None
) -> Article:
    title = _clean(entry.get("title"))
    link = _clean(entry.get("link")) or None
    where = f"{feed_name} (entry {n}{': ' + repr(title) if title else ''})"
    text = stable_text(_entry_text(entry))
    if not text:
        raise InputError(where, "the entry has no text (no content or summary)")
    article = Article.create(
        text,
        name=link or _clean(entry.get("id")) or where,
        url=link,
        outlet=outlet,
        published=_entry_date(entry),
        lang=_lang(entry.get("language")) or lang,
        title=title,
        origin=feed_name,
    )
    return with_layout(article)


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content parts and its summary, as text."""
    candidates: list[tuple[str, str]] = []
    for part in entry.get("content") or []:
        candidates.append((str(part.get("value") or ""), str(part.get("type") or "")))
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary")
    if summary:
        candidates.append((str(summary), str(detail.get("type") or "text/html")))
    texts = [value if "html" not in kind else html_to_text(value) for value, kind in candidates]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> dt.date | None:
    """The date of publication (else of the last update) in the feed's own
    time zone."""
    get = dict.get if isinstance(entry, dict) else type(entry).get
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own get() maps a missing "updated" to
        # "published" with a DeprecationWarning
        raw = get(entry, key)
        if isinstance(raw, str) and raw.strip():
            date = _parse_date(raw.strip())
            if date is not None and plausible_published(date):
                return date
        parsed = get(entry, f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            try:
                date = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
            if plausible_published(date):
                return date
    return None


def _parse_date(raw: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(raw).date()
    except ValueError:
        return None


def _clean(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _lang(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip().split("-")[0].split("_")[0].lower() or None
    return None
