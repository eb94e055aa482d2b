"""Live inputs: RSS/Atom feeds and plain URL lists, fetched politely and ingested as they change.

A feed is a URL (or a local file) holding RSS/Atom, or a plain list of page URLs, one a line
(`#` starts a comment). Each linked page is fetched and read with `parse_html`.

- Safety and politeness live in `fetch.Fetcher`: loopback, private and other internal
  addresses are refused (for the feed and for every page it links) unless the operator allows
  them, redirects are checked hop by hop, bodies are capped while they stream; a User-Agent
  naming the project, at most one request per `host_delay` seconds to any one host, timeouts,
  and retries with exponential backoff on 5xx, 429 and timeouts only.
- Conditional requests: a feed's ETag and Last-Modified are remembered, so an unchanged feed
  costs one `304 Not Modified`. Pages already fetched are remembered too and never refetched.
- Dates: `published` is the feed entry's date when the entry gives one, else the page's own
  metadata; never the fetch time, never guessed. The outlet is the feed's title (else the site).

State lives in two tables that `watch` creates beside the store's own (`CREATE TABLE IF NOT
EXISTS`, outside the store's migrations, since only the watcher reads them):
  feed_state(url PRIMARY KEY, etag, last_modified, title, checked_at)
  feed_pages(url PRIMARY KEY, feed, fetched_at)
Both are written only after the poll's articles are committed, so a crash mid-poll refetches
the poll's pages instead of losing them.
"""

from __future__ import annotations

import calendar
import hashlib
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from storyledger.errors import BlockedAddressError, FetchError, InputError, TransientFetchError
from storyledger.ingest.common import MAX_BYTES, decode, outlet_name
from storyledger.ingest.fetch import USER_AGENT, Fetched, Fetcher
from storyledger.ingest.html import parse_html
from storyledger.model import Problem, RawArticle

if TYPE_CHECKING:
    from storyledger.store import Store

