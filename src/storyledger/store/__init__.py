"""The embedded store: one SQLite file in WAL mode (many readers while one process writes).

Reads are methods on `Store`, by concern: articles (store/articles.py), stories and threads
(store/stories.py); every write goes through `store.writer`. No module outside store/ runs
SQL: a caller that needs a new query adds a named method here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from storyledger.model import Article, Story, StorySketch, WindowEntry
from storyledger.store import schema, writer
from storyledger.store.articles import ArticleReads
from storyledger.store.connection import (
    check_file,
    check_is_store,
    fts_query,
    guard_methods,
    store_error,
    use_wal,
)
from storyledger.store.feeds import FeedStateStore
from storyledger.store.stories import StoryReads

DEFAULT_DB = "storyledger.db"


def default_db_path() -> str:
    """`$STORYLEDGER_DB`, else storyledger.db in the working folder."""
    return os.environ.get("STORYLEDGER_DB", DEFAULT_DB)


@guard_methods
class Store(ArticleReads, StoryReads, FeedStateStore):
    """A store file (or `:memory:`), migrated on open for writing.

    `readonly` opens an existing store for reading only; `create=False` opens one for
    writing but never makes a new file: both say "no store at PATH" when there is none, so a
    mistyped `--db` on a reading command never leaves an empty store behind.
    """

    def __init__(
        self, path: str | Path = ":memory:", readonly: bool = False, create: bool = True
    ) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        if not memory:
            check_file(Path(self.path), readonly, create)
        try:
            if readonly:  # as a URI, so '?', '#' or '%' in a file name stay part of the name
                uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
                self.conn = sqlite3.connect(
                    uri, uri=True, isolation_level=None, timeout=30, check_same_thread=False
                )
            else:
                self.conn = sqlite3.connect(
                    self.path, isolation_level=None, timeout=30, check_same_thread=False
                )
        except sqlite3.DatabaseError as exc:
            raise store_error(self.path, exc) from exc
        try:
            self._open(readonly, memory)
        except BaseException as exc:
            self.conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise store_error(self.path, exc) from exc
            raise

    def _open(self, readonly: bool, memory: bool) -> None:
        """Settings, the check that the file is a store, and migrations (when writing)."""
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not memory:
            check_is_store(self.conn, self.path, readonly)
        if not readonly:
            if not memory:
                use_wal(self.conn)
            self.conn.execute("PRAGMA synchronous = NORMAL")
            schema.migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writes -------------------------------------------------------------------------------

    def write_batch(
        self,
        articles: Iterable[Article],
        assignments: dict[str, str],
        sketches: Iterable[StorySketch] = (),
        grouper_state: dict | None = None,
        ledgers: Iterable[Story] = (),
        window: tuple[Iterable[WindowEntry], Iterable[str]] | None = None,
        df_changes: tuple[dict[str, int], bool] | None = None,
    ) -> int:
        """`window`: the grouper's window changes (entries added, article ids gone);
        `df_changes`: the df table's changed terms (`StoryGrouper.df_changes()`)."""
        return writer.write_batch(
            self.conn, articles, assignments, sketches, grouper_state, ledgers, window, df_changes
        )

    def save_ledger(self, story: Story) -> bool:
        """Cache a story's comparison, unless the story's articles changed meanwhile.

        Another process may have added an article (and dropped the cached comparison)
        between the caller's read and this write: such a comparison is not stored, so the
        next read recomputes it. Returns whether it was stored.
        """
        with self.transaction():
            members = {
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM articles WHERE story_id = ?", (story.id,)
                )
            }
            if members != set(story.articles):
                return False
            writer.write_ledger(self.conn, story)
        return True

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the store's one write lock (BEGIN IMMEDIATE) for the whole block.

        Other writers, in this process or another, wait (up to the busy timeout) until the
        block commits; an exception rolls the block back. Writes made inside join it.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise store_error(self.path, exc) from exc
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise store_error(self.path, exc) from exc
            raise

    def data_version(self) -> int:
        """Changes when another connection commits (SQLite's `data_version`), never for ours."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]


__all__ = ["DEFAULT_DB", "Store", "default_db_path", "fts_query", "store_error"]
