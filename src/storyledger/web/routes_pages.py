"""The reading pages: stories, search, a story side by side, threads, an article, exports."""

from __future__ import annotations

import math
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from storyledger import report
from storyledger.published import parse_published
from storyledger.report.json import ledger_dict
from storyledger.web import chart, pages, routes_research
from storyledger.web.access import REPORT_CSP
from storyledger.web.schemas import ERRORS
from storyledger.web.site import Site

# Inline, not a file: package data ships html/css/js, and an icon is not worth a new glob.
FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" '
    b'height="32" rx="6" fill="#15202e"/><path d="M8 9h16M8 15h16M8 21h10" stroke="#9cc3f0" '
    b'stroke-width="3" stroke-linecap="round"/></svg>'
)
PAGE_SIZE = 20
MAX_QUERY = 500
# What each export format is served as; the body comes from report.render.
EXPORT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


def add_routes(app: FastAPI, site: Site) -> None:
    backend, page = site.backend, site.page

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
        if fmt == "html":
            headers = {**headers, "content-security-policy": REPORT_CSP}
            return HTMLResponse(report.render(ledger, "html"), headers=headers)
        body = report.render(ledger, fmt)
        return Response(body, media_type=EXPORT_TYPES[fmt], headers=headers)


def _date_or_none(value: str | None, end: bool = False) -> str | None:
    """A filter bound as a day: a month or a year given stands for its first (or last) day."""
    found = parse_published(value) if value else None
    if found is None:
        return None
    return (found.last if end else found.first).isoformat()


def _filename(story_id: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in story_id)[:80]
    return f"story-{safe or 'export'}"
