"""Feed state (migration 0009): a feed's validators and the pages already fetched.

A mixin of `Store` (it reads `self.conn`); the watcher (watch.py) reads and writes it through
these methods; nothing else does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime


def validators(conn: sqlite3.Connection, url: str) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) remembered for the feed, (None, None) when never polled."""
    row = conn.execute(
        "SELECT etag, last_modified FROM feed_state WHERE url = ?", (url,)
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def seen_pages(conn: sqlite3.Connection, urls: list[str]) -> set[str]:
    """The page URLs among `urls` fetched before (in chunks: SQLite caps bound values)."""
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = urls[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT url FROM feed_pages WHERE url IN ({marks})", chunk)
        found.update(r[0] for r in rows)
    return found


def remember_poll(
    conn: sqlite3.Connection,
    url: str,
    pages: list[str],
    validators: tuple[str | None, str | None, str | None] | None,
) -> None:
    """Store the poll's pages and, when the feed was modified, its (etag, last-modified,
    title). The caller holds the transaction."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if validators is not None:
        etag, last_modified, title = validators
        conn.execute(
            """INSERT INTO feed_state (url, etag, last_modified, title, checked_at)
               VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag,
               last_modified=excluded.last_modified, title=excluded.title,
               checked_at=excluded.checked_at""",
            (url, etag, last_modified, title, now),
        )
    conn.executemany(
        "INSERT OR IGNORE INTO feed_pages (url, feed, fetched_at) VALUES (?, ?, ?)",
        [(page, url, now) for page in pages],
    )


class FeedStateStore:
    """Store methods for feed state (mixed into `Store`)."""

    conn: sqlite3.Connection
    transaction: Callable[[], AbstractContextManager[None]]

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        return validators(self.conn, url)

    def seen_feed_pages(self, urls: list[str]) -> set[str]:
        return seen_pages(self.conn, urls)

    def remember_feed_poll(
        self,
        url: str,
        pages: list[str],
        found: tuple[str | None, str | None, str | None] | None,
    ) -> None:
        """The poll's pages and (etag, last-modified, title) when modified, in one commit."""
        with self.transaction():
            remember_poll(self.conn, url, pages, found)
