"""Deliver alerts: an Atom feed file and a JSON webhook.

:func:`atom_feed` is pure (alerts in, XML bytes out). The delivery
functions take an explicit path or URL and, for the webhook, an injectable
httpx transport, so tests need no network.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
from defusedxml import ElementTree as SafeET

from wending.analyze.alert_types import Alert
from wending.errors import WatchError

ATOM = "http://www.w3.org/2005/Atom"
FEED_ID = "urn:wending:alerts"
#: Most entries an Atom feed file keeps (newest first).
MAX_ENTRIES = 500
WEBHOOK_TIMEOUT = 10.0
USER_AGENT = "Wending/0.1 alerts"


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _plain(element: ET.Element) -> ET.Element:
    """An entry read from a file, with its Atom tags unqualified again (the
    feed is written with ``xmlns`` on its root)."""
    for el in element.iter():
        if el.tag.startswith(f"{{{ATOM}}}"):
            el.tag = el.tag[len(ATOM) + 2 :]
    return element


def _stamp(day: dt.date | None, now: dt.datetime) -> str:
    if day is None:
        return now.isoformat(timespec="seconds")
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).isoformat(timespec="seconds")


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (ElementTree escapes the rest)."""
    return "".join(
        ch for ch in text
        if ch in "\t\n\r" or ("\x20" <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd")
        or ch > "\uffff"
    )


def alert_entry(alert: Alert, *, now: dt.datetime) -> ET.Element:
    """One Atom ``<entry>`` for an alert."""
    entry = ET.Element("entry")
    ET.SubElement(entry, "id").text = f"urn:wending:{alert.id}"
    ET.SubElement(entry, "title").text = _clean(alert.title)
    ET.SubElement(entry, "updated").text = _stamp(alert.date, now)
    ET.SubElement(entry, "category", term=alert.kind)
    for code in alert.actors:
        ET.SubElement(entry, "category", term=code, scheme="urn:wending:actor")
    ET.SubElement(entry, "summary").text = _clean(alert.summary)
    lines = [alert.summary, "", "Stories: " + ", ".join(alert.stories), "", "Evidence:"]
    lines += [f"- [{e.article or e.article_id}] {e.text} ({e.modality}; {e.event_id})"
              for e in alert.evidence]
    content = ET.SubElement(entry, "content", type="text")
    content.text = _clean("\n".join(lines))
    return entry


def atom_feed(
    alerts: Sequence[Alert],
    *,
    title: str = "Wending alerts",
    now: dt.datetime | None = None,
    keep: Sequence[ET.Element] = (),
    max_entries: int = MAX_ENTRIES,
) -> bytes:
    """An Atom 1.0 feed of ``alerts`` plus earlier entries ``keep`` (an
    alert replaces the kept entry with its id), newest first."""
    now = now or dt.datetime.now(dt.UTC)
    entries: dict[str, ET.Element] = {}
    for old in keep:
        key = old.findtext("id")
        if key:
            entries[key] = old
    for alert in alerts:
        entries[f"urn:wending:{alert.id}"] = alert_entry(alert, now=now)
    ordered = sorted(entries.values(), key=lambda e: (e.findtext("updated") or "",
                                                      e.findtext("id") or ""), reverse=True)
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "id").text = FEED_ID
    ET.SubElement(feed, "title").text = _clean(title)
    ET.SubElement(feed, "updated").text = now.isoformat(timespec="seconds")
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = "Wending"
    ET.SubElement(feed, "generator").text = "Wending"
    feed.extend(ordered[:max_entries])
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data


def read_entries(path: Path) -> list[ET.Element]:
    """The entries of an existing feed file (none if it does not exist)."""
    if not path.exists():
        return []
    try:
        root = SafeET.parse(str(path)).getroot()
    except (ET.ParseError, OSError) as exc:
        raise WatchError(str(path), None, f"cannot read the existing Atom feed ({exc}); "
                         "move it away or choose another file") from exc
    if root.tag != _q("feed"):
        raise WatchError(str(path), None, "is not an Atom feed; choose another file")
    return [_plain(e) for e in root.findall(_q("entry"))]


def write_atom(
    alerts: Sequence[Alert], path: str | Path, *, title: str = "Wending alerts",
    now: dt.datetime | None = None,
) -> int:
    """Add the alerts to the Atom feed file at ``path`` (created if
    missing), replacing it atomically; the number of entries it holds."""
    target = Path(path)
    if not target.parent.is_dir():
        raise WatchError(str(target), None, f"folder {target.parent} does not exist; create it")
    data = atom_feed(alerts, title=title, now=now, keep=read_entries(target))
    fd, tmp = tempfile.mkstemp(prefix=".wending-", suffix=".atom", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(SafeET.fromstring(data).findall(_q("entry")))


def webhook_payload(alerts: Sequence[Alert]) -> dict[str, Any]:
    return {"source": "wending", "count": len(alerts), "alerts": [a.to_dict() for a in alerts]}


def post_webhook(
    alerts: Sequence[Alert],
    url: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = WEBHOOK_TIMEOUT,
) -> int:
    """POST the alerts as one JSON object to ``url``; the HTTP status.
    Raises :class:`WatchError` when the request fails or is refused."""
    if not url.startswith(("http://", "https://")):
        raise WatchError(url, None, "a webhook must be an http:// or https:// URL")
    body = json.dumps(webhook_payload(alerts), ensure_ascii=False).encode("utf-8")
    headers = {"content-type": "application/json", "user-agent": USER_AGENT}
    try:
        with httpx.Client(transport=transport, timeout=timeout) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise WatchError(url, None, f"cannot post the alerts: {exc}; check the URL and that "
                         "the server is up") from exc
    if response.status_code >= 400:
        raise WatchError(url, None, f"the webhook answered HTTP {response.status_code}; "
                         "nothing was delivered")
    return response.status_code
