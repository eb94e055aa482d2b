"""The embedded store: one SQLite file in WAL mode (many readers while one process writes).

Reads are methods on `Store`; every write goes through `store.writer`.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyledger.errors import NotFoundError, StoreError
from storyledger.identity import content_hash
from storyledger.model import (
    Article,
    Story,
    StorySketch,
    StorySummary,
    ThreadSummary,
    article_from_dict,
    story_from_dict,
)
from storyledger.store import feeds, schema, threads, writer

DEFAULT_DB = "storyledger.db"


def default_db_path() -> str:
    """`$STORYLEDGER_DB`, else storyledger.db in the working folder."""
    return os.environ.get("STORYLEDGER_DB", DEFAULT_DB)


def _guarded(method: Callable) -> Callable:
    """The method with SQLite's errors turned into one StoreError naming the store."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def rows(self: Store, *args: Any, **kwargs: Any) -> Iterator:
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.DatabaseError as exc:
                raise store_error(self.path, exc) from exc

        return rows

    @functools.wraps(method)
    def call(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise store_error(self.path, exc) from exc

    return call


def _guard_methods(cls: type) -> type:
    """Every public method of `cls` guarded: a damaged store is a message, not a traceback."""
    for name, value in list(vars(cls).items()):
        if inspect.isfunction(value) and not name.startswith("_"):
            setattr(cls, name, _guarded(value))
    return cls


@_guard_methods
class Store:
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
            _check_file(Path(self.path), readonly, create)
        try:
            if readonly:  # as a URI, so '?', '#' or '%' in a file name stay part of the name
                uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
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
            _check_is_store(self.conn, self.path, readonly)
        if not readonly:
            if not memory:
                self.conn.execute("PRAGMA journal_mode = WAL")
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
    ) -> int:
        return writer.write_batch(
            self.conn, articles, assignments, sketches, grouper_state, ledgers
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

    # reads --------------------------------------------------------------------------------

    def _present(self, column: str, values: Iterable[str]) -> set[str]:
        """Which of these values the articles table holds in `column` (id or content_hash)."""
        assert column in ("id", "content_hash")
        items = list(set(values))
        found: set[str] = set()
        for i in range(0, len(items), 500):
            chunk = items[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {column} FROM articles WHERE {column} IN ({marks})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def known_hashes(self, texts: Iterable[str]) -> set[str]:
        """Content hashes of these texts that the store already holds."""
        return self._present("content_hash", (content_hash(t) for t in texts))

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids the store already holds."""
        return self._present("id", ids)

    def count_articles(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def get_article(self, article_id: str) -> Article:
        row = self.conn.execute(
            "SELECT record FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in the store")
        return article_from_dict(json.loads(row[0]))

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def articles_of_story(self, story_id: str) -> list[Article]:
        rows = self.conn.execute(
            "SELECT record FROM articles WHERE story_id = ? ORDER BY published IS NULL, "
            "published, rowid",
            (story_id,),
        ).fetchall()
        return [article_from_dict(json.loads(r[0])) for r in rows]

    def iter_articles(self) -> Iterable[Article]:
        for row in self.conn.execute("SELECT record FROM articles ORDER BY rowid"):
            yield article_from_dict(json.loads(row[0]))

    def load_sketches(self, limit: int | None = None) -> list[StorySketch]:
        """Story sketches with their article ids, least recently touched first.

        With `limit`, only that many of the most recently touched: the stories a grouper
        keeps in its index, so loading costs the active stories, not the archive.
        """
        chosen = "SELECT rowid AS seq, * FROM stories ORDER BY touched DESC, seq DESC"
        params: tuple = ()
        if limit is not None:
            chosen += " LIMIT ?"
            params = (int(limit),)
        sketches = []
        members: dict[str, list[str]] = {}
        for row in self.conn.execute(
            f"SELECT a.story_id, a.id FROM articles a JOIN ({chosen}) s ON s.id = a.story_id "
            "ORDER BY a.rowid",
            params,
        ):
            members.setdefault(row[0], []).append(row[1])
        for row in self.conn.execute(f"SELECT * FROM ({chosen}) ORDER BY touched, seq", params):
            features = json.loads(row["features"])
            features["touched"] = row["touched"]
            sketches.append(
                StorySketch(
                    id=row["id"],
                    title=row["title"],
                    article_ids=members.get(row["id"], []),
                    features=features,
                    first_date=row["first_date"],
                    last_date=row["last_date"],
                )
            )
        return sketches

    def grouper_state(self) -> dict | None:
        row = self.conn.execute("SELECT value FROM grouper_state WHERE key = 'grouper'").fetchone()
        return json.loads(row[0]) if row else None

    def story_title(self, story_id: str) -> str:
        row = self.conn.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story {story_id!r} in the store")
        return row[0]

    def cached_ledger(self, story_id: str) -> Story | None:
        row = self.conn.execute(
            "SELECT record FROM story_ledgers WHERE story_id = ?", (story_id,)
        ).fetchone()
        return story_from_dict(json.loads(row[0])) if row else None

    def list_stories(
        self,
        query: str | None = None,
        entity: str | None = None,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[StorySummary], int]:
        """Stories newest first, filtered; returns (page, total matching)."""
        where, params = ["1=1"], []
        if query:
            where.append(
                "s.id IN (SELECT a.story_id FROM articles a JOIN articles_fts f "
                "ON f.rowid = a.rowid WHERE articles_fts MATCH ?)"
            )
            params.append(fts_query(query))
        if entity:
            where.append("s.id IN (SELECT story_id FROM articles WHERE record LIKE ? ESCAPE '\\')")
            params.append(f'%"canonical": "{_like_escape(entity)}"%')
        if outlet:
            where.append("s.id IN (SELECT story_id FROM articles WHERE outlet = ?)")
            params.append(outlet)
        if date_from:
            where.append("coalesce(s.last_date, s.first_date) >= ?")
            params.append(date_from)
        if date_to:
            where.append("coalesce(s.first_date, s.last_date) <= ?")
            params.append(date_to)
        clause = " AND ".join(where)
        total = self.conn.execute(f"SELECT count(*) FROM stories s WHERE {clause}", params)
        total = total.fetchone()[0]
        rows = self.conn.execute(
            f"""SELECT s.id, s.title, s.n_articles, s.first_date, s.last_date,
                    coalesce(l.n_discrepancies, 0) AS n_disc,
                    (SELECT group_concat(DISTINCT a.outlet) FROM articles a
                     WHERE a.story_id = s.id) AS outlets
                FROM stories s LEFT JOIN story_ledgers l ON l.story_id = s.id
                WHERE {clause}
                ORDER BY s.last_date IS NULL, s.last_date DESC, s.updated_at DESC, s.id
                LIMIT ? OFFSET ?""",
            [*params, limit, offset],
        ).fetchall()
        page = [
            StorySummary(
                id=r["id"],
                title=r["title"],
                n_articles=r["n_articles"],
                outlets=sorted((r["outlets"] or "").split(",")) if r["outlets"] else [],
                first_date=r["first_date"],
                last_date=r["last_date"],
                n_discrepancies=r["n_disc"],
            )
            for r in rows
        ]
        return page, total

    # threads (store/threads.py) -----------------------------------------------------------

    def thread_of(self, story_id: str) -> str:
        """The story's thread id (NotFoundError for an unknown story)."""
        return threads.thread_of(self.conn, story_id)

    def thread_stories(self, thread_id: str) -> list[StorySummary]:
        """The thread's events in date order (NotFoundError for an unknown thread)."""
        return threads.thread_stories(self.conn, thread_id)

    def related_events(self, story_id: str) -> list[StorySummary]:
        """The other events of the story's thread, in date order."""
        return threads.related_events(self.conn, story_id)

    def list_threads(
        self, min_events: int = 1, limit: int = 50, offset: int = 0
    ) -> tuple[list[ThreadSummary], int]:
        """Threads latest first, with at least `min_events` events; returns (page, total)."""
        return threads.list_threads(self.conn, min_events, limit, offset)

    # feed state (store/feeds.py, for watch) ------------------------------------------------

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        return feeds.validators(self.conn, url)

    def seen_feed_pages(self, urls: list[str]) -> set[str]:
        return feeds.seen_pages(self.conn, urls)

    def remember_feed_poll(
        self,
        url: str,
        pages: list[str],
        validators: tuple[str | None, str | None, str | None] | None,
    ) -> None:
        """The poll's pages and (etag, last-modified, title) when modified, in one commit."""
        with self.transaction():
            feeds.remember_poll(self.conn, url, pages, validators)


def _check_file(path: Path, readonly: bool, create: bool) -> None:
    """Refuse, with the real reason, a path that cannot be a store before SQLite touches it."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder; a store is one file")
    if not path.exists():
        if readonly or not create:
            raise StoreError(f"no store at {path} (run `storyledger ingest` first)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot write in {path.parent} ({exc.strerror or exc})") from exc
    elif not path.is_file():
        raise StoreError(f"{path} is not a regular file, so it cannot be a store")
    if readonly:
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read {path}: permission denied")
        return
    folder = path.parent
    if not os.access(folder, os.W_OK):  # SQLite keeps its journal (-wal, -shm) beside the file
        raise StoreError(f"cannot write in {folder}: the folder is read-only")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"cannot write {path}: the file is read-only")


def _check_is_store(conn: sqlite3.Connection, path: str, readonly: bool) -> None:
    """A SQLite file another program made is refused, never migrated into a store."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0 and not tables and not readonly:
        return  # a new (or empty) file: becomes a store
    if version == 0 or "articles" not in tables:
        held = ", ".join(sorted(tables)[:5])
        reason = f"a SQLite database of other tables: {held}" if held else "it holds no tables"
        raise StoreError(f"{path}: not a storyledger store ({reason})")


def store_error(path: str, exc: sqlite3.Error) -> StoreError:
    """SQLite's error as one message naming the store and the cause a user can act on."""
    message = str(exc)
    low = message.lower()
    if "file is not a database" in low:
        return StoreError(f"{path}: not a storyledger store (not a SQLite file, or a damaged one)")
    if "malformed" in low or "corrupt" in low:
        return StoreError(f"{path}: the store is damaged ({message}); restore it from a copy")
    if "locked" in low or "busy" in low:
        return StoreError(f"{path}: the store stayed busy (another process is writing to it)")
    if "readonly" in low or "read-only" in low or "unable to open" in low:
        folder = Path(path).resolve().parent
        if not os.access(folder, os.W_OK):
            return StoreError(f"cannot write in {folder}: the folder is read-only")
        return StoreError(f"{path}: cannot be opened for writing ({message})")
    return StoreError(f"{path}: {message}")


def fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms (no FTS syntax from users reaches SQLite)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) or '""'


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('"', '\\"')


__all__ = ["DEFAULT_DB", "Store", "default_db_path"]
