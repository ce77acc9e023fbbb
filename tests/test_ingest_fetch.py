"""Ingest from URLs through httpx.MockTransport and a fake resolver: no
network is used. Every hop's host is checked; refusals are yielded as
FetchError values and the batch goes on."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from wending.errors import FetchError, InputError
from wending.ingest import fetch, read_sources
from wending.ingest.fetch import address_problem, system_resolve
from wending.model import Article
from wending.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PUBLIC = "93.184.215.14"
HOSTS = {
    "news.example": [PUBLIC],
    "feeds.example": ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "intranet.example": ["10.1.2.3"],
    "sneaky.example": [PUBLIC, "127.0.0.1"],
}


def resolve(host: str) -> list[str]:
    if host not in HOSTS:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return HOSTS[host]


Handler = Callable[[httpx.Request], httpx.Response]


class Server:
    """A MockTransport that records the URLs it was asked for."""

    def __init__(self, handler: Handler) -> None:
        self.seen: list[str] = []
        self.headers: list[httpx.Headers] = []

        def record(request: httpx.Request) -> httpx.Response:
            self.seen.append(str(request.url))
            self.headers.append(request.headers)
            return handler(request)

        self.transport = httpx.MockTransport(record)


def site(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/artikel":
        body = (FIXTURES / "article.html").read_bytes()
        return httpx.Response(200, content=body, headers={"content-type": "text/html"})
    if path == "/feed":
        body = (FIXTURES / "feed.rss").read_bytes()
        return httpx.Response(200, content=body, headers={"content-type": "application/rss+xml"})
    if path == "/feed-as-html":
        body = (FIXTURES / "feed.atom").read_bytes()
        return httpx.Response(200, content=body, headers={"content-type": "text/html"})
    if path == "/oud":
        return httpx.Response(301, headers={"location": "/artikel"})
    if path == "/naar-binnen":
        return httpx.Response(302, headers={"location": "http://127.0.0.1:8080/admin"})
    if path == "/rondje":
        return httpx.Response(302, headers={"location": "/rondje"})
    if path == "/admin":
        body = b"<html><body><p>Interne pagina met een lange zin erin.</p></body></html>"
        return httpx.Response(200, content=body, headers={"content-type": "text/html"})
    if path == "/groot":
        return httpx.Response(200, content=b"x" * 5000, headers={"content-type": "text/plain"})
    if path == "/stroom":
        chunks = (b"<p>" + b"y" * 1000 + b"</p>" for _ in range(10))
        return httpx.Response(200, content=chunks, headers={"content-type": "text/html"})
    if path == "/tekst.txt":
        body = "Zuidland riep zijn ambassadeur terug.\nBron: ANP".encode("cp1252")
        return httpx.Response(200, content=body, headers={"content-type": "text/plain"})
    if path == "/leeg":
        return httpx.Response(200, content=b"", headers={"content-type": "text/plain"})
    return httpx.Response(404, content=b"niet gevonden")


def read(
    *urls: str, settings: Settings | None = None, handler: Handler = site
) -> tuple[list[Article | InputError], Server]:
    server = Server(handler)
    items = list(
        read_sources(
            urls, settings=settings or Settings(), transport=server.transport, resolve=resolve
        )
    )
    return items, server


def test_html_page_from_a_url() -> None:
    [article], server = read("https://news.example/artikel")
    assert isinstance(article, Article)
    assert article.name == article.url == article.origin == "https://news.example/artikel"
    assert article.outlet == "Het Noorderblad"
    assert article.published == dt.date(2024, 10, 22)
    assert article.lang == "nl"
    assert server.headers[0]["user-agent"] == Settings().user_agent


def test_rss_feed_from_a_url() -> None:
    items, _ = read("https://news.example/feed")
    assert [a.url for a in items if isinstance(a, Article)] == [
        "https://noorderblad.example/nieuws/1",
        "https://noorderblad.example/nieuws/2",
    ]
    assert all(isinstance(a, Article) and a.origin == "https://news.example/feed" for a in items)


def test_feed_served_as_html_is_still_a_feed() -> None:
    [article], _ = read("https://feeds.example/feed-as-html")
    assert isinstance(article, Article) and article.title == "Talks resume in Geneva"


def test_plain_text_from_a_url() -> None:
    [article], _ = read("https://news.example/tekst.txt")
    assert isinstance(article, Article)
    assert article.url == "https://news.example/tekst.txt" and article.outlet == "ANP"


def test_empty_response() -> None:
    [err], _ = read("https://news.example/leeg")
    assert isinstance(err, InputError) and err.source == "https://news.example/leeg"
    assert "empty" in err.problem


def test_redirect_between_public_hosts_is_followed() -> None:
    [article], server = read("https://news.example/oud")
    assert isinstance(article, Article)
    assert article.name == "https://news.example/oud"
    assert article.url == "https://news.example/artikel"
    assert server.seen == ["https://news.example/oud", "https://news.example/artikel"]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1/admin", "loopback"),
        ("http://10.0.0.8/admin", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/admin", "loopback"),
        ("http://0.0.0.0/admin", "unspecified"),
        ("http://[::ffff:127.0.0.1]/admin", "loopback"),
        ("http://224.0.0.1/admin", "multicast"),
        ("https://intranet.example/admin", "private"),
        ("https://sneaky.example/admin", "loopback"),
    ],
)
def test_private_addresses_are_refused_before_any_request(url: str, kind: str) -> None:
    items, server = read(url, "https://news.example/artikel")
    err, article = items
    assert isinstance(err, FetchError)
    assert err.source == url
    assert f"a {kind} address; refused" in err.problem and "allow_private" in err.problem
    assert isinstance(article, Article)  # the batch goes on
    assert server.seen == ["https://news.example/artikel"]  # nothing sent to the refused host


def test_redirect_to_a_loopback_address_is_refused() -> None:
    [err], server = read("https://news.example/naar-binnen")
    assert isinstance(err, FetchError)
    assert err.source == "https://news.example/naar-binnen"
    assert "redirect to http://127.0.0.1:8080/admin" in err.problem
    assert "loopback" in err.problem
    assert server.seen == ["https://news.example/naar-binnen"]


def test_allow_private_lets_the_redirect_through() -> None:
    [article], server = read(
        "https://news.example/naar-binnen", settings=Settings(allow_private=True)
    )
    assert isinstance(article, Article)
    assert article.text == "Interne pagina met een lange zin erin."
    assert server.seen[-1] == "http://127.0.0.1:8080/admin"


def test_too_many_redirects() -> None:
    [err], server = read("https://news.example/rondje", settings=Settings(max_redirects=3))
    assert isinstance(err, FetchError)
    assert "more than 3 redirects" in err.problem
    assert len(server.seen) == 4


@pytest.mark.parametrize("url", ["ftp://news.example/a.txt", "file:///etc/passwd", "gopher://x/"])
def test_unsupported_schemes(url: str) -> None:
    [err], server = read(url)
    assert isinstance(err, FetchError) and err.source == url
    assert "unsupported URL scheme" in err.problem and "only http and https" in err.problem
    assert server.seen == []


def test_http_error_status() -> None:
    [err], _ = read("https://news.example/bestaat-niet")
    assert isinstance(err, FetchError)
    assert err.problem == "the server answered HTTP 404 Not Found"


def test_unknown_host() -> None:
    [err], _ = read("https://nergens.example/")
    assert isinstance(err, FetchError)
    assert "cannot resolve the host 'nergens.example'" in err.problem


def test_announced_response_over_the_limit() -> None:
    [err], _ = read("https://news.example/groot", settings=Settings(max_bytes=1000))
    assert isinstance(err, FetchError)
    assert err.problem.startswith("response over the limit")
    assert "max_bytes" in err.problem


def test_streamed_response_over_the_limit_stops_reading() -> None:
    [err], _ = read("https://news.example/stroom", settings=Settings(max_bytes=2500))
    assert isinstance(err, FetchError)
    assert err.problem == "response over the limit: more than 2500 bytes (settings max_bytes)"


def test_network_error_becomes_a_fetch_error() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    [err], _ = read("https://news.example/artikel", handler=down)
    assert isinstance(err, FetchError) and "cannot fetch it: connection refused" in err.problem


def test_fetch_returns_the_final_url_and_media_type() -> None:
    server = Server(site)
    got = fetch(
        "https://news.example/oud",
        settings=Settings(),
        transport=server.transport,
        resolve=resolve,
    )
    assert got.url == "https://news.example/artikel"
    assert got.content_type == "text/html"
    assert got.body.startswith(b"<!DOCTYPE html>")


def test_fetch_raises_for_a_refused_host() -> None:
    with pytest.raises(FetchError, match="loopback"):
        fetch("http://localhost/", settings=Settings(), resolve=lambda host: ["127.0.0.1"])


def test_address_problems() -> None:
    assert address_problem(PUBLIC) is None
    assert address_problem("2606:2800:21f:cb07:6820:80da:af6b:8b2c") is None
    assert address_problem("192.168.1.1") == "a private address"
    assert address_problem("100.64.0.1") == "a non-public address"  # carrier-grade NAT
    assert address_problem("fe80::1") == "a link-local address"


def test_system_resolver_reads_ip_literals() -> None:
    assert system_resolve("127.0.0.1") == ["127.0.0.1"]


def test_the_callers_transport_stays_open() -> None:
    class Counting(httpx.MockTransport):
        closed = 0

        def close(self) -> None:
            Counting.closed += 1

    transport = Counting(site)
    items = list(
        read_sources(
            ["https://news.example/artikel", "https://news.example/feed"],
            settings=Settings(),
            transport=transport,
            resolve=resolve,
        )
    )
    assert len(items) == 3 and all(isinstance(i, Article) for i in items)
    assert Counting.closed == 0
