"""The grouper's recent window (table grouping_window, migration 0008) and its document
frequencies (table grouping_df, migration 0010) in the store.

Why: the window's batch re-clustering needs each recent article's own features; without them
a grouper reloaded from the store (the next ingest, an overlapping one) sees only event means
and groups differently from one that never stopped. Features are stored as computed (counts
before idf, float32 embedding), so reloading costs a read, not a re-run of spaCy or the model.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from storyledger.model import WindowEntry


def write_window(
    conn: sqlite3.Connection, added: Iterable[WindowEntry], removed: Iterable[str]
) -> None:
    """Apply the window's changes since the last write (inside the caller's transaction)."""
    gone = list(removed)
    for i in range(0, len(gone), 500):
        chunk = gone[i : i + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM grouping_window WHERE article_id IN ({marks})", chunk)
    conn.executemany(
        """INSERT INTO grouping_window (article_id, seq, counts, embedding, published, title,
               stated, people) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(article_id) DO UPDATE SET seq=excluded.seq, counts=excluded.counts,
               embedding=excluded.embedding, published=excluded.published,
               title=excluded.title, stated=excluded.stated, people=excluded.people""",
        [
            (
                e.article_id,
                e.seq,
                json.dumps(e.counts, ensure_ascii=False),
                e.embedding,
                e.published,
                e.title,
                e.stated,
                json.dumps(sorted(e.people), ensure_ascii=False),
            )
            for e in added
        ],
    )


def load_window(conn: sqlite3.Connection) -> list[WindowEntry]:
    """The window, in arrival order."""
    return [
        WindowEntry(
            article_id=row[0],
            seq=row[1],
            counts=json.loads(row[2]),
            embedding=bytes(row[3]),
            published=row[4],
            title=row[5],
            stated=row[6],
            people=json.loads(row[7]),
        )
        for row in conn.execute(
            "SELECT article_id, seq, counts, embedding, published, title, stated, people "
            "FROM grouping_window ORDER BY seq"
        )
    ]


def write_df(
    conn: sqlite3.Connection, df: dict[str, int], replace: bool = False, fold_every: int = 64
) -> None:
    """Store the df table's changed terms (inside the caller's transaction): one log row, and
    every `fold_every` rows the log folded into the table. With `replace`, `df` is the whole
    table (the grouper pruned it) and takes the old one's place."""
    if replace:
        conn.execute("DELETE FROM grouping_df")
        conn.execute("DELETE FROM grouping_df_log")
        _upsert(conn, df)
        return
    if not df:
        return
    conn.execute(
        "INSERT INTO grouping_df_log (counts) VALUES (?)", (json.dumps(df, ensure_ascii=False),)
    )
    if conn.execute("SELECT count(*) FROM grouping_df_log").fetchone()[0] >= fold_every:
        _upsert(conn, _log(conn))
        conn.execute("DELETE FROM grouping_df_log")


def _upsert(conn: sqlite3.Connection, df: dict[str, int]) -> None:
    conn.executemany(
        "INSERT INTO grouping_df (term, n) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET n=excluded.n",
        sorted(df.items()),  # in key order: each page of the table is visited once
    )


def _log(conn: sqlite3.Connection) -> dict[str, int]:
    """The log's counts, later batches over earlier ones."""
    out: dict[str, int] = {}
    for (counts,) in conn.execute("SELECT counts FROM grouping_df_log ORDER BY seq"):
        out.update(json.loads(counts))
    return out


def load_df(conn: sqlite3.Connection) -> dict[str, int]:
    """The df table: the folded table with the log's later counts over it."""
    df = dict(conn.execute("SELECT term, n FROM grouping_df"))
    df.update(_log(conn))
    return df
