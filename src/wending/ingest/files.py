"""Files and bytes: reading within the size cap, walking folders, telling the
kind of an input, and decoding bytes to text."""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from charset_normalizer import from_bytes

from wending.errors import InputError
from wending.settings import Settings

log = logging.getLogger(__name__)

Kind = Literal["text", "html", "json", "feed"]

#: File extension -> kind of input. Unknown extensions are sniffed.
EXTENSIONS: MappingProxyType[str, Kind] = MappingProxyType(
    {
        ".txt": "text",
        ".text": "text",
        ".md": "text",
        ".html": "html",
        ".htm": "html",
        ".xhtml": "html",
        ".jsonl": "json",
        ".ndjson": "json",
        ".json": "json",
        ".xml": "feed",
        ".rss": "feed",
        ".atom": "feed",
        ".rdf": "feed",
    }
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Single-byte encodings of the Western languages Wending reads; preferred
#: when charset-normalizer finds them as plausible as its first guess.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
#: Largest share of control characters a text may have.
_MAX_CONTROL_SHARE = 0.01
#: Largest "chaos" (charset-normalizer's mess measure) of a decoded text.
_MAX_CHAOS = 0.2

_XML_PROLOG = re.compile(
    rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.S | re.I
)
_JSON_START = re.compile(rb"\{|\[\s*[{\]]")
_ROOT = re.compile(rb"<([A-Za-z][\w.:-]*)")
_HTML_HINT = re.compile(rb"<(?:html|head|body|p|div|article|h1|title)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\A<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""")


def format_size(n: int) -> str:
    """A byte count for people: ``12.3 MB``, or ``512 bytes`` below 0.1 MB."""
    if n >= 104_858:
        return f"{n / 1_048_576:.1f} MB"
    return f"{n} bytes"


def over_limit(n: int, limit: int, *, what: str = "file") -> str:
    """The problem text for an input of ``n`` bytes over ``limit`` (in bytes
    when the rounded sizes would look equal)."""
    size, cap = format_size(n), format_size(limit)
    if size == cap:
        size, cap = f"{n:,} bytes", f"{limit:,} bytes"
    return f"{what} is {size}, over the limit of {cap} (settings max_bytes)"


def display_name(path: Path) -> str:
    """The path as valid Unicode: bytes of a file name that are not UTF-8
    (``os.fsdecode`` keeps them as surrogates) become U+FFFD."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_bytes(path: Path, *, settings: Settings) -> bytes:
    """The bytes of a regular file, refused before reading when it is larger
    than ``settings.max_bytes``.

    Raises :class:`InputError` when the file cannot be read.
    """
    name = display_name(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, "not a regular file; give a file or a folder")
        if info.st_size > settings.max_bytes:
            raise InputError(name, over_limit(info.st_size, settings.max_bytes))
        with path.open("rb") as fh:
            data = fh.read(settings.max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > settings.max_bytes:  # the file grew while we read it
        raise InputError(name, over_limit(len(data), settings.max_bytes))
    return data


#: Text files a folder of articles may hold beside them that are never
#: articles (watch rules, settings, scripts): skipped when walking a folder
#: instead of being stored as bogus articles; still read when named on their
#: own. Binary files are not skipped: they get their "binary file" error.
NOT_ARTICLES = frozenset({".yaml", ".yml", ".toml", ".ini", ".cfg", ".py", ".sh", ".js", ".css"})


def walk_folder(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, recursively, in sorted order; hidden files and
    folders (names starting with ``.``) are skipped, and so are files that
    are never articles (:data:`NOT_ARTICLES`); each real folder is visited
    once (symlink loops end)."""
    seen: set[str] = set()

    def walk(current: Path) -> Iterator[Path]:
        real = os.path.realpath(current)
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted(current.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            log.warning("cannot list %s: %s", current, exc)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif entry.suffix.lower() in NOT_ARTICLES:
                log.info("skipping %s: not an article file", entry)
            else:
                yield entry

    yield from walk(folder)


def kind_of_name(path: Path) -> Kind | None:
    """The kind of input a file name says, or None for an unknown extension."""
    return EXTENSIONS.get(path.suffix.lower())


def sniff_kind(data: bytes) -> Kind:
    """Guess the kind of input from its first bytes."""
    head = _ascii_head(data)
    stripped = head.lstrip()
    if _JSON_START.match(stripped):
        return "json"
    if not stripped.startswith(b"<"):
        return "text"
    root = root_element(head)
    if root in (b"rss", b"feed", b"rdf:rdf"):
        return "feed"
    if root == b"html":
        return "html"
    start = stripped[:14].lower()
    if start.startswith(b"<?xml") or (
        start.startswith(b"<!doctype") and not start.startswith(b"<!doctype html")
    ):
        return "feed"  # some XML: the feed reader checks it and says what it is
    if _HTML_HINT.search(head):
        return "html"
    return "text"


def root_element(data: bytes) -> bytes | None:
    """The lower-cased name of the first element after the XML prolog
    (declaration, comments, processing instructions, doctype)."""
    head = _ascii_head(data)
    prolog = _XML_PROLOG.match(head)
    match = _ROOT.match(head, prolog.end() if prolog else 0)
    return match.group(1).lower() if match else None


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML ``<meta>`` or an XML declaration names, if any."""
    head = data[:4096]
    match = _XML_ENCODING.match(head.lstrip()) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def decode_text(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode bytes to text: a byte-order mark first, then the ``declared``
    encoding, then UTF-8, then charset-normalizer's best guess (preferring
    cp1252 for Western text).

    Raises :class:`InputError` for binary data, undecodable bytes and empty
    text.
    """
    text = _decode(data, source=source, declared=declared)
    if not text.strip():
        raise InputError(source, "empty: there is no text in it")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(source, "binary file: it holds control characters, not text")
    return text


def unicode_problem(text: str) -> str | None:
    """Why ``text`` is not valid Unicode (an unpaired surrogate, as a JSON
    ``\\ud800`` escape gives), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"holds an unpaired surrogate (U+{ord(text[exc.start]):04X} at character "
            f"{exc.start}), which is not valid Unicode"
        )
    return None


def check_not_binary(data: bytes, *, source: str) -> None:
    """Raise :class:`InputError` when ``data`` is empty or looks binary."""
    if not data.strip():
        raise InputError(source, "empty: there is no text in it")
    if not data.startswith(tuple(bom for bom, _ in _BOMS)) and b"\x00" in data[:8192]:
        if _utf16_without_bom(data[:8192]):
            raise InputError(
                source,
                "looks like UTF-16 text without a byte-order mark; save it as UTF-8 "
                "(or as UTF-16 with a byte-order mark)",
            )
        raise InputError(source, "binary file: it holds NUL bytes, not text")


def _utf16_without_bom(head: bytes) -> bool:
    """Most of every other byte is NUL and hardly any of the rest, as in
    Western text in UTF-16."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 8:
        return False
    a, b = sorted((even.count(0) / len(even), odd.count(0) / len(odd)))
    return b >= 0.7 and a <= 0.05


def mixed_encodings(data: bytes) -> tuple[int, int] | None:
    """``(a line in UTF-8, a line not in UTF-8)`` when a text mixes UTF-8
    lines (with Western letters or punctuation beyond ASCII) with lines in
    another encoding; None otherwise."""
    utf8_line = other_line = 0
    for n, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or n
        else:
            if not utf8_line and all(ch.isascii() or _western(ch) for ch in text):
                utf8_line = n
        if utf8_line and other_line:
            return utf8_line, other_line
    return None


def _western(ch: str) -> bool:
    code = ord(ch)
    return 0xA0 <= code <= 0x24F or 0x2010 <= code <= 0x2044 or ch in "€™"


def _decode(data: bytes, *, source: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"cannot decode it as {encoding}: {exc.reason}") from exc
    check_not_binary(data, source=source)
    for encoding in [e for e in (declared, "utf-8") if e]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    mixed = mixed_encodings(data)
    if mixed is not None:
        raise InputError(
            source,
            f"mixed encodings: line {mixed[0]} is UTF-8 but line {mixed[1]} is not; "
            "save the whole file as UTF-8",
        )
    return _guess(data, source=source)


def _guess(data: bytes, *, source: str) -> str:
    matches = list(from_bytes(data))
    if not matches:
        raise InputError(source, "cannot detect the text encoding; save it as UTF-8")
    best = matches[0]
    if best.chaos > _MAX_CHAOS:
        raise InputError(
            source,
            f"cannot detect the text encoding (best guess {best.encoding} looks garbled); "
            "save it as UTF-8",
        )
    for match in matches:
        western = [c for c in match.could_be_from_charset if c in _WESTERN]
        if western and match.chaos <= best.chaos + 0.01:
            for encoding in ("cp1252", "latin_1"):
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                log.debug("%s: decoded as %s", source, encoding)
                return text
    log.debug("%s: decoded as %s", source, best.encoding)
    return str(best)


def _control_share(text: str) -> float:
    sample = text[:100_000]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v"
    )
    return controls / max(1, len(sample))


def _ascii_head(data: bytes) -> bytes:
    """The first bytes, re-encoded as ASCII-compatible when they are UTF-16 or
    UTF-32 with a byte-order mark."""
    head = data[:8192]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            text = head.decode(encoding, errors="ignore")
            return text.encode("utf-8", errors="replace")
    return head
