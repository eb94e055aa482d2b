"""The web app: server-rendered pages to read a story side by side, and a JSON API.

Pages and API read the same records as the CLI's JSON contract (report/json.py); nothing
here computes facts of its own. Every page works with no internet: no CDN, no fonts, the
timeline is SVG drawn on the server, and the only script allowed is the app's own.
"""

from __future__ import annotations

import math
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Body, FastAPI, File, Form, Path, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyledger import report
from storyledger.errors import InputError, StoryledgerError
from storyledger.model import (
    Article,
    Ledger,
    Problem,
    RawArticle,
    StorySummary,
    Thread,
    ThreadSummary,
    to_dict,
)
from storyledger.report import threadviews, views
from storyledger.report.json import ledger_dict
from storyledger.web import chart, intake, pages, routes_research
from storyledger.web.access import REPORT_CSP, Guard, GuardMiddleware, WriteRefused
from storyledger.web.backend import Backend, Outcome
from storyledger.web.cache import ResponseCache, StoreVersion

# Inline, not a file: package data ships html/css/js, and an icon is not worth a new glob.
FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" '
    b'height="32" rx="6" fill="#15202e"/><path d="M8 9h16M8 15h16M8 21h10" stroke="#9cc3f0" '
    b'stroke-width="3" stroke-linecap="round"/></svg>'
)
PAGE_SIZE = 20
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MAX_FILES = 50
MAX_QUERY = 500
ERROR_TITLES = {404: "Not found", 422: "Cannot read the input", 503: "Service unavailable"}


# OpenAPI schemas. Read responses are documented with the records of model.py (the JSON
# contract itself); handlers return them as stored, as JSONResponse, so nothing is re-validated.


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000, description="The article's body.")
    id: str | None = Field(None, max_length=500)
    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=500)
    published: str | None = Field(
        None,
        max_length=40,
        description="Any common form (ISO, YYYY-MM, YYYY, RFC 2822, written, epoch); kept at its"
        " precision, never guessed; unreadable: stored undated with a warning.",
    )
    url: str | None = Field(None, max_length=2000)


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=500)
    token: str | None = Field(None, max_length=500, description="Or Authorization: Bearer.")


class FeedIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000)


class ProblemOut(BaseModel):
    source: str
    reason: str


class OutcomeOut(BaseModel):
    added: list[str]
    duplicates: list[str]
    stories: list[str]
    story_of: dict[str, str | None]
    problems: list[ProblemOut]
    warnings: list[ProblemOut] = Field(
        [], description="About articles stored anyway (an unreadable date: stored undated)."
    )
    detail: str | None = Field(None, description="Set when the request itself was invalid.")


class StoryListOut(BaseModel):
    total: int
    limit: int
    offset: int
    stories: list[StorySummary]


class SearchHitOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    snippet: str
    matches: list[str]


class SearchOut(BaseModel):
    total: int
    limit: int
    offset: int
    hits: list[SearchHitOut]


class ThreadListOut(BaseModel):
    total: int
    limit: int
    offset: int
    threads: list[ThreadSummary]


class ArticleOut(BaseModel):
    article: Article
    story: str | None


class ErrorOut(BaseModel):
    detail: str
    problems: list[ProblemOut] = []


