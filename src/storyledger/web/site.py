"""What every route module shares: the store access, the write policy and the page renderer.

Made once by `create_app`, so templates are loaded and renderers registered once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from storyledger.report import threadviews, views
from storyledger.web import pages
from storyledger.web.access import Guard
from storyledger.web.backend import Backend

# Story, article and thread pages are cached per story, so they carry no store-wide counts.
UNCOUNTED = ("story.html", "article.html", "thread.html")


def environment() -> Environment:
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


@dataclass
class Site:
    backend: Backend
    guard: Guard
    allow_private_feeds: bool = False
    env: Environment = field(default_factory=environment)

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        counts = self.backend.counts() if name not in UNCOUNTED else None
        html = self.env.get_template(name).render(
            request=request,
            counts=counts,
            writes_enabled=self.guard.writes_enabled,
            token_required=self.guard.token_required,
            **context,
        )
        return HTMLResponse(html, status_code=status)
