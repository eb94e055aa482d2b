"""Who may write, how much they may send, and what a page may run.

Why: article text is untrusted and the server may listen beyond loopback. Reads are open;
writes (adding articles) need the configured token whenever one is set, and are refused
outright on a non-loopback address without one. A strict Content-Security-Policy means no
stored text can run as script even if escaping were ever missed.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyledger.errors import WriteRefused
from storyledger.web.errors import wants_page

MAX_BODY = 5 * 1024 * 1024  # bytes in one request body (an upload of a few hundred articles)

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# The exported report is one offline page with its CSS inline and no script at all.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost; False for 0.0.0.0, :: and anything else."""
    if not host:
        return False
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(host_header: str) -> str:
    """The host part of a Host header ("127.0.0.1:8000", "[::1]:80", "localhost")."""
    host_header = host_header.strip()
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class Guard:
    """The write policy of one server: its bind address and its token (if any)."""

    def __init__(self, host: str, token: str | None) -> None:
        self.host = host
        self.token = token or None
        self.loopback = is_loopback(host)

    @property
    def token_required(self) -> bool:
        return self.token is not None

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None or self.loopback

    def check_write(self, headers: dict[str, str] | object, form_token: str | None = None) -> None:
        """Raise WriteRefused unless this request may add articles."""
        get = headers.get  # type: ignore[attr-defined]
        origin = get("origin")
        host = get("host") or ""
        # "null" is what sandboxed frames and file: pages send: never this app's own pages.
        if origin and (origin == "null" or urlsplit(origin).netloc.lower() != host.lower()):
            raise WriteRefused("cross-site write refused: the request came from another site")
        if (get("sec-fetch-site") or "") == "cross-site":
            raise WriteRefused("cross-site write refused: the request came from another site")
        if self.token is None:
            if self.loopback:
                return
            raise WriteRefused(
                f"adding articles is disabled: this server listens on {self.host}, beyond "
                "loopback, and was started without a token (storyledger serve --token ...)"
            )
        given = form_token or ""
        auth = get("authorization") or ""
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not given:
            raise WriteRefused("a token is needed to add articles (Authorization: Bearer ...)", 401)
        if not hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8")):
            raise WriteRefused("wrong token", 403)


class GuardMiddleware:
    """Security headers on every response; bodies capped; Host checked on loopback servers.

    A loopback server answers only to loopback Host names, so a web page cannot reach it
    through DNS rebinding. Over-large bodies get a 413 before anything is parsed (when
    Content-Length says so) or as soon as the streamed body passes the cap.
    """

    def __init__(self, app: ASGIApp, guard: Guard, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.guard = guard
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.guard.loopback and not is_loopback(_host_name(headers.get("host", "localhost"))):
            await _plain(send, 421, "this server answers only to loopback host names")
            return
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                await _plain(send, 400, "bad Content-Length")
                return
            if int(length) > self.max_body:
                await _too_large(send, self.max_body, scope["path"], headers)
                return
        seen = 0

        async def capped_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, too_large_reason(self.max_body))
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                names = {k.lower() for k, _ in message.get("headers", [])}
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, capped_receive, send_with_headers)


def too_large_reason(limit: int) -> str:
    return f"upload too large: the limit is {limit // (1024 * 1024)} MB per request"


async def _too_large(send: Send, limit: int, path: str, headers: dict[str, str]) -> None:
    reason = too_large_reason(limit)
    if not wants_page(path, headers.get("accept", "")):  # the app's one rule (web/errors.py)
        body = json.dumps({"detail": reason, "problems": []}).encode()
        await _respond(send, 413, body, b"application/json")
    else:
        page = (
            "<!doctype html><meta charset=utf-8><title>Upload too large</title>"
            f"<link rel=stylesheet href=/static/style.css><main class=narrow><h1>413</h1>"
            f"<p class=error>{reason}.</p><p><a href=/add>Back to adding articles</a></p></main>"
        )
        await _respond(send, 413, page.encode(), b"text/html; charset=utf-8")


async def _plain(send: Send, status: int, reason: str) -> None:
    await _respond(send, status, reason.encode() + b"\n", b"text/plain; charset=utf-8")


async def _respond(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"content-security-policy", PAGE_CSP.encode()),
                (b"x-content-type-options", b"nosniff"),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
