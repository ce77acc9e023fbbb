"""The REST API over a small hand-made store: listings, filters, pagination,
one event with its evidence, JSON errors, tokens, the size limit, escaping."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from webdata import NL_TEXT, XSS_IMG, XSS_SCRIPT, fill
from wending import library
from wending.pipeline import Pipeline
from wending.serve.api import create_app
from wending.settings import Settings

with warnings.catch_warnings():  # starlette asks for httpx2, which is not installed here
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

WEB = Path(__file__).resolve().parent.parent / "src" / "wending" / "serve" / "web"
MakeClient = Callable[..., TestClient]


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "api.db")


@pytest.fixture()
def ids(db: str) -> dict[str, list[str]]:
    """Fill the store; the event ids of each article name."""
    return fill(db)


@pytest.fixture()
def make(db: str, ids: dict[str, list[str]]) -> Iterator[MakeClient]:
    clients: list[TestClient] = []

    def build(raise_errors: bool = True, **changes: Any) -> TestClient:
        client = TestClient(create_app(Settings(db=db).with_(**changes)),
                            raise_server_exceptions=raise_errors)
        clients.append(client)
        return client

    yield build
    for c in clients:
        c.close()


@pytest.fixture()
def client(make: MakeClient) -> TestClient:
    return make()


def error_of(response: Any, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    if code is not None:
        assert body["error"]["code"] == code
    message: str = body["error"]["message"]
    assert message
    return message


def test_health_counts_the_store(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["counts"]["events"] == 4
    assert body["writes_enabled"] is False


def test_events_page_has_items_and_total(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 4 and body["limit"] == 100 and body["offset"] == 0
    assert [e["date"] for e in body["items"]] == sorted(e["date"] for e in body["items"])
    first, second = (client.get("/api/events", params={"limit": 1, "offset": n}).json()
                     for n in (0, 1))
    assert first["total"] == second["total"] == 4
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert client.get("/api/events", params={"offset": 10}).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "RUS"}, 2),
        ({"actor": "rus", "recipient": "UKR"}, 2),
        ({"type": "AGREE"}, 2),
        ({"type": "FIGHT"}, 2),  # the old PLOVER name of ASSAULT
        ({"modality": "alleged"}, 1),
        ({"lang": "en"}, 2),
        ({"since": "2025-03-05"}, 2),
        ({"until": "2025-03-04"}, 2),
        ({"q": "luchtverdediging"}, 2),
        ({"q": "Kharkiv", "type": "ASSAULT", "lang": "en"}, 1),
        ({"q": "\"NEAR(*"}, 0),
        ({"actor": "CHN"}, 0),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], expected: int) -> None:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == expected == len(body["items"])


def test_one_event_has_its_article_and_highlights(
    client: TestClient, ids: dict[str, list[str]]
) -> None:
    body = client.get(f"/api/events/{ids['proef-nl-1'][0]}").json()
    text = body["article"]["text"]
    assert body["event"]["event"] == "ASSAULT" and body["event"]["modality"] == "alleged"
    marks = {h["kind"]: h for h in body["highlights"]}
    for h in body["highlights"]:
        assert text[h["start"]:h["end"]] == h["text"]
    assert marks["actor"]["text"] == "Russische troepen" and marks["actor"]["label"] == "RUS MIL"
    assert marks["recipient"]["text"] == "Charkiv"
    assert marks["trigger"]["text"] == "overgestoken"
    assert marks["date"]["text"] == "dinsdag" and marks["date"]["label"] == "2025-03-04"
    assert marks["quantity"]["text"] == "drieduizend soldaten"
    assert marks["modality"]["text"] == "zouden" and marks["modality"]["label"] == "alleged"
    assert marks["evidence"]["text"].startswith("Russische troepen zouden")


def test_report_verb_cue_is_found_by_its_lemma(
    client: TestClient, ids: dict[str, list[str]]
) -> None:
    body = client.get(f"/api/events/{ids['test-en-1'][0]}").json()
    marks = {h["kind"]: h["text"] for h in body["highlights"]}
    assert marks["modality"] == "said"
    triggers = [h["text"] for h in body["highlights"] if h["kind"] == "trigger"]
    assert triggers == ["signed", "agreement"]


def test_article_text_is_returned_as_json_data_not_markup(
    client: TestClient, ids: dict[str, list[str]]
) -> None:
    response = client.get(f"/api/events/{ids['proef-nl-1'][0]}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert XSS_SCRIPT in response.json()["article"]["text"]
    article = client.get(f"/api/articles/{ids['test-en-1'][0].rsplit('-', 1)[0]}").json()
    assert XSS_IMG in article["article"]["text"] and len(article["events"]) == 2


def test_page_code_never_parses_data_as_html() -> None:
    for name in ("app.js", "views.js"):
        code = (WEB / name).read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                     "eval(", "new Function"):
            assert sink not in code, f"{name} uses {sink}"
    page = (WEB / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "style=" not in page and "http" not in page


def test_page_and_vendored_libraries_are_served_with_strict_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "app.js" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    for path in ("/app.js", "/views.js", "/app.css", "/vendor/chart.umd.min.js",
                 "/vendor/cytoscape.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["x-content-type-options"] == "nosniff"


def test_articles_listing_and_search(client: TestClient) -> None:
    body = client.get("/api/articles").json()
    assert body["total"] == 2 and {a["lang"] for a in body["items"]} == {"nl", "en"}
    assert all("text" not in a for a in body["items"])
    found = client.get("/api/articles", params={"q": "luchtverdediging", "limit": 1}).json()
    assert found["total"] == 1 and found["items"][0]["name"] == "proef-nl-1"


def test_actors_search(client: TestClient) -> None:
    found = client.get("/api/actors", params={"q": "Poetin"}).json()
    assert any(a["code"] == "RUS" for a in found)


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/events?type=NOPE", 422, "invalid_request"),
        ("/api/events?limit=-1", 422, "invalid_request"),
        ("/api/events?since=yesterday", 422, "invalid_request"),
        ("/api/events?since=2025-03-05&until=2025-03-01", 400, "bad_request"),
        ("/api/events/no-such-event", 404, "not_found"),
        ("/api/articles/no-such-article", 404, "not_found"),
        ("/api/nothing-here", 404, "not_found"),
        ("/no-such-page.html", 404, "not_found"),
    ],
)
def test_errors_are_json(client: TestClient, path: str, status: int, code: str) -> None:
    error_of(client.get(path), status, code)


def test_wrong_method_is_a_json_405_naming_the_right_one(client: TestClient) -> None:
    response = client.get("/api/ingest")
    assert "use POST" in error_of(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"
    error_of(client.delete("/api/events"), 405, "method_not_allowed")


def test_store_failure_is_a_json_500(make: MakeClient) -> None:
    client = make(raise_errors=False, db="postgresql://nowhere/wending")
    message = error_of(client.get("/api/events"), 500, "server_error")
    assert "PostgreSQL" in message


ARTICLE = {"articles": [{"id": "api-1", "lang": "en", "published": "2025-04-01",
                         "text": "Russia attacked Ukraine on Monday."}]}


def test_writes_are_refused_without_a_configured_token(client: TestClient) -> None:
    error_of(client.post("/api/ingest", json=ARTICLE), 403, "forbidden")
    error_of(client.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Bearer x"}),
             403, "forbidden")


def test_writes_need_the_right_token(make: MakeClient, pipeline: Pipeline) -> None:
    client = make(api_token="s3cret")
    client.app.state.pipeline = pipeline  # type: ignore[attr-defined]
    missing = client.post("/api/ingest", json=ARTICLE)
    error_of(missing, 401, "unauthorized")
    assert missing.headers["www-authenticate"] == "Bearer"
    error_of(client.post("/api/ingest", json=ARTICLE,
                         headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    auth = {"Authorization": "Bearer s3cret"}
    done = client.post("/api/ingest", json=ARTICLE, headers=auth)
    assert done.status_code == 200, done.text
    body = done.json()
    assert [a["name"] for a in body["added"]] == ["api-1"] and body["events"] >= 1
    assert client.get("/api/events", params={"q": "attacked"}).json()["total"] >= 1
    again = client.post("/api/ingest", json=ARTICLE, headers=auth).json()
    assert again["added"] == [] and again["duplicates"] == ["api-1"]
    text = client.post("/api/ingest", headers=auth, json={
        "text": NL_TEXT.replace("dinsdag", "maandag"), "published": "2025-03-06", "lang": "nl"})
    assert text.status_code == 200 and len(text.json()["added"]) == 1
    bad = client.post("/api/ingest", headers=auth, json={"articles": [
        {"text": "Some text.", "published": "not a date"}]}).json()
    assert bad["added"] == [] and "published" in bad["errors"][0]
    error_of(client.post("/api/ingest", headers=auth, json={"articles": []}), 422)
    error_of(client.post("/api/ingest", headers=auth, content=b"{not json",
                         ), 422, "invalid_request")


def test_reading_can_be_protected(make: MakeClient) -> None:
    client = make(api_token="s3cret", api_read_protected=True)
    error_of(client.get("/api/events"), 401, "unauthorized")
    ok = client.get("/api/events", headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["total"] == 4
    assert client.get("/api/health").json()["counts"] == {}
    closed = make(api_read_protected=True)
    error_of(closed.get("/api/events"), 403, "forbidden")
    schema = client.get("/openapi.json").json()
    assert schema["paths"]["/api/events"]["get"]["security"] == [{"HTTPBearer": []}]


def test_request_body_limit(make: MakeClient) -> None:
    client = make(api_token="s3cret", max_bytes=1000)
    auth = {"Authorization": "Bearer s3cret"}
    big = {"text": "x" * 2000}
    message = error_of(client.post("/api/ingest", json=big, headers=auth), 413,
                       "payload_too_large")
    assert "1000 bytes" in message

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 200
        yield b'"}'

    error_of(client.post("/api/ingest", content=chunks(), headers={
        **auth, "Content-Type": "application/json"}), 413, "payload_too_large")


def test_analysis_routes(client: TestClient) -> None:
    missing = [n for n in ("stories", "graph", "timeline", "alerts") if not hasattr(library, n)]
    if missing:
        pytest.skip(f"wending.library has no {', '.join(missing)} yet (analysis issue)")
    stories = client.get("/api/stories").json()["items"]
    assert stories, "the two AGREE events and the two ASSAULT events make stories"
    one = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert one["id"] == stories[0]["id"] and one["events"]
    net = client.get("/api/network").json()
    assert {"RUS", "UKR"} <= {n["id"] for n in net["nodes"]}
    # counts only by default; ids=N lists the first N stories of each edge
    assert all(e["event_count"] and not e["events"] for e in net["edges"])
    listed_net = client.get("/api/network", params={"ids": 1}).json()
    edge = next(e for e in listed_net["edges"] if e["events"])
    assert len(edge["stories"]) == 1
    listed = client.get("/api/events/by-id", params={"id": edge["events"]}).json()
    assert [e["id"] for e in listed["items"]] == list(dict.fromkeys(edge["events"]))
    page = client.get("/api/network/edge", params={
        "source": edge["source"], "target": edge["target"]}).json()
    assert page["total"] == edge["event_count"] == len(page["items"])
    assert [e["id"] for e in page["items"]][: len(edge["events"])] == edge["events"]
    line = client.get("/api/timeline", params={"actor": "RUS", "interval": "day"}).json()
    assert sum(p["count"] for p in line["points"]) >= 1
    pair = client.get("/api/timeline", params={"pair": "POL,UKR"}).json()
    assert sum(p["cooperation"] for p in pair["points"]) >= 1
    assert isinstance(client.get("/api/alerts").json()["items"], list)


def test_ingest_refuses_an_impossible_publication_date(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "w.db"), api_token="secret")
    client = TestClient(create_app(settings))
    reply = client.post("/api/ingest", json={"text": "Rusland viel Oekraïne aan.",
                                             "published": "0001-01-01"},
                        headers={"Authorization": "Bearer secret"})
    assert "plausible" in reply.text
    assert client.get("/api/network").status_code == 200
