"""HTML pages to articles (trafilatura), and HTML fragments to plain text.

trafilatura 2.x ``bare_extraction(..., with_metadata=True)`` returns a
``Document`` whose ``text`` starts with the headline, ``title`` is the
headline, ``date`` an ISO ``YYYY-MM-DD`` string, ``sitename`` the site's name
(``og:site_name``, JSON-LD, else the host name when a URL is given; its JSON
output calls it ``source-hostname``) and ``hostname`` the host of the URL.
Its extensive date search guesses ``YYYY-01-01`` from a copyright line
(``© 2024``), so only its precise date sources are used here.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from html.parser import HTMLParser
from typing import Any

import trafilatura

from wending.errors import InputError
from wending.ingest.files import declared_charset, decode_text
from wending.ingest.jsonl import plausible_published
from wending.ingest.layout import stable_text, with_layout
from wending.model import Article

log = logging.getLogger(__name__)

#: A page needs one line (besides the title) of at least this many words.
MIN_LINE_WORDS = 4
#: htmldate options: no guessing from copyright years or loose numbers.
_DATE_PARAMS: tuple[tuple[str, bool], ...] = (("original_date", True), ("extensive_search", False))

_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.I)
_META_LANG = re.compile(
    r"""<meta[^>]+(?:http-equiv\s*=\s*["']content-language["']|property\s*=\s*["']og:locale["'])"""
    r"""[^>]*content\s*=\s*["']\s*([A-Za-z]{2,3})\b""",
    re.I,
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre"}
    | {"blockquote", "section", "article", "header", "footer", "tr", "table", "figure"}
    | {"figcaption", "dd", "dt"}
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head"})


def parse_html(
    html: str | bytes,
    *,
    name: str = "",
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    lang: str | None = None,
    charset: str | None = None,
    origin: str = "",
) -> Article:
    """One article from an HTML page: its main text (boilerplate removed),
    title, date, site name (as ``outlet``) and ``<html lang>``.

    Given values (``outlet``, ``published``, ``lang``) win over the page's.
    ``charset`` is the encoding an HTTP header declares. Raises
    :class:`InputError` when no article text can be found.
    """
    source = name or url or "HTML"
    if isinstance(html, bytes):
        html = decode_text(html, source=source, declared=charset or declared_charset(html))
    doc = _extract(html, url=url, source=source)
    text = stable_text(str(_get(doc, "text") or ""))
    title = " ".join(str(_get(doc, "title") or "").split())
    if not _has_body(text, title):
        raise InputError(source, "no article text found in HTML")
    page_url = _get(doc, "url")
    url = url or (page_url if isinstance(page_url, str) and page_url else None)
    article = Article.create(
        text,
        name=name or url or "",
        url=url,
        outlet=outlet or _site(doc),
        published=published or _date(_get(doc, "date")),
        lang=lang or html_lang(html),
        title=title,
        origin=origin or name or url or "",
    )
    return with_layout(article)


def html_lang(html: str) -> str | None:
    """The primary language subtag of ``<html lang>`` (or of a
    content-language / ``og:locale`` meta tag), lower-cased."""
    head = html[:20_000]
    match = _HTML_LANG.search(head) or _META_LANG.search(head)
    return match.group(1).lower() if match else None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph or other block,
    whitespace collapsed, scripts and styles dropped."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _extract(html: str, *, url: str | None, source: str) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on bad markup
        log.debug("trafilatura failed on %s", source, exc_info=True)
        raise InputError(source, f"cannot parse the HTML: {exc}") from exc


def _get(doc: Any, key: str) -> Any:
    if doc is None:
        return None
    if isinstance(doc, dict):
        return doc.get(key)
    return getattr(doc, key, None)


def _has_body(text: str, title: str) -> bool:
    for line in text.split("\n"):
        if line.strip() and line.strip() != title and len(line.split()) >= MIN_LINE_WORDS:
            return True
    return False


def _site(doc: Any) -> str | None:
    for key in ("sitename", "hostname"):
        value = _get(doc, key)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            return value[4:] if value.startswith("www.") else value
    return None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        log.debug("ignoring unreadable page date %r", value)
        return None
    if not plausible_published(day):
        log.debug("ignoring implausible page date %r", value)
        return None
    return day


class _TextParser(HTMLParser):
    """Collects text, with a newline around every block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
