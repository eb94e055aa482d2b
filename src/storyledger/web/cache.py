"""Rendered GET responses kept until the store changes.

Why: a story page is rebuilt from every article record of the story (JSON decode, highlight,
template), ~10-20 ms of CPU, while readers ask for the same few stories over and over. A
response is a pure function of the URL and the store's contents, so it is kept with the
store's `PRAGMA data_version` (which changes whenever any connection, in this process or
another such as `storyledger ingest`, commits) and served again until that changes. While
a page is being rendered, other requests for it wait and share the result instead of
rendering it fifty times over.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyledger.store import Store

MAX_ENTRY = 4 * 1024 * 1024  # bytes; bigger responses are rendered each time
MAX_TOTAL = 96 * 1024 * 1024
UNCACHED_PREFIXES = ("/static/", "/favicon")


class StoreVersion:
    """What a response depends on, read from one read-only store connection (event-loop only).

    A story's pages (and its articles' pages) change only when the story changes: an article
    joins it (n_articles, newest rowid) or its comparison is recomputed (when, and its size).
    So adding an article to one story leaves every other story's pages cached. Everything
    else (lists, search) follows the whole store's `PRAGMA data_version`.
    """

    def __init__(self, db_path: str) -> None:
        self.store = Store(db_path, readonly=True)

    def __call__(self, path: str = "") -> tuple:
        parts = path.split("/")
        thread_id = ""
        if len(parts) == 3 and parts[1] == "threads":
            thread_id = parts[2]
        elif len(parts) == 4 and parts[1:3] == ["api", "threads"]:
            thread_id = parts[3]
        version = self.store.thread_version(thread_id) if thread_id else ()
        if version:  # a thread page follows its events, as a story page follows its articles
            return ("thread", thread_id, *version)
        if len(parts) >= 3 and parts[1] == "stories" and parts[2]:
            return self._story(parts[2])
        if len(parts) == 4 and parts[1:3] == ["api", "stories"]:
            return self._story(parts[3])
        if len(parts) >= 3 and (parts[1] == "articles" or parts[1:3] == ["api", "articles"]):
            article_id = parts[2] if parts[1] == "articles" else "/".join(parts[3:])
            found = self.store.located_article(article_id)
            if found is not None and len(parts) == (3 if parts[1] == "articles" else 4):
                return ("article", article_id, *self._story(found[0] or ""))
        return ("store", self.store.data_version())

    def _story(self, story_id: str) -> tuple:
        version = self.store.story_version(story_id)
        if version is None:  # unknown (a 404, never kept) or a story still being written
            return ("store", self.store.data_version())
        # a story page lists its related events: it follows its thread too
        return ("story", story_id, *version)


class ResponseCache:
    """A pure ASGI middleware: successful GET responses, keyed by URL and store version."""

    def __init__(self, app: ASGIApp, version: StoreVersion) -> None:
        self.app = app
        self.version = version
        self.entries: OrderedDict[tuple[str, bytes], tuple[tuple, list, bytes]] = OrderedDict()
        self.total = 0
        self.pending: dict[tuple[str, bytes], tuple[tuple, asyncio.Event]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or path.startswith(UNCACHED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        key = (path, scope.get("query_string", b""))
        version = self.version(path)
        pending = self.pending.get(key)
        if pending is not None and pending[0] == version:
            await pending[1].wait()  # the same page is being rendered: share it
        entry = self.entries.get(key)
        if entry is not None and entry[0] == version:
            self.entries.move_to_end(key)
            _, headers, body = entry
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [*headers, (b"x-cache", b"hit")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        done = asyncio.Event()
        self.pending[key] = (version, done)
        try:
            await self._render(scope, receive, send, key, version)
        finally:
            if self.pending.get(key, (None, None))[1] is done:
                del self.pending[key]
            done.set()

    async def _render(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes], version: tuple
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        cacheable = True

        async def capture(message: Message) -> None:
            nonlocal start, cacheable
            if message["type"] == "http.response.start":
                start = message
                cacheable = message["status"] == 200
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-cache", b"miss")],
                }
            elif message["type"] == "http.response.body" and cacheable:
                chunks.append(message.get("body", b""))
                if sum(len(c) for c in chunks) > MAX_ENTRY:
                    cacheable = False
                    chunks.clear()
            await send(message)

        await self.app(scope, receive, capture)
        if start is not None and cacheable:
            self._keep(key, version, list(start.get("headers", [])), b"".join(chunks))

    def _keep(self, key: tuple[str, bytes], version: tuple, headers: list, body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.total -= len(old[2])
        self.entries[key] = (version, headers, body)
        self.total += len(body)
        while self.total > MAX_TOTAL and self.entries:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.total -= len(dropped)
