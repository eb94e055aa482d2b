"""The one writer: every change to the store goes through here, one transaction per batch.

A batch is all or nothing: a crash mid-batch leaves the store as it was before the batch
(SQLite's journal does the rest), so re-running the same input ends with each article once.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from storyledger.errors import StoreError
from storyledger.identity import content_hash, thread_id_for
from storyledger.model import Article, Story, StorySketch, WindowEntry, to_dict
from storyledger.store.window import write_df, write_window

PIPELINE_VERSION = "1"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_batch(
    conn: sqlite3.Connection,
    articles: Iterable[Article],
    assignments: dict[str, str],
    sketches: Iterable[StorySketch] = (),
    grouper_state: dict | None = None,
    ledgers: Iterable[Story] = (),
    window: tuple[Iterable[WindowEntry], Iterable[str]] | None = None,
    df_changes: tuple[dict[str, int], bool] | None = None,
) -> int:
    """Store articles, their story assignments, touched stories and grouping state atomically.

    `window` is the grouper's window changes (entries added, article ids that left it), kept
    with the rest so a grouper reloaded from the store holds exactly this one's window.
    `df_changes` is the df table's changed terms (`StoryGrouper.df_changes()`); a state that
    still holds a whole `df` has it stored in the df table too, in place of the old.

    Returns how many articles were new; an article whose text is already stored is skipped.
    Inside a transaction the caller holds (`Store.transaction`), the batch joins it.
    """
    now = _now()
    added = 0
    batch_ids: set[str] = set()
    own = not conn.in_transaction
    try:
        if own:
            conn.execute("BEGIN IMMEDIATE")
        for article in articles:
            record = to_dict(article)
            cur = conn.execute(
                """INSERT INTO articles (id, content_hash, path, url, outlet, published, title,
                       text, record, story_id, pipeline, ingested_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT DO NOTHING""",
                (
                    article.id,
                    content_hash(article.text),
                    article.path,
                    article.url,
                    article.outlet,
                    article.published,
                    article.title,
                    article.text,
                    json.dumps(record, ensure_ascii=False),
                    assignments.get(article.id),
                    PIPELINE_VERSION,
                    now,
                ),
            )
            added += cur.rowcount
            batch_ids.add(article.id)
        moved_to: dict[str, Counter[str]] = {}  # old story -> where its moved articles went
        for article_id, story_id in assignments.items():
            if article_id not in batch_ids:  # a stored article the grouper moved
                row = conn.execute(
                    "SELECT story_id FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                if row and row[0] and row[0] != story_id:
                    moved_to.setdefault(row[0], Counter())[story_id] += 1
                conn.execute(
                    "UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id)
                )
        sketches = list(sketches)
        for sketch in sketches:
            if not sketch.article_ids:  # an event the grouper emptied into others
                _hand_over_follow(conn, sketch.id, moved_to.get(sketch.id), now)
                conn.execute("DELETE FROM story_ledgers WHERE story_id = ?", (sketch.id,))
                conn.execute("DELETE FROM stories WHERE id = ?", (sketch.id,))
                continue
            conn.execute(
                """INSERT INTO stories (id, title, features, first_date, last_date, n_articles,
                       updated_at, touched, thread_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title=excluded.title, features=excluded.features,
                       first_date=excluded.first_date, last_date=excluded.last_date,
                       n_articles=excluded.n_articles, updated_at=excluded.updated_at,
                       touched=excluded.touched, thread_id=excluded.thread_id""",
                (
                    sketch.id,
                    sketch.title,
                    json.dumps(sketch.features, ensure_ascii=False),
                    sketch.first_date,
                    sketch.last_date,
                    len(sketch.article_ids),
                    now,
                    int(sketch.features.get("touched", 0)),
                    thread_id_for(str(sketch.features.get("topic") or sketch.id)),
                ),
            )
        if grouper_state is not None:
            state = dict(grouper_state)
            if "df" in state:
                write_df(conn, dict(state.pop("df")), replace=True)
            conn.execute(
                "INSERT INTO grouper_state (key, value) VALUES ('grouper', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (json.dumps(state),),
            )
        if df_changes is not None:
            write_df(conn, *df_changes)
        if window is not None:
            write_window(conn, *window)
        # A story that gained articles has a stale comparison: drop it in the same
        # transaction, so no reader ever sees an article its story's ledger lacks.
        ledgers = list(ledgers)
        fresh = {story.id for story in ledgers}
        for story_id in (set(assignments.values()) | {s.id for s in sketches}) - fresh:
            conn.execute("DELETE FROM story_ledgers WHERE story_id = ?", (story_id,))
        for story in ledgers:
            write_ledger(conn, story, now)
        if own:
            conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"could not write to the store: {exc}") from exc
    return added


def write_ledger(conn: sqlite3.Connection, story: Story, now: str | None = None) -> None:
    conn.execute(
        """INSERT INTO story_ledgers (story_id, record, n_discrepancies, computed_at)
           VALUES (?, ?, ?, ?) ON CONFLICT(story_id) DO UPDATE SET record=excluded.record,
               n_discrepancies=excluded.n_discrepancies, computed_at=excluded.computed_at""",
        (
            story.id,
            json.dumps(to_dict(story), ensure_ascii=False),
            len(story.discrepancies),
            now or _now(),
        ),
    )


def _hand_over_follow(
    conn: sqlite3.Connection, gone: str, received: Counter[str] | None, now: str
) -> None:
    """A followed event the grouper emptied into another: the follow moves to the event that
    took most of its articles, with one change saying so, so `changes` and the feeds keep
    telling the user instead of pointing at a story that no longer exists."""
    row = conn.execute("SELECT since FROM followed_stories WHERE story_id = ?", (gone,))
    followed = row.fetchone()
    conn.execute("DELETE FROM followed_stories WHERE story_id = ?", (gone,))
    conn.execute("DELETE FROM story_snapshots WHERE story_id = ?", (gone,))
    if followed is None or not received:
        return
    into = received.most_common(1)[0][0]
    title = conn.execute("SELECT title FROM stories WHERE id = ?", (gone,)).fetchone()
    conn.execute(
        "INSERT OR IGNORE INTO followed_stories (story_id, since) VALUES (?, ?)",
        (into, followed[0]),
    )
    conn.execute(
        "INSERT INTO story_changes (story_id, kind, summary, at) VALUES (?, 'story', ?, ?)",
        (into, f"Merged with the followed story: {title[0] if title else gone}", now),
    )
