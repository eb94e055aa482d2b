"""One error handler for the whole app, and the one rule that picks a page or JSON.

The rule (`wants_page`): an error answers with an HTML page when the request is for a page
(its path is not under /api/ or /feeds/, nor an export: `/export.`, `.csv`) AND its Accept
header names text/html, as a browser's does; every other request gets JSON
`{"detail", "problems"}`. The status comes from the error: a storyledger error's class
carries its `http_status` (errors.py), so a known cause is never a 500; HTTP errors
(404 route, 405, 413) and invalid parameters (422) keep their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyledger.errors import StoryledgerError

MACHINE_PREFIXES = ("/api/", "/feeds/")
TITLES = {
    401: "Not allowed",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    413: "Upload too large",
    422: "Cannot read the input",
    502: "Cannot fetch",
    503: "Service unavailable",
}
Page = Callable[..., HTMLResponse]  # (request, template, status, **context) -> page
HANDLED = (StoryledgerError, StarletteHTTPException, RequestValidationError)


def wants_page(path: str, accept: str) -> bool:
    """The one rule: a page for a person's page request, JSON for everything else."""
    machine = path.startswith(MACHINE_PREFIXES) or "/export." in path or path.endswith(".csv")
    return not machine and "text/html" in accept


def install(app: FastAPI, page: Page, empty_outcome: Callable[[], dict[str, Any]]) -> None:
    """Register the one handler for every error class the app answers.

    `empty_outcome` is the write answer's shape with nothing stored: a rejected write
    (POST) answers in it, so a client reads every write answer the same way.
    """

    async def handle(request: Request, exc: Exception) -> Response:
        status, detail, problems, headers = _described(exc)
        if wants_page(request.url.path, request.headers.get("accept", "")):
            title = "Invalid request" if isinstance(exc, RequestValidationError) else None
            message = "; ".join(f"{p['source']}: {p['reason']}" for p in problems) or str(detail)
            return page(
                request,
                "error.html",
                status,
                title=title or TITLES.get(status, "Error"),
                message=message,
            )
        body: dict[str, Any] = {"detail": detail, "problems": problems}
        if isinstance(exc, RequestValidationError) and request.method == "POST":
            body = {**empty_outcome(), **body}
        return JSONResponse(body, status_code=status, headers=headers)

    for kind in HANDLED:
        app.add_exception_handler(kind, handle)


def _described(exc: Exception) -> tuple[int, Any, list[dict[str, str]], dict[str, str] | None]:
    """(status, detail, problems, headers) of an error the app answers; `detail` is an HTTP
    error's own (any JSON), a message otherwise."""
    if isinstance(exc, RequestValidationError):
        problems = [
            {"source": ".".join(str(p) for p in e.get("loc", ())), "reason": e.get("msg", "")}
            for e in exc.errors()
        ]
        return 422, "invalid request", problems, None
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code, exc.detail, [], getattr(exc, "headers", None)
    if isinstance(exc, StoryledgerError):
        return exc.http_status, str(exc), [], None
    raise TypeError(f"not an error this app answers: {type(exc).__name__}")  # pragma: no cover
