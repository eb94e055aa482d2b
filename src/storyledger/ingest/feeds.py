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

What a poll remembers goes through a `FeedMemory`: `FeedState` here keeps it in memory; the
watcher (storyledger/watch.py) keeps it in the store (migration 0009), written only after the
poll's articles are committed, so a crash mid-poll refetches the poll's pages instead of
losing them. This module only reads feeds; it never stores or ingests.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from storyledger.errors import BlockedAddressError, FetchError, InputError, TransientFetchError
from storyledger.ingest.common import MAX_BYTES, decode, outlet_name
from storyledger.ingest.fetch import USER_AGENT, Fetched, Fetcher
from storyledger.ingest.html import parse_html
from storyledger.model import Problem, RawArticle


def url_article_id(url: str) -> str:
    """`web-` plus 16 hex digits of the URL's hash: one page, one id, however it was reached."""
    return "web-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


class FeedMemory(Protocol):
    """What a poll needs remembered between polls: validators and pages already fetched."""

    def validators(self, url: str) -> tuple[str | None, str | None]: ...

    def seen(self, urls: list[str]) -> set[str]: ...

    def commit(self, poll: FeedPoll) -> None: ...


class FeedState:
    """Validators and fetched pages per feed, in memory (the store keeps its own: watch.py)."""

    def __init__(self) -> None:
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._pages: set[str] = set()

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self._validators.get(url, (None, None))

    def seen(self, urls: list[str]) -> set[str]:
        return self._pages.intersection(urls)

    def commit(self, poll: FeedPoll) -> None:
        """Remember the poll's validators and pages (call once its articles are stored)."""
        if poll.modified:
            self._validators[poll.url] = (poll.etag, poll.last_modified)
        self._pages.update(poll.pages)


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


def poll_feed(
    url: str, state: FeedMemory | None = None, fetcher: Fetcher | None = None
) -> FeedPoll:
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


__all__ = [
    "USER_AGENT",
    "FeedMemory",
    "FeedPoll",
    "FeedState",
    "Fetcher",
    "fetch_feed",
    "parse_feed",
    "poll_feed",
    "url_article_id",
]
