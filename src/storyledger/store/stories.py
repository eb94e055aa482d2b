"""Reads of stories and threads: the grouper's sketches, a story's title and cached
comparison, the story and thread listings, and what a cached page of a story depends on.

A mixin of `Store` (it reads `self.conn`).
"""

from __future__ import annotations

import json
import sqlite3

from storyledger.errors import NotFoundError
from storyledger.model import (
    Story,
    StorySketch,
    StorySummary,
    ThreadSummary,
    WindowEntry,
    story_from_dict,
)
from storyledger.store import threads
from storyledger.store import window as grouping_window
from storyledger.store.connection import fts_query, like_escape

# What a story's page depends on: its size, its comparison (when, how big), its newest
# article; the outlet table (a page split by an outlet tag follows it) and whether the story
# is followed (a story page offers to follow or unfollow).
_STORY_VERSION = """
    SELECT s.n_articles, l.computed_at, length(l.record),
           (SELECT max(rowid) FROM articles WHERE story_id = s.id),
           (SELECT max(updated_at) || ' ' || count(*) FROM outlets),
           (SELECT count(*) FROM followed_stories WHERE story_id = s.id)
    FROM stories s LEFT JOIN story_ledgers l ON l.story_id = s.id WHERE s.id = ?"""


class StoryReads:
    conn: sqlite3.Connection

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

    def load_window(self) -> list[WindowEntry]:
        """The grouper's recent window, in arrival order (store/window.py)."""
        return grouping_window.load_window(self.conn)

    def story_state(self, story_id: str) -> tuple[frozenset[str], str | None]:
        """A story's article ids and thread id (empty and None for no such story)."""
        ids = frozenset(
            r[0]
            for r in self.conn.execute("SELECT id FROM articles WHERE story_id = ?", (story_id,))
        )
        row = self.conn.execute("SELECT thread_id FROM stories WHERE id = ?", (story_id,))
        found = row.fetchone()
        return ids, found[0] if found else None

    def grouper_state(self) -> dict | None:
        """The grouper's global state, its df table read from grouping_df."""
        row = self.conn.execute("SELECT value FROM grouper_state WHERE key = 'grouper'").fetchone()
        if row is None:
            return None
        state = json.loads(row[0])
        state["df"] = grouping_window.load_df(self.conn)
        return state

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
            params.append(f'%"canonical": "{like_escape(entity)}"%')
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

    def story_version(self, story_id: str) -> tuple | None:
        """What the story's pages depend on, with its thread's state; None for an unknown
        story (or one still being written)."""
        row = self.conn.execute(_STORY_VERSION, (story_id,)).fetchone()
        if row is None:
            return None
        return (*row, *threads.thread_state(self.conn, story_id))

    def thread_version(self, thread_id: str) -> tuple:
        """What a thread's page depends on (its events, their sizes and comparisons); empty
        for an unknown thread."""
        return threads.thread_version(self.conn, thread_id)
