"""The JSON API's reads: stories, threads, articles and search, as the JSON contract."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Path, Query
from fastapi.responses import JSONResponse

from storyledger.model import Ledger, SearchHit, Thread, to_dict
from storyledger.report.json import ledger_dict
from storyledger.web import routes_research
from storyledger.web.schemas import (
    ERRORS,
    INVALID,
    ArticleOut,
    SearchOut,
    StoryListOut,
    ThreadListOut,
)
from storyledger.web.site import Site

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MAX_QUERY = 500


def add_routes(app: FastAPI, site: Site) -> None:
    backend = site.backend

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
                "hits": [_hit_dict(h) for h in hits],
            }
        )


def _hit_dict(hit: SearchHit) -> dict:
    """A search hit as the API answers it: the snippet as text, and the words it matched."""
    return {
        "id": hit.id,
        "title": hit.title,
        "outlet": hit.outlet,
        "published": hit.published,
        "story": hit.story,
        "snippet": "".join(t for t, _ in hit.snippet),
        "matches": [t for t, matched in hit.snippet if matched],
    }