INVALID: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "Invalid parameters, each listed in `problems`."}
}
ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}} | INVALID
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body cannot be parsed (not JSON, not UTF-8)."},
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    413: {"model": ErrorOut},
    422: {"model": OutcomeOut, "description": "Nothing was stored; every problem is listed."},
}
# What every article-adding endpoint declares to the OpenAPI document.
WRITE_ROUTE: dict[str, Any] = {
    "response_model": OutcomeOut,
    "status_code": 201,
    "responses": {200: {"model": OutcomeOut, "description": "Nothing new"}} | WRITE_ERRORS,
    "tags": ["articles"],
}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyledger.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        views=views,
        pages=pages,
        article_href=pages.article_href,
        story_href=pages.story_href,
        thread_href=pages.thread_href,
        threadviews=threadviews,
        dom_id=pages.dom_id,
    )
    return env


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
    env = _environment()

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

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        # Story and article pages are cached per story, so they carry no store-wide counts.
        counts = (
            backend.counts() if name not in ("story.html", "article.html", "thread.html") else None
        )
        html = env.get_template(name).render(
            request=request,
            counts=counts,
            writes_enabled=guard.writes_enabled,
            token_required=guard.token_required,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def is_api(request: Request) -> bool:
        """JSON errors for the API and the exports (machine clients); pages for the rest."""
        path = request.url.path
        return path.startswith(("/api/", "/feeds/")) or "/export." in path or path.endswith(".csv")

    # errors -------------------------------------------------------------------------------

    def error_response(request: Request, status: int, title: str, detail: str) -> Response:
        """JSON for the API and exports, an error page for a person."""
        if is_api(request):
            return JSONResponse({"detail": detail, "problems": []}, status_code=status)
        return page(request, "error.html", status, title=title, message=detail)

    @app.exception_handler(StoryledgerError)
    async def library_error(request: Request, exc: StoryledgerError) -> Response:
        """Every library error answers with its class's own status (errors.py), never 500
        for a known cause."""
        status = exc.http_status
        return error_response(request, status, ERROR_TITLES.get(status, "Error"), str(exc))

    @app.exception_handler(WriteRefused)
    async def refused(request: Request, exc: WriteRefused) -> Response:
        return error_response(request, exc.status, "Not allowed", exc.reason)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        wants_html = "text/html" in request.headers.get("accept", "")
        if is_api(request) or (request.method != "GET" and not wants_html):
            return JSONResponse(
                {"detail": exc.detail, "problems": []},
                status_code=exc.status_code,
                headers=getattr(exc, "headers", None),
            )
        titles = {404: "Not found", 405: "Not allowed", 413: "Upload too large"}
        return page(
            request,
            "error.html",
            exc.status_code,
            title=titles.get(exc.status_code, "Error"),
            message=str(exc.detail),
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"source": ".".join(str(p) for p in e.get("loc", ())), "reason": e.get("msg", "")}
            for e in exc.errors()
        ]
        if is_api(request) or "text/html" not in request.headers.get("accept", ""):
            body: dict[str, Any] = {"detail": "invalid request", "problems": problems}
            if request.method == "POST":  # a write answers in its own shape: nothing stored
                body = {**Outcome().as_dict(), **body}
            return JSONResponse(body, status_code=422)
        message = "; ".join(f"{p['source']}: {p['reason']}" for p in problems)
        return page(request, "error.html", 422, title="Invalid request", message=message)

    # pages --------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request,
        q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
        entity: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
        outlet: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        filters = {
            "q": q or "",
            "entity": entity or "",
            "outlet": outlet or "",
            "from": _date_or_none(date_from) or "",
            "to": _date_or_none(date_to, end=True) or "",
        }
        found, total = backend.reader().list_stories(
            query=q or None,
            entity=entity or None,
            outlet=outlet or None,
            date_from=filters["from"] or None,
            date_to=filters["to"] or None,
            limit=PAGE_SIZE,
            offset=(page_no - 1) * PAGE_SIZE,
        )
        pages_total = max(1, math.ceil(total / PAGE_SIZE))
        active = {k: v for k, v in filters.items() if v}

        def page_link(n: int) -> str:
            return "/?" + urlencode({**active, "page": n})

        return page(
            request,
            "stories.html",
            title="Stories",
            stories=found,
            total=total,
            filters=filters,
            filtered=bool(active),
            outlets=backend.outlets(),
            page_no=page_no,
            pages_total=pages_total,
            page_link=page_link,
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon_route() -> Response:
        return Response(
            FAVICON, media_type="image/svg+xml", headers={"cache-control": "max-age=86400"}
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: Annotated[str, Query(max_length=MAX_QUERY)] = "",
        page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        hits, total = backend.search(q, PAGE_SIZE, (page_no - 1) * PAGE_SIZE) if q else ([], 0)
        pages_total = max(1, math.ceil(total / PAGE_SIZE))
        return page(
            request,
            "search.html",
            title=f"Search: {q}" if q else "Search",
            q=q,
            hits=hits,
            total=total,
            page_no=page_no,
            pages_total=pages_total,
            page_link=lambda n: "/search?" + urlencode({"q": q, "page": n}),
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        ledger = backend.ledger(story_id, with_thread=False)
        view = pages.story_view(ledger)
        thread_id, related = backend.related_events(story_id)
        return page(
            request,
            "story.html",
            title=view.story.title,
            v=view,
            **routes_research.group_context(backend, story_id, request.query_params, ledger),
            events=chart.events_svg(view.story.timeline, view.columns),
            figures=chart.figure_charts([f for f, _ in view.quantity_facts], view.columns),
            thread_id=thread_id,
            related=related,
        )

    @app.get("/threads", response_class=HTMLResponse, include_in_schema=False)
    def threads_page(
        request: Request,
        min_events: Annotated[int, Query(ge=1, le=100_000)] = 2,
        page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        found, total = backend.reader().list_threads(
            min_events=min_events, limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE
        )
        return page(
            request,
            "threads.html",
            title="Threads",
            threads=found,
            total=total,
            min_events=min_events,
            page_no=page_no,
            pages_total=max(1, math.ceil(total / PAGE_SIZE)),
            page_link=lambda n: "/threads?" + urlencode({"min_events": min_events, "page": n}),
        )

    @app.get("/threads/{thread_id}", response_class=HTMLResponse, include_in_schema=False)
    def thread_page(request: Request, thread_id: str) -> HTMLResponse:
        thread = backend.thread(thread_id)
        return page(request, "thread.html", title=thread.title, thread=thread)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        article, story_id = backend.article(article_id)
        story = backend.story(story_id) if story_id else None
        return page(
            request,
            "article.html",
            title=article.title or article.id,
            a=article,
            story=story,
            text=pages.article_text(article, story),
        )

    @app.get(
        "/stories/{story_id}/export.{fmt}",
        tags=["export"],
        summary="A story as JSON (the CLI contract), CSV (its facts) or the offline HTML report",
        responses={200: {"content": {"application/json": {}, "text/csv": {}, "text/html": {}}}}
        | ERRORS,
    )
    def export(
        story_id: Annotated[str, Path(max_length=500)],
        fmt: Annotated[str, Path(pattern="^(json|csv|html)$")],
        download: bool = True,
    ) -> Response:
        ledger = backend.ledger(story_id, with_thread=fmt != "csv")
        name = _filename(story_id)
        disposition = {"content-disposition": f'attachment; filename="{name}.{fmt}"'}
        headers = disposition if download or fmt == "csv" else {}
        if fmt == "json":
            return JSONResponse(ledger_dict(ledger), headers=headers)
        if fmt == "csv":
            from storyledger.report.export import facts_csv

            csv_type = "text/csv; charset=utf-8"
            return Response(facts_csv(ledger), media_type=csv_type, headers=headers)
        html = report.render(ledger, "html")
        return HTMLResponse(html, headers={**headers, "content-security-policy": REPORT_CSP})

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request) -> HTMLResponse:
        return page(request, "add.html", title="Add articles", form={}, outcome=None, labels={})

    def add_result(request: Request, outcome: Outcome, form: dict[str, str]) -> HTMLResponse:
        status = 422 if outcome.problems else 200
        if outcome.added and not outcome.problems:
            form = {}  # stored: an empty form, so nothing is sent twice by mistake
        labels = backend.labels([*outcome.added, *outcome.duplicates])
        return page(
            request,
            "add.html",
            status,
            title="Add articles",
            form=form,
            outcome=outcome,
            labels=labels,
        )

    @app.post("/add/text", response_class=HTMLResponse, include_in_schema=False)
    def add_text(
        request: Request,
        text: Annotated[str, Form(max_length=2_000_000)] = "",
        title: Annotated[str, Form(max_length=2000)] = "",
        outlet: Annotated[str, Form(max_length=2000)] = "",
        published: Annotated[str, Form(max_length=100)] = "",
        url: Annotated[str, Form(max_length=2000)] = "",
        token: Annotated[str, Form(max_length=500)] = "",
    ) -> HTMLResponse:
        guard.check_write(request.headers, token)
        form = {"text": text, "title": title, "outlet": outlet, "published": published, "url": url}
        try:
            raws: list[RawArticle] = [intake.from_paste(text, title, outlet, published, url)]
            problems: list[Problem] = []
        except InputError as exc:
            raws, problems = [], [Problem(exc.source, exc.reason)]
        return add_result(request, backend.ingest(raws, problems), form)

    @app.post("/add/upload", response_class=HTMLResponse, include_in_schema=False)
    async def add_upload(
        request: Request,
        files: Annotated[list[UploadFile], File()],
        token: Annotated[str, Form(max_length=500)] = "",
    ) -> HTMLResponse:
        guard.check_write(request.headers, token)
        submission = await _read_uploads(files)
        outcome = await _run(backend.ingest, submission.raws, submission.problems)
        return add_result(request, outcome, {})

    @app.post("/add/feed", response_class=HTMLResponse, include_in_schema=False)
    def add_feed(
        request: Request,
        feed: Annotated[str, Form(max_length=2000)] = "",
        token: Annotated[str, Form(max_length=500)] = "",
    ) -> HTMLResponse:
        guard.check_write(request.headers, token)
        submission = intake.Submission()
        submission.extend(intake.from_feed(feed, allow_private=allow_private_feeds))
        return add_result(request, _ingest_feed(backend, submission), {"feed": feed})

    # JSON API -----------------------------------------------------------------------------

    @app.get("/api/stories", response_model=StoryListOut, responses=INVALID, tags=["stories"])
    def api_stories(
        q: Annotated[str | None, Query(max_length=MAX_QUERY, description="Words")] = None,
        entity: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
        outlet: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
        date_from: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        date_to: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> JSONResponse:
        """Stories newest first, filtered by words, an entity, an outlet or dates."""
        found, total = backend.reader().list_stories(
            query=q or None,
            entity=entity or None,
            outlet=outlet or None,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            offset=offset,
        )
        return JSONResponse(
            {"total": total, "limit": limit, "offset": offset, "stories": to_dict(found)}
        )

    @app.get("/api/stories/{story_id}", response_model=Ledger, responses=ERRORS, tags=["stories"])
    def api_story(
        story_id: Annotated[str, Path(max_length=500)],
        by: Annotated[str | None, Query(max_length=100, description="Split by a tag")] = None,
    ) -> JSONResponse:
        """The story's ledger with its articles, as `storyledger analyze --format json`;
        with `by` (an outlet tag, country, type, language) also `groups`: the split."""
        ledger = backend.ledger(story_id)
        body = ledger_dict(ledger)
        if by:
            groups = routes_research.group_context(backend, story_id, {"by": by}, ledger)["groups"]
            body["groups"] = to_dict(groups)
        return JSONResponse(body)

    @app.get("/api/threads", response_model=ThreadListOut, responses=INVALID, tags=["threads"])
    def api_threads(
        min_events: Annotated[int, Query(ge=1, le=100_000, description="Events at least")] = 1,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> JSONResponse:
        """Threads (developing stories linking events over days), latest first."""
        found, total = backend.reader().list_threads(min_events, limit, offset)
        return JSONResponse(
            {"total": total, "limit": limit, "offset": offset, "threads": to_dict(found)}
        )

    @app.get("/api/threads/{thread_id}", response_model=Thread, responses=ERRORS, tags=["threads"])
    def api_thread(thread_id: Annotated[str, Path(max_length=500)]) -> JSONResponse:
        """A thread's events in date order and how the key figures moved between them."""
        return JSONResponse(to_dict(backend.thread(thread_id)))

    @app.get(
        "/api/articles/{article_id}", response_model=ArticleOut, responses=ERRORS, tags=["articles"]
    )
    def api_article(article_id: Annotated[str, Path(max_length=500)]) -> JSONResponse:
        """One article's record and the story it belongs to."""
        article, story_id = backend.article(article_id)
        return JSONResponse({"article": to_dict(article), "story": story_id})

    @app.get("/api/search", response_model=SearchOut, responses=INVALID, tags=["articles"])
    def api_search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY)],
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> JSONResponse:
        """Articles holding every word of `q` (title, text or outlet), best match first."""
        hits, total = backend.search(q, limit, offset)
        return JSONResponse(
            {
                "total": total,
                "limit": limit,
                "offset": offset,
                "hits": [h.as_dict() for h in hits],
            }
        )

    @app.post(
        "/api/articles",
        **WRITE_ROUTE,
    )
    def api_add(request: Request, body: Annotated[ArticlesIn, Body()]) -> JSONResponse:
        """Add articles; all or nothing: one bad record and nothing is stored."""
        guard.check_write(request.headers, body.token)
        submission = intake.Submission()
        for n, item in enumerate(body.articles, 1):
            try:
                submission.extend(intake.from_record_items(item.model_dump(), f"articles[{n}]"))
            except InputError as exc:
                submission.problems.append(Problem(exc.source, exc.reason))
        return _outcome_json(backend.ingest(submission.raws, submission.problems))

    @app.post(
        "/api/articles/upload",
        **WRITE_ROUTE,
    )
    async def api_upload(
        request: Request,
        files: Annotated[list[UploadFile], File(description="txt, html, json or jsonl")],
        token: Annotated[str | None, Form(max_length=500)] = None,
    ) -> JSONResponse:
        """Add the articles in uploaded files; all or nothing across every file."""
        guard.check_write(request.headers, token)
        submission = await _read_uploads(files)
        return _outcome_json(await _run(backend.ingest, submission.raws, submission.problems))

    @app.post(
        "/api/feeds",
        **WRITE_ROUTE,
    )
    def api_feed(request: Request, body: Annotated[FeedIn, Body()]) -> JSONResponse:
        """Fetch an RSS/Atom feed (or URL list) and add its articles."""
        guard.check_write(request.headers)
        submission = intake.Submission()
        submission.extend(intake.from_feed(body.url, allow_private=allow_private_feeds))
        return _outcome_json(_ingest_feed(backend, submission))

    routes_research.add_routes(app, backend, page, guard, ERRORS)
    return app


def _warm_up(backend: Backend) -> None:
    """Load the language pipeline before the first article arrives (it takes seconds)."""
    try:
        backend.worker.warm()
    except Exception:  # the first ingest will report the real error
        return


async def _run(fn: Any, *args: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)


async def _read_uploads(files: list[UploadFile]) -> intake.Submission:
    submission = intake.Submission()
    if len(files) > MAX_FILES:
        submission.problems.append(Problem("upload", f"more than {MAX_FILES} files at once"))
        return submission
    for upload in files:
        data = await upload.read()
        if not upload.filename and not data:
            continue  # a file field left empty
        name = upload.filename or "upload.txt"
        if not data.strip():
            submission.problems.append(Problem(name, "empty file"))
            continue
        submission.extend(await _run(intake.from_upload, name, data))
    if not submission.raws and not submission.problems:
        submission.problems.append(Problem("upload", "no file was chosen"))
    return submission


def _ingest_feed(backend: Backend, submission: intake.Submission) -> Outcome:
    """A feed's good articles are stored even when some of its pages failed to fetch:
    a feed is not a file the user can fix, so its failures are reported, not blocking."""
    outcome = backend.ingest(submission.raws, [])
    outcome.problems = submission.problems + outcome.problems
    if not submission.raws and not outcome.problems:
        outcome.problems = [Problem("feed", "the feed lists no articles")]
    return outcome


def _outcome_json(outcome: Outcome) -> JSONResponse:
    if outcome.problems and not outcome.added:
        status = 422
    elif outcome.added:
        status = 201
    else:
        status = 200
    return JSONResponse(outcome.as_dict(), status_code=status)


def _date_or_none(value: str | None, end: bool = False) -> str | None:
    """A filter bound as a day: a month or a year given stands for its first (or last) day."""
    from storyledger.published import parse_published

    found = parse_published(value) if value else None
    if found is None:
        return None
    return (found.last if end else found.first).isoformat()


def _filename(story_id: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in story_id)[:80]
    return f"story-{safe or 'export'}"