STATE_SQL = (
    """CREATE TABLE IF NOT EXISTS feed_state (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, title TEXT, checked_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS feed_pages (
        url TEXT PRIMARY KEY, feed TEXT NOT NULL, fetched_at TEXT NOT NULL
    )""",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def url_article_id(url: str) -> str:
    """`web-` plus 16 hex digits of the URL's hash: one page, one id, however it was reached."""
    return "web-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


class FeedState:
    """Validators and fetched pages per feed: in SQLite beside the store, or in memory."""

    def __init__(self, conn: sqlite3.Connection | None = None) -> None:
        self.conn = conn
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._pages: set[str] = set()
        if conn is not None:
            for sql in STATE_SQL:
                conn.execute(sql)

    def validators(self, url: str) -> tuple[str | None, str | None]:
        if self.conn is None:
            return self._validators.get(url, (None, None))
        row = self.conn.execute(
            "SELECT etag, last_modified FROM feed_state WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def seen(self, urls: list[str]) -> set[str]:
        if self.conn is None:
            return self._pages.intersection(urls)
        found: set[str] = set()
        for i in range(0, len(urls), 500):
            chunk = urls[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT url FROM feed_pages WHERE url IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def commit(self, poll: FeedPoll) -> None:
        """Remember the poll's validators and pages (call once its articles are stored)."""
        if self.conn is None:
            if poll.modified:
                self._validators[poll.url] = (poll.etag, poll.last_modified)
            self._pages.update(poll.pages)
            return
        now = _now()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if poll.modified:
                self.conn.execute(
                    """INSERT INTO feed_state (url, etag, last_modified, title, checked_at)
                       VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag,
                       last_modified=excluded.last_modified, title=excluded.title,
                       checked_at=excluded.checked_at""",
                    (poll.url, poll.etag, poll.last_modified, poll.title, now),
                )
            self.conn.executemany(
                "INSERT OR IGNORE INTO feed_pages (url, feed, fetched_at) VALUES (?, ?, ?)",
                [(page, poll.url, now) for page in poll.pages],
            )
            self.conn.execute("COMMIT")
        except sqlite3.Error:
            self.conn.execute("ROLLBACK")
            raise


@dataclass
class FeedPoll:
    """What one poll of one feed found: new articles, problems, and what to remember after."""

    url: str
    items: list[RawArticle | Problem] = field(default_factory=list)
    modified: bool = True  # False on 304 Not Modified
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    pages: list[str] = field(default_factory=list)  # page URLs fetched (or failed for good)


@dataclass
class _Link:
    url: str
    title: str | None = None
    published: str | None = None


def _entry_date(entry: dict) -> str | None:
    """The entry's own publication (else update) date as YYYY-MM-DD in UTC; None if absent."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()
    return None


def _is_url_list(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return bool(lines) and all(
        urlsplit(ln).scheme in ("http", "https") and " " not in ln for ln in lines
    )


def parse_feed(text: str, source: str) -> tuple[str | None, list[_Link]]:
    """(feed title, linked pages) of an RSS/Atom document or a URL list."""
    if _is_url_list(text):
        links = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        return None, [_Link(url) for url in dict.fromkeys(links)]
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.get("version") and not parsed.entries:
        raise InputError(source, "neither an RSS/Atom feed nor a list of URLs")
    links: list[_Link] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        links.append(_Link(link, entry.get("title") or None, _entry_date(entry)))
    title = parsed.feed.get("title") or None
    return title, links


def _response_text(response: Fetched, source: str) -> str:
    if len(response.content) > MAX_BYTES:  # the fetcher's cap may be set higher
        raise FetchError(source, "page too large for an article")
    if response.charset:
        try:
            return response.content.decode(response.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(response.content, source)


def _fetch_page(fetcher: Fetcher, link: _Link, feed_title: str | None) -> RawArticle:
    response = fetcher.get(link.url)
    html = _response_text(response, link.url)
    page = parse_html(html, link.url, url_article_id(link.url), url=link.url)
    page.url = link.url
    page.path = None
    if link.published:
        page.published = link.published
    if link.title:
        page.title = link.title
    if feed_title:
        page.outlet = outlet_name(feed_title)
    if page.outlet is None:
        page.outlet = outlet_name(urlsplit(link.url).hostname)
    return page


def poll_feed(url: str, state: FeedState | None = None, fetcher: Fetcher | None = None) -> FeedPoll:
    """Fetch a feed (conditionally) and every page it links that `state` has not seen."""
    state = state or FeedState()
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    poll = FeedPoll(url)
    try:
        if urlsplit(url).scheme in ("http", "https"):
            etag, last_modified = state.validators(url)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            response = fetcher.get(url, headers=headers)
            if response.status == 304:
                poll.modified = False
                return poll
            poll.etag = response.headers.get("ETag")
            poll.last_modified = response.headers.get("Last-Modified")
            text = _response_text(response, url)
        else:
            from storyledger.ingest.common import read_bytes

            text = decode(read_bytes(Path(url)), url)
        poll.title, links = parse_feed(text, url)
        if not links:
            poll.items.append(Problem(url, "the feed links no pages"))
        seen = state.seen([link.url for link in links])
        for link in links:
            if link.url in seen:
                continue
            try:
                poll.items.append(_fetch_page(fetcher, link, poll.title))
                poll.pages.append(link.url)
            except FetchError as exc:
                poll.items.append(Problem(exc.source, exc.reason))
                if not isinstance(exc, TransientFetchError | BlockedAddressError):
                    poll.pages.append(link.url)  # a 404 stays a 404: do not ask again
            except InputError as exc:
                poll.items.append(Problem(exc.source, exc.reason))
                poll.pages.append(link.url)
    except InputError as exc:
        poll.modified = False  # keep the old validators so the next poll fetches it again
        poll.items.append(Problem(exc.source, exc.reason))
    finally:
        if own:
            fetcher.close()
    return poll


def fetch_feed(url: str, allow_private: bool = False) -> list[RawArticle | Problem]:
    """Every page a feed (or URL list) links, read as articles; unreadable or refused ones
    as Problems. `allow_private` is the operator's `--allow-private-feeds`."""
    with Fetcher(allow_private=allow_private) as fetcher:
        return poll_feed(url, fetcher=fetcher).items


def _sleep(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 1.0))


def watch(
    feeds: list[str],
    store: Store,
    interval: float,
    once: bool,
    on_event: Callable[[str], None],
    fetcher: Fetcher | None = None,
    allow_private: bool = False,
) -> None:
    """Poll the feeds every `interval` seconds; store and group only what is new.

    Near-identical pages within one poll (wire copies) fold into one article with every outlet
    that ran it. Ctrl-C stops between two steps; what was stored stays stored.
    """
    from storyledger import api

    state = FeedState(store.conn)
    own = fetcher is None
    fetcher = fetcher or Fetcher(allow_private=allow_private)
    try:
        while True:
            for url in feeds:
                poll = poll_feed(url, state, fetcher)
                if not poll.modified and not poll.items:
                    on_event(f"{url}: not modified")
                    continue
                raws = [r for r in poll.items if isinstance(r, RawArticle)]
                problems = [p for p in poll.items if isinstance(p, Problem)]
                for problem in problems:
                    on_event(f"skipped {problem.source}: {problem.reason}")
                result = api.ingest(None, store, raws=raws)  # folds wire copies too
                state.commit(poll)
                on_event(
                    f"{url}: {len(result.added)} new, {len(result.duplicates)} already stored, "
                    f"{len(problems)} skipped; {len(result.stories)} stories changed"
                )
            if once:
                return
            _sleep(interval)
    except KeyboardInterrupt:
        on_event("stopped")
    finally:
        if own:
            fetcher.close()


__all__ = [
    "USER_AGENT",
    "FeedPoll",
    "FeedState",
    "Fetcher",
    "fetch_feed",
    "parse_feed",
    "poll_feed",
    "url_article_id",
    "watch",
]
