"""Reading many sources (files, folders, URLs) as one stream of articles and
input errors, so that one bad input never stops a batch."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from wending.errors import InputError
from wending.ingest.feed import parse_feed
from wending.ingest.fetch import Resolver, fetch
from wending.ingest.files import (
    Kind,
    decode_text,
    display_name,
    kind_of_name,
    read_bytes,
    root_element,
    sniff_kind,
    walk_folder,
)
from wending.ingest.html import parse_html
from wending.ingest.jsonl import parse_jsonl
from wending.ingest.plaintext import parse_plain_text
from wending.model import Article
from wending.settings import Settings

log = logging.getLogger(__name__)

Item = Article | InputError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CONTENT_TYPES: tuple[tuple[str, Kind], ...] = (
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("application/rss+xml", "feed"),
    ("application/atom+xml", "feed"),
    ("application/rdf+xml", "feed"),
    ("application/xml", "feed"),
    ("text/xml", "feed"),
    ("application/json", "json"),
    ("application/x-ndjson", "json"),
    ("application/jsonl", "json"),
    ("application/x-jsonlines", "json"),
    ("text/plain", "text"),
)
_FEED_ROOTS = (b"rss", b"feed", b"rdf:rdf")


def read_sources(
    sources: Iterable[str | Path],
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    resolve: Resolver | None = None,
) -> Iterator[Article | InputError]:
    """Articles from files, folders and http(s) URLs, in order.

    A folder is read recursively (sorted, hidden files skipped), each file by
    its extension or, when unknown, by its content. A URL is fetched through
    ``transport`` (hosts resolved with ``resolve``): an HTML page becomes one
    article, a feed one article per entry. Bad input is yielded as an
    :class:`~wending.errors.InputError` (never raised) naming the input and
    the problem, and the batch goes on.
    """
    for source in sources:
        if isinstance(source, str) and _URL.match(source):
            yield from read_url(source, settings=settings, transport=transport, resolve=resolve)
        else:
            yield from read_path(Path(source), settings=settings)


def read_path(path: Path, *, settings: Settings) -> Iterator[Item]:
    """Articles of a file, or of every file in a folder."""
    if path.is_dir():
        found = False
        for file in walk_folder(path):
            found = True
            yield from read_file(file, settings=settings)
        if not found:
            yield InputError(display_name(path), "the folder holds no files to read")
    elif path.exists():
        yield from read_file(path, settings=settings)
    else:
        yield InputError(display_name(path), "no such file or folder")


def read_file(path: Path, *, settings: Settings) -> Iterator[Item]:
    """Articles of one file, read by its extension or sniffed content."""
    name = display_name(path)
    try:
        data = read_bytes(path, settings=settings)
        kind = kind_of_name(path) or sniff_kind(data)
        log.debug("reading %s as %s", name, kind)
        yield from parse_payload(data, kind=kind, name=name)
    except InputError as err:
        yield err


def read_url(
    url: str,
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    resolve: Resolver | None = None,
) -> Iterator[Item]:
    """Articles of a URL: an HTML page is one article, a feed one per entry."""
    try:
        response = fetch(url, settings=settings, transport=transport, resolve=resolve)
        kind = _kind_of_response(response.content_type, response.body)
        log.debug("reading %s (%s) as %s", url, response.content_type, kind)
        yield from parse_payload(
            response.body, kind=kind, name=url, url=response.url, charset=response.charset
        )
    except InputError as err:
        yield err


def parse_payload(
    data: bytes,
    *,
    kind: Kind,
    name: str,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Item]:
    """Articles of the bytes of one input of a known kind. Raises
    :class:`InputError` when the whole input is unreadable; bad records of a
    JSONL file or entries of a feed are yielded as errors."""
    if kind == "feed":
        if root_element(data) == b"html":
            kind = "html"
        else:
            yield from parse_feed(data, name=name, url=url)
            return
    if kind == "html":
        yield parse_html(data, name=name, url=url, charset=charset, origin=name)
        return
    text = decode_text(data, source=name, declared=charset)
    if kind == "json":
        yield from parse_jsonl(text, name=name)
    else:
        yield parse_plain_text(text, name=name, url=url, origin=name)


def _kind_of_response(content_type: str, body: bytes) -> Kind:
    """A feed is a feed whatever its media type says; otherwise the media
    type decides, and an unknown one is sniffed."""
    sniffed = sniff_kind(body)
    if sniffed == "feed" and root_element(body) in _FEED_ROOTS:
        return "feed"
    for prefix, kind in _CONTENT_TYPES:
        if content_type == prefix:
            if kind == "text" and sniffed != "text":
                return sniffed
            return kind
    return sniffed
