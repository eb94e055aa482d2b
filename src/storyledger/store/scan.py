"""Cursors over the whole store for bulk export: rows come one at a time, never all at once.

Filters that SQLite can apply (words, dates) are applied here; outlet and collection filters
need the outlet table's linking and are applied by the caller.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from storyledger.store import fts_query

_MATCH = "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


@dataclass
class ArticleMeta:
    id: str
    outlet: str | None
    url: str | None
    published: str | None
    title: str | None
    story: str | None
    story_title: str | None
    record: str | None  # the stored JSON record, when asked for
    text: str | None


def _where(query: str | None, date_from: str | None, date_to: str | None) -> tuple[list[str], list]:
    where, params = ["1=1"], []
    if query:
        where.append(_MATCH)
        params.append(fts_query(query))
    if date_from:
        where.append("a.published >= ?")
        params.append(date_from)
    if date_to:
        where.append("a.published <= ?")
        params.append(date_to)
    return where, params


def iter_articles(
    conn: sqlite3.Connection,
    query: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    with_record: bool = False,
    with_text: bool = False,
) -> Iterator[ArticleMeta]:
    """Articles in store order, filtered by words (full text) and publication dates."""
    where, params = _where(query, date_from, date_to)
    record = "a.record" if with_record else "NULL"
    text = "a.text" if with_text else "NULL"
    sql = (
        f"SELECT a.id, a.outlet, a.url, a.published, a.title, a.story_id, s.title, {record}, "
        f"{text} FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
        f"WHERE {' AND '.join(where)} ORDER BY a.rowid"
    )
    for row in conn.execute(sql, params):
        yield ArticleMeta(*row)


def iter_stories(
    conn: sqlite3.Connection,
    query: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Iterator[tuple[str, str]]:
    """(story id, title) of stories with at least one article passing the filters."""
    where, params = _where(query, date_from, date_to)
    if len(where) == 1:
        yield from conn.execute("SELECT id, title FROM stories ORDER BY rowid")
        return
    sql = (
        "SELECT s.id, s.title FROM stories s WHERE EXISTS (SELECT 1 FROM articles a "
        f"WHERE a.story_id = s.id AND {' AND '.join(where)}) ORDER BY s.rowid"
    )
    yield from conn.execute(sql, params)


def story_articles(
    conn: sqlite3.Connection,
    story_id: str,
    query: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, ArticleMeta]:
    """A story's articles passing the filters, by id."""
    where, params = _where(query, date_from, date_to)
    sql = (
        "SELECT a.id, a.outlet, a.url, a.published, a.title, a.story_id, NULL, NULL, NULL "
        f"FROM articles a WHERE a.story_id = ? AND {' AND '.join(where)}"
    )
    return {r[0]: ArticleMeta(*r) for r in conn.execute(sql, [story_id, *params])}


def story_dates(conn: sqlite3.Connection, story_id: str) -> tuple[str | None, str | None, int]:
    row = conn.execute(
        "SELECT first_date, last_date, n_articles FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    return (row[0], row[1], row[2]) if row else (None, None, 0)


def iter_story_members(
    conn: sqlite3.Connection,
) -> Iterator[tuple[str, str, list[tuple[str, str | None, str | None, list[str]]]]]:
    """(story id, title, [(article, outlet, url, also_in outlets)]) story after story.

    Rows come in story order from one cursor, so only one story's members are held.
    """
    rows = conn.execute(
        "SELECT a.story_id, s.title, a.id, a.outlet, a.url, json_extract(a.record, '$.also_in') "
        "FROM articles a JOIN stories s ON s.id = a.story_id ORDER BY a.story_id, a.rowid"
    )
    current, title, members = None, "", []
    for story_id, story_title, aid, outlet, url, also_in in rows:
        if story_id != current and members:
            yield current, title, members
            members = []
        current, title = story_id, story_title
        members.append((aid, outlet, url, json.loads(also_in) if also_in else []))
    if members:
        yield current, title, members


def outlet_counts(conn: sqlite3.Connection) -> list[tuple[str | None, str | None, int]]:
    """(outlet name as the articles give it, one of its URLs, articles), most articles first."""
    rows = conn.execute(
        "SELECT outlet, min(url), count(*) FROM articles GROUP BY outlet ORDER BY count(*) DESC"
    )
    return [tuple(r) for r in rows]
