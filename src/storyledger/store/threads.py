"""Thread reads: a thread's events, a story's related events, the list of threads.

A story's thread is the `thread_id` column of `stories` (migration 0007), written with every
sketch from the grouper's topic, so each of these is one indexed query, not a scan of the
sketches. Functions take a connection so the web cache's own connection can ask too.
"""

from __future__ import annotations

import json
import sqlite3

from storyledger.errors import NotFoundError
from storyledger.identity import thread_id_for
from storyledger.model import StorySummary, ThreadSummary

# Date order, undated last; the id breaks ties (the order compare/threads.py keeps).
EVENT_ORDER = "s.first_date IS NULL, s.first_date, s.last_date, s.id"

_EVENTS = f"""
    SELECT s.id, s.title, s.n_articles, s.first_date, s.last_date,
           coalesce(l.n_discrepancies, 0) AS n_disc,
           (SELECT json_group_array(DISTINCT a.outlet) FROM articles a
            WHERE a.story_id = s.id AND a.outlet IS NOT NULL) AS outlets
    FROM stories s LEFT JOIN story_ledgers l ON l.story_id = s.id
    WHERE s.thread_id = ? AND s.id != ?
    ORDER BY {EVENT_ORDER}"""


def _summary(row: sqlite3.Row) -> StorySummary:
    return StorySummary(
        id=row["id"],
        title=row["title"],
        n_articles=row["n_articles"],
        outlets=sorted(json.loads(row["outlets"] or "[]")),
        first_date=row["first_date"],
        last_date=row["last_date"],
        n_discrepancies=row["n_disc"],
    )


def thread_of(conn: sqlite3.Connection, story_id: str) -> str:
    """The story's thread id; NotFoundError for a story the store does not hold."""
    row = conn.execute("SELECT thread_id FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no story {story_id!r} in the store")
    return row[0] or thread_id_for(story_id)


def thread_stories(conn: sqlite3.Connection, thread_id: str) -> list[StorySummary]:
    """The thread's events in date order; NotFoundError when no story is in that thread."""
    rows = conn.execute(_EVENTS, (thread_id, "")).fetchall()
    if not rows:
        raise NotFoundError(f"no thread {thread_id!r} in the store")
    return [_summary(r) for r in rows]


def related_events(conn: sqlite3.Connection, story_id: str) -> list[StorySummary]:
    """The other events of the story's thread, in date order (empty when it is alone)."""
    thread_id = thread_of(conn, story_id)
    return [_summary(r) for r in conn.execute(_EVENTS, (thread_id, story_id))]


def list_threads(
    conn: sqlite3.Connection, min_events: int = 1, limit: int = 50, offset: int = 0
) -> tuple[list[ThreadSummary], int]:
    """Threads with at least `min_events` events, latest first; returns (page, total).

    Reads the `threads` table (kept by triggers on `stories`): a page costs the page.
    """
    total = conn.execute(
        "SELECT count(*) FROM threads WHERE n_events >= ?", (min_events,)
    ).fetchone()[0]
    rows = conn.execute(
        """SELECT * FROM threads WHERE n_events >= ?
           ORDER BY last_date DESC, touched DESC, id DESC LIMIT ? OFFSET ?""",
        (min_events, limit, offset),
    ).fetchall()
    page = []
    for r in rows:
        title = conn.execute(
            f"SELECT s.title FROM stories s WHERE s.thread_id = ? ORDER BY {EVENT_ORDER} LIMIT 1",
            (r["id"],),
        ).fetchone()
        outlets = conn.execute(
            "SELECT DISTINCT a.outlet FROM stories s JOIN articles a ON a.story_id = s.id "
            "WHERE s.thread_id = ? AND a.outlet IS NOT NULL ORDER BY a.outlet",
            (r["id"],),
        )
        page.append(
            ThreadSummary(
                id=r["id"],
                title=title[0] if title else r["id"],
                n_events=r["n_events"],
                n_articles=r["n_articles"],
                outlets=[o[0] for o in outlets],
                first_date=r["first_date"],
                last_date=r["last_date"],
            )
        )
    return page, total


def thread_state(conn: sqlite3.Connection, story_id: str) -> tuple:
    """What a page showing the story's thread depends on: which thread, its events, their
    sizes and comparisons. It changes when an event joins or leaves the thread, an article
    joins one of its events, or an event's comparison is recomputed."""
    row = conn.execute("SELECT thread_id FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None or row[0] is None:
        return ()
    state = conn.execute(
        """SELECT count(*), sum(s.n_articles), max(s.touched), max(l.computed_at),
                  count(l.story_id), sum(l.n_discrepancies)
           FROM stories s LEFT JOIN story_ledgers l ON l.story_id = s.id
           WHERE s.thread_id = ?""",
        (row[0],),
    ).fetchone()
    return (row[0], *state)


def thread_version(conn: sqlite3.Connection, thread_id: str) -> tuple:
    """`thread_state` for a thread page, by the thread's id."""
    row = conn.execute(
        "SELECT id FROM stories WHERE thread_id = ? LIMIT 1", (thread_id,)
    ).fetchone()
    return thread_state(conn, row[0]) if row else ()
