"""Ingest: files, folders, HTML pages, feeds, JSON Lines and URLs to articles.

The one entry point is :func:`read_sources`; it yields
:class:`~wending.model.Article` values and, for bad input,
:class:`~wending.errors.InputError` values (never raised) so that a batch
goes on. The network is reached only in :mod:`wending.ingest.fetch`, through
an injectable httpx transport and resolver.

Modules: ``files`` (size cap, folders, kinds, decoding), ``layout`` (blocks),
``plaintext``, ``html``, ``jsonl``, ``feed``, ``fetch`` and ``sources``.
"""

from __future__ import annotations

from wending.ingest.feed import parse_feed
from wending.ingest.fetch import Fetched, Resolver, fetch
from wending.ingest.html import html_to_text, parse_html
from wending.ingest.jsonl import parse_jsonl
from wending.ingest.layout import Layout, analyze, with_layout
from wending.ingest.plaintext import parse_plain_text
from wending.ingest.sources import read_path, read_sources, read_url

__all__ = [
    "Fetched",
    "Layout",
    "Resolver",
    "analyze",
    "fetch",
    "html_to_text",
    "parse_feed",
    "parse_html",
    "parse_jsonl",
    "parse_plain_text",
    "read_path",
    "read_sources",
    "read_url",
    "with_layout",
]
