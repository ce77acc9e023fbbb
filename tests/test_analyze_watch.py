"""Watch rules, the Atom feed and the webhook (wending.analyze.watch,
.notify), with a real HTTP server on the loopback interface."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from defusedxml import ElementTree as SafeET

from test_analyze_fixtures import D, everything, fixture_articles
from wending.analyze.alerts import Alert, find_alerts
from wending.analyze.notify import ATOM, atom_feed, post_webhook, write_atom
from wending.analyze.stories import merge
from wending.analyze.watch import WatchRule, load_watch, parse_watch
from wending.errors import WatchError
from wending.library import deliver_alerts

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = fixture_articles()
ALERTS = find_alerts(merge([], everything(), articles=ARTICLES), ARTICLES)
NS = {"a": ATOM}


def test_the_example_watch_file_loads_and_filters() -> None:
    watch = load_watch(ROOT / "examples" / "watch.yaml")
    assert [r.name for r in watch.rules] == [
        "Libya", "Thai-Cambodian border", "Arms for Russia", "Strikes on Sumy"]
    kept = watch.apply(ALERTS)
    assert kept and all(a.watch for a in kept)
    names = {n for a in kept for n in a.watch}
    assert {"Libya", "Thai-Cambodian border", "Arms for Russia"} <= names
    libya = [a for a in kept if "Libya" in a.watch]
    assert libya and all("LBY" in a.actors and a.kind in ("new_turn", "new_actor")
                         for a in libya)
    assert any("TUR" in a.actors for a in libya)
    border = [a for a in kept if "Thai-Cambodian border" in a.watch]
    assert {a.kind for a in border} >= {"escalation", "verbal_to_material"}
    arms = [a for a in kept if "Arms for Russia" in a.watch]
    assert any(a.kind == "modality_firmed" for a in arms)
    assert len(kept) < len(ALERTS)


def test_rules_match_every_field_they_set() -> None:
    alert = next(a for a in ALERTS if a.kind == "escalation")
    assert WatchRule("x", pairs=(("KHM", "THA"),)).matches(alert)
    assert WatchRule("x", actors=frozenset({"THA", "USA"})).matches(alert)
    assert not WatchRule("x", actors=frozenset({"THA"}),
                         kinds=frozenset({"new_turn"})).matches(alert)
    assert WatchRule("x", types=frozenset({"ASSAULT"})).matches(alert) == (
        "ASSAULT" in alert.event_types)
    assert WatchRule("x", places=("sisaket",)).matches(alert) == ("Sisaket" in alert.places)
    assert WatchRule("x", min_modality="alleged").matches(alert)
    weak = dataclasses.replace(alert, modality="alleged")
    assert not WatchRule("x", min_modality="reported").matches(weak)
    assert WatchRule("x", min_modality="planned").matches(weak)


def test_pairs_in_both_spellings() -> None:
    watch = parse_watch("watch:\n  - pairs: [RUS-UKR, [irn, rus]]\n")
    assert watch.rules[0].pairs == (("RUS", "UKR"), ("IRN", "RUS"))
    assert watch.rules[0].name == "rule 1"
    one = parse_watch("- name: one\n  actors: RUS, UKR\n  types: [fight]\n")
    assert one.rules[0].actors == {"RUS", "UKR"}
    assert one.rules[0].types == {"ASSAULT"}  # older PLOVER names are read as 2.0


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("watch:\n  - name: a\n    actors: [RUS]\n    colour: red\n", 4, "unknown field"),
        ("watch:\n  - name: a\n    types: [BOMB]\n", 3, "unknown event type"),
        ("watch:\n  - name: a\n    kinds: [surprise]\n", 3, "unknown alert kind"),
        ("watch:\n  - name: a\n    min_modality: certain\n", 3, "unknown modality"),
        ("watch:\n  - name: a\n    actors: [Russia]\n", 3, "not an actor code"),
        ("watch:\n  - name: a\n    pairs: [THA, KHM]\n", 3, "a pair is two actor codes"),
        ("watch:\n  - name: a\n", 2, "sets nothing to follow"),
        ("watch:\n  - name: a\n    actors: [RUS]\n  - name: a\n    actors: [UKR]\n", 4,
         "two rules are named"),
        ("watch:\n  - name: a\n    actors: [RUS\n", 4, "not valid YAML"),
        ("watch: []\n", 1, "non-empty list"),
        ("follow:\n  - actors: [RUS]\n", 1, "only watch:"),
    ],
)
def test_mistakes_name_the_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WatchError, match=message) as info:
        load_watch(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(WatchError, match="no such watch file"):
        load_watch(tmp_path / "nope.yaml")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    with pytest.raises(WatchError, match="empty"):
        load_watch(tmp_path / "empty.yaml")


def entries(data: bytes) -> list[Any]:
    return list(SafeET.fromstring(data).findall("a:entry", NS))


def test_atom_feed_escapes_and_keeps_entries(tmp_path: Path) -> None:
    tricky = Alert(kind="new_turn", title="<b>A & B</b> \x01", summary="x < y & \"z\"",
                   actors=("AAA", "BBB"), stories=("s1",), evidence=(), date=D(2025, 1, 2))
    data = atom_feed([tricky])
    root = SafeET.fromstring(data)
    assert root.tag == f"{{{ATOM}}}feed"
    entry = root.find("a:entry", NS)
    assert entry is not None
    assert entry.findtext("a:title", namespaces=NS) == "<b>A & B</b> "
    assert entry.findtext("a:summary", namespaces=NS) == "x < y & \"z\""
    assert entry.findtext("a:updated", namespaces=NS) == "2025-01-02T00:00:00+00:00"
    terms = [c.get("term") for c in entry.findall("a:category", NS)]
    assert terms == ["new_turn", "AAA", "BBB"]

    path = tmp_path / "alerts.atom"
    first = write_atom(ALERTS[:3], path)
    assert first == 3
    # writing again adds the new alerts and replaces those with the same id
    total = write_atom(ALERTS[2:6], path)
    assert total == 6
    ids = [e.findtext("a:id", namespaces=NS) for e in entries(path.read_bytes())]
    assert len(ids) == len(set(ids)) == 6
    assert all(i and i.startswith("urn:wending:alert-") for i in ids)


def test_atom_refuses_a_file_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text("<html/>", encoding="utf-8")
    with pytest.raises(WatchError, match="not an Atom feed"):
        write_atom(ALERTS, path)
    with pytest.raises(WatchError, match="does not exist"):
        write_atom(ALERTS, tmp_path / "no" / "feed.atom")


class Receiver(BaseHTTPRequestHandler):
    """Records each POST; answers with the status the server is set to."""

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        server: Any = self.server
        server.received.append((self.path, dict(self.headers), self.rfile.read(length)))
        self.send_response(server.status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture()
def receiver() -> Iterator[Any]:
    server: Any = HTTPServer(("127.0.0.1", 0), Receiver)
    server.received = []
    server.status = 202
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_webhook_posts_json_to_a_local_server(receiver: Any) -> None:
    url = f"http://127.0.0.1:{receiver.server_port}/hook"
    assert post_webhook(ALERTS[:4], url) == 202
    path, headers, body = receiver.received[0]
    assert path == "/hook"
    assert headers["content-type"] == "application/json"
    payload = json.loads(body)
    assert payload["count"] == 4
    assert [a["id"] for a in payload["alerts"]] == [a.id for a in ALERTS[:4]]
    assert payload["alerts"][0]["evidence"]


def test_webhook_failures_are_typed(receiver: Any) -> None:
    receiver.status = 500
    url = f"http://127.0.0.1:{receiver.server_port}/hook"
    with pytest.raises(WatchError, match="HTTP 500"):
        post_webhook(ALERTS[:1], url)
    with pytest.raises(WatchError, match="http"):
        post_webhook(ALERTS[:1], "ftp://example.org/hook")


def test_webhook_with_an_injected_transport() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    status = post_webhook(ALERTS, "https://alerts.example/in",
                          transport=httpx.MockTransport(handler))
    assert status == 200 and json.loads(seen[0].content)["count"] == len(ALERTS)

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(WatchError, match="cannot post"):
        post_webhook(ALERTS, "https://alerts.example/in", transport=httpx.MockTransport(down))


def test_deliver_alerts_to_feed_and_webhook(tmp_path: Path, receiver: Any) -> None:
    url = f"http://127.0.0.1:{receiver.server_port}/hook"
    done = deliver_alerts(ALERTS, atom_path=tmp_path / "a.atom", webhook=url)
    assert done.atom_entries == len(ALERTS) and done.webhook_status == 202
    assert json.loads(json.dumps(done.to_dict())) == done.to_dict()
    assert len(receiver.received) == 1
    nothing = deliver_alerts(ALERTS)
    assert nothing.atom_path is None and nothing.webhook_status is None
