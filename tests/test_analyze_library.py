"""The analysis library functions and CLI commands on real stores: hand-built
fixture events on SQLite and PostgreSQL, then the fixture articles run
through the extraction engine (asserting only properties that do not hang
on the engine's exact output)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import pg
from test_analyze_fixtures import STORIES, D, everything, libya, sumy
from wending import library
from wending.errors import SettingsError, StoreError, WatchError
from wending.model import Article, Event
from wending.pipeline import Pipeline
from wending.serve.cli import app
from wending.settings import Settings
from wending.store import open_store
from wending.store.stories import delete_stories, events_without_story, find_stories

pg_server, pg_url, store_url = pg.pg_server, pg.pg_url, pg.store_url

ROOT = Path(__file__).resolve().parent.parent
WATCH = ROOT / "examples" / "watch.yaml"
runner = CliRunner()


def fixture_article(name: str) -> Article:
    for line in (STORIES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["id"] == name:
            return Article.create(r["text"], name=name, outlet=r["outlet"], lang=r["lang"],
                                  published=D.fromisoformat(r["published"]), title=r["title"])
    raise KeyError(name)


def store_events(url: str, events: list[Event]) -> None:
    """Store the hand-built events with their fixture articles."""
    by_article: dict[str, list[Event]] = {}
    for e in events:
        by_article.setdefault(e.article_id, []).append(e)
    with open_store(url) as store:
        for name, evs in by_article.items():
            store.add_article(fixture_article(name), evs)


def test_store_tracks_which_events_are_in_a_story(store_url: str) -> None:
    store_events(store_url, libya())
    settings = Settings(db=store_url)
    with open_store(store_url) as store:
        assert len(events_without_story(store)) == len(libya())
    views = library.stories(settings=settings, limit=None)
    assert sum(len(v.story.events) for v in views) == len(libya())
    with open_store(store_url) as store:
        assert events_without_story(store) == []
        turkish = find_stories(store, actor="TUR")
        assert turkish and all("TUR" in {*s.actor_codes, *s.recipient_codes} for s in turkish)
        early = find_stories(store, until=D(2019, 12, 31))
        assert early and all(s.first_reported and s.first_reported.year == 2019 for s in early)
        delete_stories(store)
        assert len(events_without_story(store)) == len(libya())
        assert find_stories(store) == []


def test_stories_update_incrementally_and_keep_their_ids(store_url: str) -> None:
    settings = Settings(db=store_url)
    store_events(store_url, [*libya(), *sumy()[:2]])
    before = {v.id: len(v.story.events) for v in library.stories(settings=settings, limit=None)}
    store_events(store_url, sumy()[2:])
    after = library.stories(settings=settings, limit=None)
    assert set(before) <= {v.id for v in after}
    strike = next(v for v in after if any(e.id == "st-sumy-en-01-1" for e in v.story.events))
    assert strike.id in before and len(strike.articles) == 3
    assert strike.languages == ("en", "nl") and len(strike.story.outlets) == 3
    total = sum(len(v.story.events) for v in after)
    assert total == len(libya()) + len(sumy())
    rebuilt = library.stories(settings=settings, limit=None, rebuild=True)
    assert sorted(v.id for v in rebuilt) == sorted(v.id for v in after)
    # filters and paging
    page = library.stories(settings=settings, actor="rus", event="assault", limit=1)
    assert len(page) == 1 and page[0].story.event == "ASSAULT"
    assert library.stories(settings=settings, since=D(2025, 1, 1), limit=None)
    with pytest.raises(StoreError, match="unknown event type"):
        library.stories(settings=settings, event="BOMB")


def test_graph_timeline_and_alerts_from_the_store(store_url: str, tmp_path: Path) -> None:
    settings = Settings(db=store_url)
    store_events(store_url, everything())
    net = library.graph(settings=settings, since=D(2025, 1, 1), until=D(2025, 12, 31))
    data = net.to_dict()
    nodes = {n["id"] for n in data["nodes"]}
    assert {"RUS", "UKR", "THA", "KHM"} <= nodes and "LBY" not in nodes
    assert json.loads(json.dumps(data)) == data
    assert library.graph(settings=settings, actors=["tur"]).graph.has_edge("TUR", "LBY")
    assert net.write_gexf(tmp_path / "g.gexf").exists()

    weekly = library.timeline(settings=settings, pair="THA,KHM", interval="week")
    assert weekly.total >= 10 and weekly.points[-1].conflict >= 3
    daily = library.timeline(settings=settings, actor="RUS", event="ASSAULT", interval="day",
                             since=D(2025, 4, 13), until=D(2025, 4, 13))
    assert [p.count for p in daily.points] == [1]
    assert library.timeline(settings=settings, pair=("KHM", "THA")).total == weekly.total
    with pytest.raises(SettingsError, match="interval"):
        library.timeline(settings=settings, interval="year")
    with pytest.raises(SettingsError, match="pair"):
        library.timeline(settings=settings, pair="RUS")

    found = library.alerts(settings=settings, since=D(2020, 1, 1), until=D(2020, 12, 31))
    assert found and all("TUR" in a.actors for a in found)
    watched = library.alerts(settings=settings, watch=WATCH)
    assert watched and all(a.watch for a in watched)
    assert any(a.kind == "escalation" and {"THA", "KHM"} <= set(a.actors) for a in watched)
    assert any(a.kind == "modality_firmed" for a in watched)
    with pytest.raises(WatchError):
        library.alerts(settings=settings, watch=tmp_path / "missing.yaml")


def test_merge_options_come_from_settings(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    store_events(db, sumy())
    narrow = Settings(db=db, extra={"stories": {"undated_days": 0, "days": 0}})
    views = library.stories(settings=narrow, limit=None)
    assert views
    with pytest.raises(SettingsError, match="stories"):
        library.stories(settings=Settings(db=db, extra={"stories": {"colour": 1}}), rebuild=True)
    with pytest.raises(SettingsError, match="alerts"):
        library.alerts(settings=Settings(db=db, extra={"alerts": {"rise": -1}}))


# -- the fixture articles through the extraction engine ----------------------


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> str:
    db = str(tmp_path_factory.mktemp("analysis") / "fixtures.db")
    report = library.ingest([STORIES / "articles.jsonl"], settings=Settings(db=db),
                            pipeline=pipeline)
    assert len(report.added) == 22 and not report.errors
    return db


def test_every_extracted_event_lands_in_one_story(extracted: str) -> None:
    settings = Settings(db=extracted)
    views = library.stories(settings=settings, limit=None)
    with open_store(extracted) as store:
        stored = store.count_events()
    ids = [e.id for v in views for e in v.story.events]
    assert len(ids) == len(set(ids)) == stored
    assert 0 < len(views) <= stored
    for v in views:
        topics = {a.name.split("-")[1] for a in v.articles}
        assert len(topics) == 1, v.to_dict()  # never across fixture topics
    # the Sumy strike, told in Dutch and English, is merged across articles
    sumy_stories = [v for v in views if v.articles[0].name.startswith("st-sumy")]
    assert any(len(v.articles) >= 2 for v in sumy_stories)
    # a second call merges nothing new and keeps the ids
    again = library.stories(settings=settings, limit=None)
    assert [v.id for v in again] == [v.id for v in views]


def test_extracted_fixtures_raise_the_expected_alerts(extracted: str) -> None:
    settings = Settings(db=extracted)
    turkey = library.alerts(settings=settings, since=D(2020, 1, 1), until=D(2020, 1, 31))
    assert any({"TUR", "LBY"} <= set(a.actors) for a in turkey)
    thkh = [a for a in library.alerts(settings=settings, since=D(2025, 5, 1))
            if {"THA", "KHM"} <= set(a.actors)
            and a.kind in ("escalation", "verbal_to_material")]
    assert thkh and min(a.date for a in thkh if a.date) <= D(2025, 7, 26)


class Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        server: Any = self.server
        server.bodies.append(self.rfile.read(int(self.headers.get("content-length", "0"))))
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture()
def hook() -> Iterator[Any]:
    server: Any = HTTPServer(("127.0.0.1", 0), Hook)
    server.bodies = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_cli_commands(extracted: str, tmp_path: Path, hook: Any) -> None:
    db = ["--db", extracted]
    listed = runner.invoke(app, ["stories", *db, "--json", "--limit", "5"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]
    assert len(rows) == 5 and all("outlet_count" in r for r in rows)
    table = runner.invoke(app, ["stories", *db, "--actor", "THA"])
    assert table.exit_code == 0 and "THA" in table.stdout

    gexf = tmp_path / "net.gexf"
    made = runner.invoke(app, ["graph", *db, "--format", "gexf", "--out", str(gexf)])
    assert made.exit_code == 0, made.output
    assert "<gexf" in gexf.read_text(encoding="utf-8")
    graphml = tmp_path / "net.graphml"
    assert runner.invoke(app, ["graph", *db, "-f", "graphml", "-o", str(graphml)]).exit_code == 0
    assert "<graphml" in graphml.read_text(encoding="utf-8")
    as_json = runner.invoke(app, ["graph", *db, "--format", "json", "--since", "2025-01-01"])
    assert {"nodes", "edges", "communities"} <= json.loads(as_json.stdout).keys()
    assert runner.invoke(app, ["graph", *db]).exit_code == 0
    assert runner.invoke(app, ["graph", *db, "--format", "gexf"]).exit_code != 0

    line = runner.invoke(app, ["timeline", *db, "--pair", "THA,KHM", "--interval", "month",
                               "--json"])
    assert line.exit_code == 0, line.output
    series = json.loads(line.stdout)
    assert series["interval"] == "month" and series["total"] > 0
    assert runner.invoke(app, ["timeline", *db, "--actor", "RUS", "--type", "ASSAULT",
                               "--interval", "day"]).exit_code == 0

    feed = tmp_path / "alerts.atom"
    url = f"http://127.0.0.1:{hook.server_port}/alerts"
    sent = runner.invoke(app, ["alerts", *db, "--watch", str(WATCH), "--atom", str(feed),
                               "--webhook", url, "--json"])
    assert sent.exit_code == 0, sent.output
    alerts = [json.loads(x) for x in sent.stdout.splitlines() if x.strip()]
    assert alerts and all(a["watch"] for a in alerts)
    assert "<feed" in feed.read_text(encoding="utf-8")
    assert json.loads(hook.bodies[0])["count"] == len(alerts)
    printed = runner.invoke(app, ["alerts", *db, "--since", "2025-07-01"])
    assert printed.exit_code == 0 and "alerts" in printed.stdout
