"""The REST API's edge: JSON errors, the request size limit, security headers
and token checks. No domain logic: that lives in :mod:`wending.library`."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wending.errors import (
    GoldError,
    InputError,
    KnowledgeBaseError,
    SettingsError,
    StoreError,
    WendingError,
)
from wending.library import NotFoundError, QueryError
from wending.settings import Settings

log = logging.getLogger(__name__)

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "invalid_request",
    500: "internal_error",
    501: "not_implemented",
}

DESCRIPTIONS: dict[int, str] = {
    400: "A filter or input cannot be used",
    401: "A token is needed, or the token is not valid",
    403: "Not allowed on this server (no token configured)",
    404: "Not stored",
    413: "Request body larger than settings.max_bytes",
    422: "A parameter or the body does not follow this document",
    500: "Server failure",
    501: "Not available in this version",
}

#: Same origin only; no inline script or style, no plug-ins, no framing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class ApiError(HTTPException):
    """An HTTP error with a stable code; rendered as ``{"error": {...}}``."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code or CODES.get(status, "error")


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def status_of(exc: WendingError) -> tuple[int, str]:
    """The HTTP status and code of one of Wending's errors."""
    if isinstance(exc, NotFoundError):
        return 404, "not_found"
    if isinstance(exc, QueryError | InputError | GoldError):
        return 400, "bad_request"
    if isinstance(exc, StoreError | SettingsError | KnowledgeBaseError):
        return 500, "server_error"
    return 400, "bad_request"


def install_errors(app: FastAPI) -> None:
    """Render every error, ours or the framework's, as ``{"error": {...}}``."""

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        code = getattr(exc, "code", None) or CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and not isinstance(exc, ApiError):
            message = f"no such page or route: {request.url.path}"
        allow = (exc.headers or {}).get("Allow")
        if exc.status_code == 405 and allow:
            message = f"{request.method} is not allowed on {request.url.path}; use {allow}"
        return error_response(exc.status_code, code, message, exc.headers)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(422, "invalid_request", "; ".join(parts) or "invalid request")

    async def wending_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, WendingError)
        status, code = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(status, code, str(exc))

    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(
            500, "internal_error", "the server failed on this request; see its log"
        )

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(WendingError, wending_error)
    app.add_exception_handler(Exception, crash)


def check_token(
    settings: Settings, creds: HTTPAuthorizationCredentials | None, *, what: str
) -> None:
    """Pass when the request carries ``settings.api_token`` as a bearer token."""
    if not settings.api_token:
        raise ApiError(
            403,
            f"{what} is disabled on this server: start it with a token "
            "(wending serve --token ..., or WENDING_API_TOKEN)",
        )
    if creds is None or creds.scheme.lower() != "bearer":
        raise ApiError(
            401,
            f"{what} needs a token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(creds.credentials.encode(), settings.api_token.encode()):
        raise ApiError(401, "the token is not valid", headers={"WWW-Authenticate": "Bearer"})


class _TooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"the request body is larger than {limit} bytes "
            "(settings.max_bytes); send fewer articles per request",
        )


class EdgeMiddleware:
    """Refuse bodies over ``max_bytes`` with a JSON 413 (by Content-Length or
    while reading), and add the security headers to every response."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secure(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, receive, send_secure)
            return
        seen = 0

        async def receive_limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        try:
            await self.app(scope, receive_limited, send_secure)
        except _TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send_secure)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        exc = _TooLarge(self.max_bytes)
        response = error_response(413, exc.code, str(exc.detail), {"Connection": "close"})
        await response(scope, receive, send)


def to_body(value: Any) -> Any:
    """A library result as JSON-able data (its ``to_dict()`` when it has one)."""
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else value
