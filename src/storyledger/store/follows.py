"""Followed stories, saved searches, story snapshots and the change log (all SQL here)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from storyledger.errors import NotFoundError, StoreError
from storyledger.store import fts_query


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write(conn: sqlite3.Connection, statements: Iterable[tuple[str, tuple]]) -> None:
    try:
        conn.execute("BEGIN IMMEDIATE")
        for sql, params in statements:
            conn.execute(sql, params)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot write to the store: {exc}") from exc


def follow(conn: sqlite3.Connection, story_id: str) -> None:
    _write(
        conn,
        [("INSERT INTO followed_stories VALUES (?, ?) ON CONFLICT DO NOTHING", (story_id, now()))],
    )


def unfollow(conn: sqlite3.Connection, story_id: str) -> bool:
    gone = conn.execute("SELECT 1 FROM followed_stories WHERE story_id = ?", (story_id,))
    found = gone.fetchone() is not None
    _write(conn, [("DELETE FROM followed_stories WHERE story_id = ?", (story_id,))])
    return found


def followed(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(story id, since) of every followed story."""
    return [tuple(r) for r in conn.execute("SELECT story_id, since FROM followed_stories")]


def is_followed(conn: sqlite3.Connection, story_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM followed_stories WHERE story_id = ?", (story_id,))
    return row.fetchone() is not None


def save_search(conn: sqlite3.Connection, name: str, query: str) -> None:
    _write(
        conn,
        [
            (
                "INSERT INTO saved_searches VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET query = excluded.query",
                (name, query, now()),
            )
        ],
    )


def delete_search(conn: sqlite3.Connection, name: str) -> bool:
    found = search(conn, name) is not None
    _write(conn, [("DELETE FROM saved_searches WHERE name = ?", (name,))])
    return found


def search(conn: sqlite3.Connection, name: str) -> tuple[str, str] | None:
    """(query, created at) of a saved search."""
    row = conn.execute(
        "SELECT query, created_at FROM saved_searches WHERE name = ?", (name,)
    ).fetchone()
    return (row[0], row[1]) if row else None


def searches(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(name, query, created at) of every saved search."""
    rows = conn.execute("SELECT name, query, created_at FROM saved_searches ORDER BY name")
    return [tuple(r) for r in rows]


def search_stories(conn: sqlite3.Connection, query: str, limit: int = 500) -> list[str]:
    """The stories with an article holding every word, most recently changed first."""
    rows = conn.execute(
        "SELECT DISTINCT a.story_id FROM articles a JOIN articles_fts f ON f.rowid = a.rowid "
        "JOIN stories s ON s.id = a.story_id WHERE articles_fts MATCH ? "
        "ORDER BY s.updated_at DESC LIMIT ?",
        (fts_query(query), limit),
    )
    return [r[0] for r in rows]


def first_ingested(conn: sqlite3.Connection, story_id: str) -> str | None:
    row = conn.execute("SELECT min(ingested_at) FROM articles WHERE story_id = ?", (story_id,))
    return row.fetchone()[0]


def snapshot(conn: sqlite3.Connection, story_id: str) -> dict | None:
    row = conn.execute("SELECT record FROM story_snapshots WHERE story_id = ?", (story_id,))
    found = row.fetchone()
    return json.loads(found[0]) if found else None


def record(
    conn: sqlite3.Connection, story_id: str, state: dict, changes: list[tuple[str, str]]
) -> None:
    """The story's new snapshot and its changes since the last one, in one transaction."""
    at = now()
    statements = [
        (
            "INSERT INTO story_snapshots VALUES (?, ?, ?) ON CONFLICT(story_id) DO UPDATE "
            "SET record = excluded.record, taken_at = excluded.taken_at",
            (story_id, json.dumps(state, ensure_ascii=False, sort_keys=True), at),
        )
    ]
    statements += [
        (
            "INSERT INTO story_changes(story_id, kind, summary, at) VALUES (?, ?, ?, ?)",
            (story_id, kind, summary, at),
        )
        for kind, summary in changes
    ]
    _write(conn, statements)


def changes(
    conn: sqlite3.Connection,
    story_ids: list[str] | None = None,
    since: str | None = None,
    limit: int = 200,
) -> list[tuple[int, str, str, str, str, str | None]]:
    """(id, story, kind, summary, at, story title), newest first."""
    where, params = ["1=1"], []
    if story_ids is not None:
        if not story_ids:
            return []
        where.append(f"c.story_id IN ({','.join('?' * len(story_ids))})")
        params += story_ids
    if since:
        where.append("c.at >= ?")
        params.append(since)
    rows = conn.execute(
        "SELECT c.id, c.story_id, c.kind, c.summary, c.at, s.title FROM story_changes c "
        f"LEFT JOIN stories s ON s.id = c.story_id WHERE {' AND '.join(where)} "
        "ORDER BY c.id DESC LIMIT ?",
        [*params, limit],
    )
    return [tuple(r) for r in rows]


def require_story(conn: sqlite3.Connection, story_id: str) -> None:
    if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
        raise NotFoundError(f"no story {story_id!r} in the store")
