"""Research pages and API: outlets, group views' selector data, blindspots, export, feeds.

Added to the app by `create_app`; every answer comes from `storyledger.research`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import FastAPI, Form, Path, Query, Request
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)

from storyledger import bulk, follow, research
from storyledger.errors import NotFoundError, UsageError
from storyledger.model import Ledger, to_dict
from storyledger.web.access import Guard
from storyledger.web.backend import Backend
from storyledger.web.pages import story_href
from storyledger.web.streaming import stream_export

MAX_QUERY = 500
MAX_BY = 100
DATE = r"^\d{4}-\d{2}-\d{2}$"


def group_context(
    backend: Backend, story_id: str, params: Mapping[str, str | None], ledger: Ledger
) -> dict:
    """What the story page's group selector and split need; `by` in `params` splits."""
    reader = backend.reader()
    keys = research.group_keys(reader)
    chosen = (params.get("by") or "").strip().lower()[:MAX_BY]
    groups = research.group_view(reader, story_id, chosen, ledger.stories[0]) if chosen else None
    followed = follow.is_followed(reader, story_id)
    return {"group_keys": keys, "group_by": chosen, "groups": groups, "followed": followed}


def add_routes(
    app: FastAPI,
    backend: Backend,
    page: Callable[..., HTMLResponse],
    guard: Guard,
    errors: dict[int | str, dict[str, Any]],
) -> None:
    """Add the research routes; `errors` are the app's documented 404 and 422 answers."""
    invalid = {422: errors[422]}

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(
        request: Request,
        shipped: Annotated[bool, Query()] = False,
    ) -> HTMLResponse:
        reader = backend.reader()
        listed = research.list_outlets(reader, shipped=shipped)
        carried = research.article_outlets(reader)
        return page(
            request,
            "outlets.html",
            title="Outlets",
            outlets=listed,
            tag_keys=research.tag_keys(reader),
            carried=carried,
            shipped=shipped,
        )

    @app.get(
        "/outlets.csv",
        tags=["outlets"],
        summary="The outlet table as CSV",
        responses={200: {"content": {"text/csv": {}}}} | invalid,
    )
    def outlets_csv(shipped: Annotated[bool, Query()] = True) -> StreamingResponse:
        chunks = research.export_outlets(backend.reader(), shipped=shipped)
        return StreamingResponse(
            chunks,
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="outlets.csv"'},
        )

    @app.get(
        "/api/outlets",
        tags=["outlets"],
        summary="Outlets with their facts and your tags",
        responses=invalid,
    )
    def api_outlets(shipped: Annotated[bool, Query()] = True) -> JSONResponse:
        reader = backend.reader()
        return JSONResponse(
            {
                "outlets": to_dict(research.list_outlets(reader, shipped=shipped)),
                "group_keys": research.group_keys(reader),
            }
        )

    @app.get("/blindspots", response_class=HTMLResponse, include_in_schema=False)
    def blindspots_page(
        request: Request,
        by: Annotated[str, Query(max_length=100)] = "",
        threshold: Annotated[float, Query(ge=0.5, le=1.0)] = 0.8,
    ) -> HTMLResponse:
        reader = backend.reader()
        chosen = by.strip().lower()
        found = (
            research.blindspots(reader, chosen, threshold, ledger_of=backend.story)
            if chosen
            else []
        )
        return page(
            request,
            "blindspots.html",
            title="Blindspots",
            found=found,
            group_keys=research.group_keys(reader),
            group_by=chosen,
            threshold=threshold,
        )

    @app.get(
        "/api/blindspots",
        tags=["stories"],
        summary="Stories and figures one group carries",
        responses=invalid,
    )
    def api_blindspots(
        by: Annotated[str, Query(min_length=1, max_length=100)],
        threshold: Annotated[float, Query(ge=0.5, le=1.0)] = 0.8,
        min_articles: Annotated[int, Query(ge=1, le=1000)] = 2,
    ) -> JSONResponse:
        """Stories carried only or mostly (`threshold`) by one group of outlets, then figures
        only one group reports; each with the articles per group behind it."""
        found = research.blindspots(
            backend.reader(), by, threshold, min_articles, ledger_of=backend.story
        )
        return JSONResponse({"by": by.strip().lower(), "blindspots": to_dict(found)})

    @app.get(
        "/api/export",
        tags=["export"],
        summary="Every item of a kind across the store, streamed (CSV, JSON Lines, Parquet)",
        responses={
            200: {
                "content": {
                    "text/csv": {},
                    "application/x-ndjson": {},
                    "application/vnd.apache.parquet": {},
                }
            },
        }
        | invalid,
    )
    def api_export(
        kind: Annotated[
            str, Query(pattern="^(articles|stories|facts|quotes|claims|discrepancies)$")
        ],
        format: Annotated[str, Query(pattern="^(csv|jsonl|parquet)$")] = "csv",
        q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
        date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
        outlet: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
        collection: Annotated[
            str | None, Query(max_length=MAX_QUERY, description="TAG=VALUE")
        ] = None,
        limit: Annotated[int | None, Query(ge=1, le=100_000_000)] = None,
        offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
    ):
        """One row per item with its story, article, outlet, outlet tags, date and text span
        (columns in docs/json-contract.md). Streamed as it is read, in constant memory;
        `limit` and `offset` page through the rows."""
        try:
            filters = bulk.ExportFilter(
                q or None,
                date_from,
                date_to,
                outlet or None,
                bulk.ExportFilter.parse_collection(collection),
            )
        except UsageError as exc:
            return JSONResponse(
                {"detail": str(exc), "problems": [{"source": "collection", "reason": str(exc)}]},
                status_code=422,
            )
        return stream_export(backend, kind, format, filters, limit, offset)

    # follow: feeds of changes ------------------------------------------------------------

    def refreshed(story_ids: list[str] | None) -> None:
        """Log changes not seen yet (a story recomputed since), under the one write lock."""
        with backend.write_lock:
            follow.record_changes(backend.writer, story_ids)

    def atom(body: bytes) -> Response:
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    atom_answer = {200: {"content": {"application/atom+xml": {}}}} | errors

    @app.get(
        "/feeds/story/{story_id}.atom",
        tags=["feeds"],
        summary="A followed story's changes",
        responses=atom_answer,
    )
    def story_feed(request: Request, story_id: Annotated[str, Path(max_length=500)]) -> Response:
        from storyledger.report.atom import render_atom, story_feed_id

        reader = backend.reader()
        title = reader.story_title(story_id)  # 404 for unknown stories
        if not follow.is_followed(reader, story_id):
            raise NotFoundError(f"story {story_id!r} is not followed")
        refreshed([story_id])
        found = follow.changes(backend.reader(), story=story_id)
        base = str(request.base_url)
        return atom(
            render_atom(
                story_feed_id(story_id), f"storyledger: {title}", str(request.url), base, found
            )
        )

    @app.get(
        "/feeds/search/{name}.atom",
        tags=["feeds"],
        summary="A saved search's changes",
        responses=atom_answer,
    )
    def search_feed(request: Request, name: Annotated[str, Path(max_length=100)]) -> Response:
        from storyledger.report.atom import render_atom, search_feed_id

        reader = backend.reader()
        saved = follow.saved_search(reader, name)
        if saved is None:
            raise NotFoundError(f"no saved search {name!r}")
        refreshed(None)
        found = follow.changes(backend.reader(), search=name)
        title = f"storyledger search {name}: {saved}"
        return atom(
            render_atom(search_feed_id(name), title, str(request.url), str(request.base_url), found)
        )

    @app.get(
        "/api/changes",
        tags=["feeds"],
        summary="Changes in followed stories and searches",
        responses=errors,
    )
    def api_changes(
        since: Annotated[str | None, Query(pattern=DATE)] = None,
        story: Annotated[str | None, Query(max_length=500)] = None,
        search: Annotated[str | None, Query(max_length=100)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> JSONResponse:
        """New outlets, new or changed figures, new differences: newest first."""
        refreshed(None)
        found = follow.changes(backend.reader(), since, story, search, limit)
        return JSONResponse({"changes": to_dict(found)})

    @app.post("/stories/{story_id}/follow", include_in_schema=False)
    def follow_form(
        request: Request,
        story_id: Annotated[str, Path(max_length=500)],
        token: Annotated[str, Form(max_length=500)] = "",
        stop: Annotated[str, Form(max_length=10)] = "",
    ) -> Response:
        guard.check_write(request.headers, token)
        backend.reader().story_title(story_id)
        with backend.write_lock:
            if stop:
                follow.unfollow_story(backend.writer, story_id)
            else:
                follow.follow_story(backend.writer, story_id)
        return RedirectResponse(story_href(story_id, "follow"), status_code=303)
