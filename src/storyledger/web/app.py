"""The web app: server-rendered pages to read a story side by side, and a JSON API.

Pages and API read the same records as the CLI's JSON contract (report/json.py); nothing
here computes facts of its own. Every page works with no internet: no CDN, no fonts, the
timeline is SVG drawn on the server, and the only script allowed is the app's own.

This module is the factory; the routes live in routes_pages (reading pages and exports),
routes_add (adding articles: forms and API), routes_api (JSON reads) and routes_research;
errors answer through the one handler of web/errors.py; schemas are in web/schemas.py.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from storyledger.errors import StoryledgerError
from storyledger.web import errors, routes_add, routes_api, routes_pages, routes_research
from storyledger.web.access import Guard, GuardMiddleware
from storyledger.web.backend import Backend
from storyledger.web.cache import ResponseCache, StoreVersion
from storyledger.web.schemas import ERRORS
from storyledger.web.site import Site

log = logging.getLogger(__name__)


def create_app(
    db_path: str,
    token: str | None = None,
    host: str = "127.0.0.1",
    warm: bool = True,
    allow_private_feeds: bool = False,
) -> FastAPI:
    """The ASGI app over the store at `db_path`; writes follow `access.Guard(host, token)`.

    `warm` starts the ingest worker and loads the language pipeline at startup, so the first
    article added does not wait seconds for it. `allow_private_feeds` lets feed fetching
    reach loopback and private addresses (refused by default: server-side request forgery).
    """
    backend = Backend(db_path)
    guard = Guard(host, token)
    site = Site(backend, guard, allow_private_feeds)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(target=_warm_up, args=(backend,), daemon=True).start()
        yield
        backend.close()

    app = FastAPI(
        lifespan=lifespan,
        title="storyledger",
        version="0.1.0",
        description=(
            "Who claims what, on whose authority, with which numbers and hedges: stories "
            "across outlets. Records follow the JSON contract of `storyledger analyze "
            "--format json`."
        ),
        docs_url=None,  # Swagger UI loads from a CDN; the app must work offline
        redoc_url=None,
    )
    app.state.backend = backend
    app.state.guard = guard
    app.add_middleware(ResponseCache, version=StoreVersion(db_path))
    app.add_middleware(GuardMiddleware, guard=guard)  # outermost: checks before the cache
    static = resources.files("storyledger.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    errors.install(app, site.page, routes_add.empty_outcome)
    routes_pages.add_routes(app, site)
    routes_add.add_form_routes(app, site)
    routes_api.add_routes(app, site)
    routes_add.add_api_routes(app, site)
    routes_research.add_routes(app, backend, site.page, guard, ERRORS)
    return app


def _warm_up(backend: Backend) -> None:
    """Load the language pipeline before the first article arrives (it takes seconds).

    A library error (the model is missing) is logged and left for the first ingest to
    answer with its own status; anything else is a bug and surfaces in the thread."""
    try:
        backend.worker.warm()
    except StoryledgerError as exc:
        log.warning("the language pipeline could not be loaded at startup: %s", exc)
