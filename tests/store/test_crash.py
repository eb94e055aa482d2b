"""Crash safety: `storyledger ingest` killed with SIGKILL at random points, then run again,
ends with every article stored exactly once in a consistent store."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..scale.invented import invented_article

# Many processes, each loading spaCy, killed at random points: the full lane (make test).
pytestmark = pytest.mark.slow

N_ARTICLES = 40
KILLS = 4
CLI = Path(sys.executable).with_name("storyledger")


def _corpus(folder: Path) -> list[Path]:
    """40 invented articles as text files, plus one file repeating another's text."""
    folder.mkdir()
    paths = []
    for i in range(N_ARTICLES):
        art = invented_article(i)
        path = folder / f"{art['id']}.txt"
        header = f"Source: {art['outlet']}\n\n{art['published']}\n\n{art['title']}"
        path.write_text(f"{header}\n\n{art['text']}\n", encoding="utf-8")
        paths.append(path)
    (folder / "zz-repeat.txt").write_text(paths[3].read_text(encoding="utf-8"), encoding="utf-8")
    return paths


def _ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(CLI), "ingest", str(folder), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created or not migrated yet
        return -1


def _wait_for_progress(proc: subprocess.Popen, db: Path) -> None:
    """Until the running ingest commits something new (or ends)."""
    before = _count(db)
    while proc.poll() is None and _count(db) == before:
        time.sleep(0.02)


def _check(db: Path, complete: bool) -> int:
    """The store's invariants; returns how many articles it holds."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert n == conn.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0]
        # a batch lands whole: no article without its story, no story without its articles
        unassigned = conn.execute("SELECT count(*) FROM articles WHERE story_id IS NULL")
        assert unassigned.fetchone()[0] == 0
        rows = conn.execute(
            """SELECT s.id, s.n_articles, (SELECT count(*) FROM articles a WHERE a.story_id = s.id)
               FROM stories s"""
        ).fetchall()
        assert all(stated == actual for _, stated, actual in rows), rows
        if complete:
            assert len(rows) > 1  # several stories, so a misplaced article would show
        orphans = conn.execute(
            "SELECT count(*) FROM articles WHERE story_id NOT IN (SELECT id FROM stories)"
        ).fetchone()[0]
        assert orphans == 0
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == n
        if complete:
            ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
            assert ids == {invented_article(i)["id"] for i in range(N_ARTICLES)}
            for (record,) in conn.execute("SELECT record FROM articles"):
                json.loads(record)
        return n
    finally:
        conn.close()


def _ledgers_are_current(db: Path) -> None:
    """Each story's ledger (cached, or recomputed when a crash left none) covers its articles."""
    from storyledger import api
    from storyledger.store import Store

    with Store(db) as store:
        members: dict[str, set[str]] = {}
        for row in store.conn.execute("SELECT id, story_id FROM articles"):
            members.setdefault(row[1], set()).add(row[0])
        for story_id, ids in members.items():
            assert set(api.story(store, story_id).articles) == ids


def test_sigkill_at_random_points_then_rerun_stores_each_article_once(tmp_path):
    folder = tmp_path / "articles"
    _corpus(folder)
    db = tmp_path / "store.db"
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    counts = []
    for kill in range(KILLS):
        proc = _ingest(folder, db)
        if kill % 2 == 0:  # at a random moment: start-up, model loading, extraction, writing
            time.sleep(rng.uniform(0.5, 8.0))
        else:  # just after a batch commits: mid-grouping, next batch, or comparing stories
            _wait_for_progress(proc, db)
            time.sleep(rng.uniform(0.0, 0.6))
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert finished or proc.returncode == -signal.SIGKILL, f"seed {seed}, kill {kill}"
        if db.exists():
            counts.append(_check(db, complete=False))
    proc = _ingest(folder, db)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, f"seed {seed}: {stderr.decode()}"
    assert _check(db, complete=True) == N_ARTICLES, f"seed {seed}, counts after kills {counts}"
    _ledgers_are_current(db)
    again = _ingest(folder, db)  # and once more: nothing new
    _, stderr = again.communicate(timeout=120)
    assert again.returncode == 0 and b"0 added" in stderr
    assert _check(db, complete=True) == N_ARTICLES
