"""Bytes the grouper's state costs the store per ingest batch: the df table as one JSON value
rewritten with every batch (before migration 0010) against its own table written with only
the terms the batch counted (after).

Two feeds, each through one StoryGrouper (no embeddings: they do not touch the state) in
batches of `--batch` articles, the state written after each batch to two file stores in WAL
mode with checkpoints off, so the WAL's growth is what SQLite wrote for that batch:
- realnews-dev (67 excerpts, read from ../shared and extracted once, cached outside the repo:
  set STORYLEDGER_CACHE), the size of a small ingest;
- `--synthetic N` articles of bench/grouping_scale.py's synthetic feed, where the df table grows
  to the size of a long-running store's.

    .venv/bin/python bench/grouping_state_bytes.py                  # realnews-dev + 20,000
    .venv/bin/python bench/grouping_state_bytes.py --synthetic 100000
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from storyledger.compare.stories import GroupingConfig, StoryGrouper
from storyledger.model import Article
from storyledger.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grouping_scale import stream


def _wal(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def measure(articles: Iterable[Article], batch: int, folder: Path, name: str) -> list[tuple]:
    """Per batch: (articles so far, df terms, bytes before, bytes after)."""
    old_db, new_db = folder / f"{name}-old.db", folder / f"{name}-new.db"
    old = sqlite3.connect(old_db, isolation_level=None)
    old.execute("PRAGMA journal_mode=WAL")
    old.execute("PRAGMA wal_autocheckpoint=0")
    old.execute("CREATE TABLE grouper_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    store = Store(new_db)
    store.conn.execute("PRAGMA wal_autocheckpoint=0")
    grouper = StoryGrouper(config=GroupingConfig(use_embeddings=False), keep_cold=False)
    rows, done, pending = [], 0, []
    for article in articles:
        pending.append(article)
        if len(pending) < batch:
            continue
        for a in pending:
            grouper.add(a)
        done += len(pending)
        pending = []
        grouper.changed(), grouper.moved(), grouper.window_changes()
        before_old, before_new = _wal(old_db), _wal(new_db)
        old.execute("BEGIN IMMEDIATE")  # the old writer: the whole state, df included
        old.execute(
            "INSERT INTO grouper_state (key, value) VALUES ('grouper', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (json.dumps(grouper.state()),),
        )
        old.execute("COMMIT")
        store.write_batch([], {}, [], grouper.state(df=False), df_changes=grouper.df_changes())
        rows.append(
            (
                done,
                len(grouper.weights.df),
                _wal(old_db) - before_old,
                _wal(new_db) - before_new,
            )
        )
    store.close()
    old.close()
    return rows


def report(name: str, rows: list[tuple]) -> None:
    print(f"\n{name}: bytes SQLite wrote (WAL growth) for the grouper state, per batch")
    print(f"{'articles':>9} {'df terms':>9} {'JSON state':>11} {'df table':>9}")
    step = max(len(rows) // 8, 1)
    for r in rows[step - 1 :: step]:
        print(f"{r[0]:>9,} {r[1]:>9,} {r[2]:>11,} {r[3]:>9,}")
    old = sum(r[2] for r in rows) / len(rows)
    new = sum(r[3] for r in rows) / len(rows)
    print(f"mean per batch: {old:,.0f} bytes before, {new:,.0f} after ({len(rows)} batches)")


def realnews() -> list[Article]:
    from storyledger.eval import realnews as suite
    from storyledger.eval.cache import cached_extract

    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    raws, _, _ = suite.load(shared)
    return cached_extract("realnews", raws)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=8, help="articles per batch")
    parser.add_argument("--synthetic", type=int, default=20_000, help="synthetic articles")
    parser.add_argument("--no-realnews", action="store_true", help="the synthetic feed only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyledger-state-") as tmp:
        if not args.no_realnews:
            report("realnews-dev", measure(realnews(), args.batch, Path(tmp), "realnews"))
        if args.synthetic:
            rows = measure(stream(args.synthetic, 2000, 4), 32, Path(tmp), "synthetic")
            report(f"synthetic, {args.synthetic:,} articles, batches of 32", rows)


if __name__ == "__main__":
    main()
