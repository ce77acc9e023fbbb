"""The web page in a real browser: Debian's Chromium, driven by Playwright,
against ``wending serve`` on a free loopback port with a hand-made store.

Loads the page, filters and searches the events, opens an event and finds
its evidence marked (and the article's markup shown as text, never run),
opens a story with every outlet, the timeline and the network (clicking an
edge lists its events), and saves screenshots under ``test-output/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from webdata import XSS_IMG, XSS_SCRIPT, fill

CHROMIUM = Path("/usr/bin/chromium")
OUT = Path(__file__).resolve().parent.parent / "test-output"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian's Chromium is not installed at /usr/bin/chromium "
                              "(.ci/run installs it: apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``wending serve`` on a free port over a store with the test articles."""
    db = str(tmp_path_factory.mktemp("browser") / "web.db")
    fill(db)
    port = free_port()
    env = {**os.environ, "WENDING_API_TOKEN": "", "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wending.serve.cli", "serve", "--db", db, "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                pytest.fail(f"wending serve did not start: {err}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    tab.on("console", lambda msg: problems.append(f"console: {msg.text}")
           if msg.type == "error" else None)
    tab.problems = problems
    yield tab
    context.close()
    assert problems == [], problems  # no script error, no CSP violation, no failed request


def shot(page: Any, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / name))
    assert (OUT / name).stat().st_size > 10_000


def ready(page: Any, view: str) -> None:
    """Wait until the page has drawn ``view`` for the hash it shows now."""
    page.wait_for_function(
        "view => document.body.dataset.ready === view"
        " && document.body.dataset.hash === location.hash", arg=view, timeout=20_000)


def test_events_table_filters_and_search(page: Any, server: str) -> None:
    page.goto(server)
    ready(page, "events")
    assert page.locator("#events-table tr.event-row").count() == 4
    shot(page, "events.png")
    page.fill("#search", "luchtverdediging")
    page.select_option("select[name=type]", "ASSAULT")
    page.click("form.filters button[type=submit]")
    ready(page, "events")
    assert "q=luchtverdediging" in page.url
    rows = page.locator("#events-table tr.event-row")
    assert rows.count() == 1 and "RUS MIL" in rows.first.inner_text()
    page.goto(server + "#/events?recipient=POL")
    ready(page, "events")
    assert page.locator("#events-table tr.event-row").count() == 0
    assert page.locator("p.empty").inner_text() == "No events match."
    page.goto(server + "#/events?modality=reported")
    ready(page, "events")
    assert page.locator("#events-table tr.event-row").count() == 2
    assert page.locator(".pager .count").inner_text() == "1–2 of 2"


def test_event_view_marks_the_evidence_and_never_runs_article_markup(
    page: Any, server: str
) -> None:
    page.goto(server + "#/events?modality=alleged")
    ready(page, "events")
    page.locator("a.event-link").first.click()
    ready(page, "event")
    text = page.locator(".article-text")
    marks = {kind: text.locator(f"mark.hl-{kind}").all_inner_texts()
             for kind in ("evidence", "actor", "recipient", "trigger", "date", "quantity",
                          "modality")}
    assert marks["actor"] == ["Russische troepen"]
    assert marks["recipient"] == ["Charkiv"]
    assert marks["trigger"] == ["overgestoken"]
    assert marks["date"] == ["dinsdag"]
    assert marks["quantity"] == ["drieduizend soldaten"]
    assert marks["modality"] == ["zouden"]
    assert "".join(marks["evidence"]).startswith("Russische troepen zouden dinsdag")
    assert XSS_SCRIPT in text.inner_text()  # shown as text ...
    assert page.evaluate("typeof window.__xss") == "undefined"  # ... and never run
    assert page.locator(".article-text script, .article-text img").count() == 0
    shot(page, "event.png")


def test_story_lists_every_outlet(page: Any, server: str) -> None:
    page.goto(server + "#/stories?type=AGREE")
    ready(page, "stories")
    page.locator("a.story-link").first.click()
    ready(page, "story")
    outlets = page.locator("#story-outlets li").all_inner_texts()
    assert any("De Proefkrant" in o for o in outlets)
    assert any("The Test Wire" in o for o in outlets)
    page.locator("a.event-link").first.click()
    ready(page, "event")
    assert page.locator(".article-text mark.hl-evidence").count() >= 1
    assert XSS_IMG in page.locator(".article-text").inner_text() or \
        XSS_SCRIPT in page.locator(".article-text").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_timeline_per_actor_and_pair(page: Any, server: str) -> None:
    page.goto(server + "#/timeline?actor=RUS&interval=day")
    ready(page, "timeline")
    assert page.locator("canvas#timeline-chart").is_visible()
    assert page.evaluate("window.Wending.chart.data.datasets[0].data.reduce((a, b) => a + b)") >= 1
    bar = page.evaluate("(() => { const c = window.Wending.chart;"
                        " const i = c.data.datasets[0].data.findIndex((n) => n > 0);"
                        " const b = c.getDatasetMeta(0).data[i]; return [b.x, b.y + 5]; })()")
    box = page.locator("canvas#timeline-chart").bounding_box()
    page.mouse.click(box["x"] + bar[0], box["y"] + bar[1])
    page.wait_for_selector("#timeline-stories tr.story-row", timeout=10_000)
    assert "RUS" in page.locator("#timeline-stories tr.story-row").first.inner_text()
    shot(page, "timeline.png")
    page.goto(server + "#/timeline?pair=POL,UKR&interval=day")
    ready(page, "timeline")
    coop = page.evaluate("window.Wending.chart.data.datasets[1].data.reduce((a, b) => a + b)")
    assert coop >= 1


def test_network_edge_click_lists_its_events(page: Any, server: str) -> None:
    page.goto(server + "#/network?since=2025-03-01&until=2025-03-31")
    ready(page, "network")
    assert page.locator("#network canvas").count() >= 1
    assert page.locator(".blocs .bloc").count() >= 1
    box = page.locator("#network").bounding_box()
    point = page.evaluate("(() => { const e = window.Wending.cy.edges()[0];"
                          " const p = e.renderedMidpoint(); return [p.x, p.y]; })()")
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.wait_for_selector("#edge-events tr.event-row", timeout=10_000)
    assert page.locator("#edge-events tr.event-row").count() >= 1
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "network.png"), full_page=True)


def test_alerts_page_loads(page: Any, server: str) -> None:
    page.goto(server + "#/alerts")
    ready(page, "alerts")
    assert page.locator("#alerts-list li, p.empty").count() >= 1
