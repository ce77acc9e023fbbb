"""Fetching a URL safely: http(s) only, every hop's host checked, the body
capped.

Redirects are followed by hand so that each hop's host is resolved and
refused when it is a private, loopback, link-local, reserved, multicast or
unspecified address (unless ``settings.allow_private``). The network is
reached only through the injectable httpx ``transport``; the resolver is
injectable too.

Without an injected transport, connections go only to the addresses the
resolver gave and the check passed: the host is resolved once per
connection, so a DNS answer that changes between the check and the
connection (DNS rebinding) cannot reach a private address. When the
environment names an HTTP proxy, the proxy connects and only the check
before the request applies.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from wending.errors import FetchError
from wending.ingest.files import format_size, over_limit
from wending.settings import Settings

log = logging.getLogger(__name__)

#: host name -> the IP addresses it resolves to.
Resolver = Callable[[str], list[str]]

SCHEMES = ("http", "https")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"
)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response: its final URL, media type, charset and body."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


def system_resolve(host: str) -> list[str]:
    """The IP addresses of ``host`` from the system resolver (getaddrinfo)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]).split("%", 1)[0] for info in infos})


def address_problem(address: str) -> str | None:
    """Why an IP address must not be fetched, or None when it is public."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, flag in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),
    ):
        if flag:
            return f"a {kind} address"
    return None


def check_url(url: str, *, settings: Settings, resolve: Resolver) -> httpx.URL:
    """The parsed URL, when its scheme is http(s) and its host is public (or
    ``settings.allow_private``). Raises :class:`FetchError` otherwise."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"not a valid URL: {exc}") from exc
    if parsed.scheme not in SCHEMES:
        raise FetchError(
            url, f"unsupported URL scheme {parsed.scheme!r}: only http and https are fetched"
        )
    host = parsed.host
    if not host:
        raise FetchError(url, "the URL has no host")
    if settings.allow_private:
        return parsed
    addresses = _addresses(host, url=url, resolve=resolve)
    for address in addresses:
        try:
            problem = address_problem(address)
        except ValueError:
            problem = "not an IP address"
        if problem:
            raise FetchError(
                url,
                f"host {host!r} is {address}, {problem}; refused "
                "(set allow_private to fetch from private networks)",
            )
    return parsed


def _addresses(host: str, *, url: str, resolve: Resolver) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        addresses = resolve(host)
    except (OSError, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve the host {host!r}: {exc}") from exc
    if not addresses:
        raise FetchError(url, f"cannot resolve the host {host!r}: no addresses")
    return addresses


def fetch(
    url: str,
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    resolve: Resolver | None = None,
) -> Fetched:
    """GET ``url``, following up to ``settings.max_redirects`` redirects,
    checking every hop, and reading at most ``settings.max_bytes``.

    Raises :class:`FetchError` (naming ``url``) for refused hosts, unsupported
    schemes, non-2xx answers, oversized bodies and network errors.
    """
    resolve = resolve or system_resolve
    current = check_url(url, settings=settings, resolve=resolve)
    headers = {"User-Agent": settings.user_agent, "Accept": _ACCEPT}
    if transport is not None:
        transport = _Borrowed(transport)
    elif not _proxied():
        transport = _Pinned(settings=settings, resolve=resolve)
    try:
        with httpx.Client(
            transport=transport,
            timeout=settings.fetch_timeout,
            follow_redirects=False,
            headers=headers,
        ) as client:
            for _hop in range(settings.max_redirects + 1):
                with client.stream("GET", current) as response:
                    location = response.headers.get("location")
                    if response.status_code in _REDIRECTS and location:
                        target = str(response.url.join(location))
                        log.debug("%s redirects to %s", current, target)
                        try:
                            current = check_url(target, settings=settings, resolve=resolve)
                        except FetchError as err:
                            raise FetchError(url, f"redirect to {target}: {err.problem}") from err
                        continue
                    return _read(response, url=url, settings=settings)
    except _Refused as exc:
        raise FetchError(url, str(exc)) from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"cannot fetch it: {str(exc) or type(exc).__name__}") from exc
    raise FetchError(url, f"more than {settings.max_redirects} redirects (settings max_redirects)")


def _proxied() -> bool:
    """Whether the environment names a proxy for http or https."""
    proxies = urllib.request.getproxies()
    return any(proxies.get(k) for k in ("http", "https", "all"))


class _Refused(Exception):
    """A connection to a refused address (raised inside httpcore)."""


class _PinnedBackend(httpcore.NetworkBackend):
    """Resolves each host once, refuses non-public addresses (unless
    allowed) and connects to the address it checked."""

    def __init__(self, *, settings: Settings, resolve: Resolver) -> None:
        self._inner = httpcore.SyncBackend()
        self._settings = settings
        self._resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = _addresses(host, url=host, resolve=self._resolve)
        except FetchError as err:
            raise _Refused(err.problem) from err
        for address in addresses:
            try:
                problem = address_problem(address)
            except ValueError:
                raise _Refused(
                    f"the resolver gave {address!r} for {host!r}, not an IP address; refused"
                ) from None
            if problem and not self._settings.allow_private:
                raise _Refused(
                    f"host {host!r} is {address}, {problem} when connecting; refused "
                    "(set allow_private to fetch from private networks)"
                )
        error: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise _Refused("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _Pinned(httpx.HTTPTransport):
    """httpx's own transport, connecting through :class:`_PinnedBackend`."""

    def __init__(self, *, settings: Settings, resolve: Resolver) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_PinnedBackend(settings=settings, resolve=resolve),
        )


class _Borrowed(httpx.BaseTransport):
    """The caller's transport, left open when the client closes."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._inner.handle_request(request)

    def close(self) -> None:
        """The caller closes its own transport."""


def _read(response: httpx.Response, *, url: str, settings: Settings) -> Fetched:
    if not response.is_success:
        raise FetchError(
            url, f"the server answered HTTP {response.status_code} {response.reason_phrase}"
        )
    limit = settings.max_bytes
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > limit:
        problem = over_limit(int(announced), limit, what="it")
        raise FetchError(url, f"response over the limit: {problem}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(
                url,
                f"response over the limit: more than {format_size(limit)} (settings max_bytes)",
            )
        chunks.append(chunk)
    content_type = response.headers.get("content-type", "")
    return Fetched(
        url=str(response.url),
        content_type=content_type.split(";", 1)[0].strip().lower(),
        charset=response.charset_encoding,
        body=b"".join(chunks),
    )
