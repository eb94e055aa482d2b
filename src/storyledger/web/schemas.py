"""OpenAPI schemas of the JSON API: what a client sends and the answers it gets.

Read responses are documented with the records of model.py (the JSON contract itself);
handlers return them as stored, as JSONResponse, so nothing is re-validated.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from storyledger.model import Article, StorySummary, ThreadSummary


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
