"""Several processes on one store at once: a new store is migrated once, every article is
stored once, and overlapping ingests group articles exactly as sequential ones do."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyledger import api
from storyledger.store import Store, schema

from ..scale.invented import invented_article
from .test_crash import _check

CLI = Path(sys.executable).with_name("storyledger")

OPEN_WHEN_TOLD = """
import os, sys, time
from storyledger.errors import StoreError
from storyledger.store import Store
go, db = sys.argv[1], sys.argv[2]
while not os.path.exists(go):
    time.sleep(0.001)
try:
    Store(db).close()
except StoreError as exc:
    sys.exit(f"error: {exc}")
"""


@pytest.mark.slow  # 40 processes, each importing storyledger
def test_many_processes_opening_a_new_store_at_once_all_succeed(tmp_path):
    """Two races, both fixed: SQLite answers BUSY at once (no busy handler) when two processes
    switch a new file to WAL together; and a process could read version 0 and then the tables
    another had just committed, refusing the store as another program's file."""
    go = tmp_path / "go"
    for round_ in range(5):
        db = tmp_path / f"new-{round_}.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN_WHEN_TOLD, str(go), str(db)],
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(8)
        ]
        time.sleep(1.5)  # all of them started and waiting
        go.touch()
        errors = [p.communicate(timeout=120)[1] for p in procs]
        go.unlink()
        assert [p.returncode for p in procs] == [0] * 8, errors
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        conn.close()


def _folder(path: Path, ids: range | list[int]) -> Path:
    path.mkdir()
    for i in ids:
        art = invented_article(i)
        header = f"Source: {art['outlet']}\n\n{art['published']}\n\n{art['title']}"
        (path / f"{art['id']}.txt").write_text(f"{header}\n\n{art['text']}\n", encoding="utf-8")
    return path


def _ingest_together(folders: list[Path], db: Path) -> list[tuple[int, str]]:
    procs = [
        subprocess.Popen(
            [str(CLI), "ingest", str(folder), "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    return [(p.wait(timeout=600), p.stderr.read()) for p in procs]


def _partition(db: Path) -> set[frozenset[str]]:
    """The stories as sets of article ids (story ids aside)."""
    conn = sqlite3.connect(db)
    stories: dict[str, set[str]] = {}
    for story_id, article_id in conn.execute("SELECT story_id, id FROM articles"):
        stories.setdefault(story_id, set()).add(article_id)
    conn.close()
    return {frozenset(ids) for ids in stories.values()}


@pytest.mark.slow  # several ingest processes, each loading spaCy
def test_first_ingests_into_a_new_store_all_succeed_and_store_each_article_once(tmp_path):
    folders = [_folder(tmp_path / f"in-{k}", range(5 * k, 5 * k + 10)) for k in range(3)]
    db = tmp_path / "new.db"  # each folder shares five articles with the next
    outcomes = _ingest_together(folders, db)
    assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
    assert _check(db, complete=False) == 20
    conn = sqlite3.connect(db)
    ids = sorted(r[0] for r in conn.execute("SELECT id FROM articles"))
    conn.close()
    assert ids == sorted(invented_article(i)["id"] for i in range(20))


@pytest.mark.slow  # several ingest processes, each loading spaCy
def test_overlapping_ingests_group_as_sequential_ones(tmp_path, nlp):
    halves = [
        _folder(tmp_path / "even", range(0, 72, 2)),
        _folder(tmp_path / "odd", range(1, 72, 2)),
    ]
    sequential = tmp_path / "sequential.db"
    with Store(sequential) as store:
        for folder in halves:
            api.ingest([str(folder)], store)
    expected = _partition(sequential)
    assert 1 < len(expected) < 72  # articles were grouped: a split would show
    together = tmp_path / "together.db"
    Store(together).close()  # an existing store: this is about grouping, not migrating
    outcomes = _ingest_together(halves, together)
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert _check(together, complete=False) == _check(sequential, complete=False)
    assert _partition(together) == expected
