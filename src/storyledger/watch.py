"""`storyledger watch`: poll feeds, ingest what is new through `api.ingest`, remember it.

Reading a feed is ingest's (ingest/feeds.py: `poll_feed`); storing and grouping is api's;
what was polled is the store's (migration 0009, `Store.feed_validators` ...). This module
only sequences them, so ingest never calls back up into api.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from storyledger import api
from storyledger.ingest.feeds import FeedPoll, poll_feed
from storyledger.ingest.fetch import Fetcher
from storyledger.model import Problem, RawArticle
from storyledger.store import Store


class StoredFeedState:
    """A poll's memory kept in the store: validators and fetched pages survive restarts."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self.store.feed_validators(url)

    def seen(self, urls: list[str]) -> set[str]:
        return self.store.seen_feed_pages(urls)

    def commit(self, poll: FeedPoll) -> None:
        """Remember the poll's validators and pages (call once its articles are stored)."""
        found = (poll.etag, poll.last_modified, poll.title) if poll.modified else None
        self.store.remember_feed_poll(poll.url, poll.pages, found)


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
    state = StoredFeedState(store)
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
