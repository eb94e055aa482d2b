"""Adding articles: the /add page's forms and the JSON API's writes, both all or nothing.

Every write is checked by the server's `Guard` first; the stored outcome comes from the
backend (one transaction per submission), the same for a form and for the API.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from storyledger.errors import InputError
from storyledger.model import Problem, RawArticle
from storyledger.web import intake
from storyledger.web.backend import Backend, Outcome
from storyledger.web.schemas import WRITE_ROUTE, ArticlesIn, FeedIn
from storyledger.web.site import Site

MAX_FILES = 50


def add_form_routes(app: FastAPI, site: Site) -> None:
    """The /add page and its three forms: pasted text, uploaded files, a feed."""
    backend, guard, page = site.backend, site.guard, site.page

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
        outcome = await run_in_threadpool(backend.ingest, submission.raws, submission.problems)
        return add_result(request, outcome, {})

    @app.post("/add/feed", response_class=HTMLResponse, include_in_schema=False)
    def add_feed(
        request: Request,
        feed: Annotated[str, Form(max_length=2000)] = "",
        token: Annotated[str, Form(max_length=500)] = "",
    ) -> HTMLResponse:
        guard.check_write(request.headers, token)
        submission = intake.Submission()
        submission.extend(intake.from_feed(feed, allow_private=site.allow_private_feeds))
        return add_result(request, _ingest_feed(backend, submission), {"feed": feed})


def add_api_routes(app: FastAPI, site: Site) -> None:
    """POST /api/articles, /api/articles/upload and /api/feeds."""
    backend, guard = site.backend, site.guard

    @app.post("/api/articles", **WRITE_ROUTE)
    def api_add(request: Request, body: Annotated[ArticlesIn, Body()]) -> JSONResponse:
        """Add articles; all or nothing: one bad record and nothing is stored."""
        guard.check_write(request.headers, body.token)
        submission = intake.Submission()
        for n, item in enumerate(body.articles, 1):
            try:
                submission.extend(intake.from_record_items(item.model_dump(), f"articles[{n}]"))
            except InputError as exc:
                submission.problems.append(Problem(exc.source, exc.reason))
        return outcome_json(backend.ingest(submission.raws, submission.problems))

    @app.post("/api/articles/upload", **WRITE_ROUTE)
    async def api_upload(
        request: Request,
        files: Annotated[list[UploadFile], File(description="txt, html, json or jsonl")],
        token: Annotated[str | None, Form(max_length=500)] = None,
    ) -> JSONResponse:
        """Add the articles in uploaded files; all or nothing across every file."""
        guard.check_write(request.headers, token)
        submission = await _read_uploads(files)
        outcome = await run_in_threadpool(backend.ingest, submission.raws, submission.problems)
        return outcome_json(outcome)

    @app.post("/api/feeds", **WRITE_ROUTE)
    def api_feed(request: Request, body: Annotated[FeedIn, Body()]) -> JSONResponse:
        """Fetch an RSS/Atom feed (or URL list) and add its articles."""
        guard.check_write(request.headers)
        submission = intake.Submission()
        submission.extend(intake.from_feed(body.url, allow_private=site.allow_private_feeds))
        return outcome_json(_ingest_feed(backend, submission))


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
        submission.extend(await run_in_threadpool(intake.from_upload, name, data))
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


def outcome_json(outcome: Outcome) -> JSONResponse:
    """422 when nothing could be stored, 201 when something was, 200 when nothing was new."""
    if outcome.problems and not outcome.added:
        status = 422
    elif outcome.added:
        status = 201
    else:
        status = 200
    return JSONResponse(outcome.as_dict(), status_code=status)


def empty_outcome() -> dict[str, Any]:
    """A write's answer when nothing was stored (the error handler's shape for a POST)."""
    return Outcome().as_dict()
