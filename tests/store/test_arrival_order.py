"""Grouping in the store does not follow arrival: a grouper reloaded from the store after every
batch groups exactly as one that never stopped, and a corpus shuffled and split into two
overlapping ingests on one store gives the events of one sequential ingest.

Real coverage: realnews-dev (67 excerpts of 17 events from several outlets and days), read
from ../shared and extracted once (cached outside the repository).
"""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import pytest

from storyledger import api
from storyledger.compare.stories import GroupingConfig, StoryGrouper
from storyledger.store import Store

from ..conftest import SHARED, shared_path

pytestmark = pytest.mark.slow


def _realnews():
    from storyledger.eval import realnews
    from storyledger.eval.cache import cached_extract

    shared_path("eval", "realnews-dev")
    raws, gold, _ = realnews.load(SHARED)
    return cached_extract("realnews", raws), gold


def _partition(db: Path) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """Events and threads as sets of article ids (their ids aside)."""
    conn = sqlite3.connect(db)
    events: dict[str, set[str]] = {}
    threads: dict[str, set[str]] = {}
    for article_id, story_id, thread_id in conn.execute(
        "SELECT a.id, a.story_id, s.thread_id FROM articles a JOIN stories s ON s.id = a.story_id"
    ):
        events.setdefault(story_id, set()).add(article_id)
        threads.setdefault(thread_id, set()).add(article_id)
    conn.close()
    return {frozenset(e) for e in events.values()}, {frozenset(t) for t in threads.values()}


def _grouping(grouper: StoryGrouper, ids: list[str]) -> tuple[dict, dict]:
    stories = {a: grouper.story_of(a) for a in ids}
    return stories, {s: grouper.topic_of(s) for s in set(stories.values())}


def test_a_grouper_reloaded_after_every_batch_groups_as_one_that_never_stopped():
    arts, _ = _realnews()
    order = list(arts)
    random.Random(5).shuffle(order)
    # small window and frequent settles: articles leave the window and events go cold mid-run
    config = GroupingConfig(settle_every=9, window_articles=30)
    running = StoryGrouper(config=config, keep_cold=False)
    store = Store()
    seen: list[str] = []
    for start in range(0, len(order), 5):
        batch = order[start : start + 5]
        reloaded = StoryGrouper(
            store.load_sketches(config.max_active),
            state=store.grouper_state(),
            config=config,
            keep_cold=False,
            window=store.load_window(),
        )
        for a in batch:
            assert reloaded.add(a) == running.add(a), a.id
        seen += [a.id for a in batch]
        moves = reloaded.moved()
        assert moves == running.moved()
        assignments = {a.id: reloaded.story_of(a.id) for a in batch} | moves
        changed = reloaded.changed()
        assert _sketches(changed) == _sketches(running.changed())
        window = reloaded.window_changes()
        assert window == running.window_changes()
        store.write_batch(
            batch,
            assignments,
            changed,
            reloaded.state(df=False),
            window=window,
            df_changes=reloaded.df_changes(),  # only the terms this batch counted
        )
        assert {a: store.story_of(a) for a in seen} == {a: running.story_of(a) for a in seen}
        assert store.grouper_state()["df"] == dict(running.weights.df)
    reloaded = StoryGrouper(
        store.load_sketches(config.max_active),
        state=store.grouper_state(),
        config=config,
        keep_cold=False,
        window=store.load_window(),
    )
    assert list(reloaded.window) == list(running.window)
    running.settle()
    reloaded.settle()
    assert _grouping(reloaded, seen) == _grouping(running, seen)
    assert reloaded.moved() == running.moved()
    assert _sketches(reloaded.changed()) == _sketches(running.changed())


def _sketches(sketches: list) -> list[tuple]:
    """Everything the store would keep of these events (mean vectors included, exactly)."""
    return [
        (s.id, s.title, sorted(s.article_ids), s.features, s.first_date, s.last_date)
        for s in sketches
    ]


def _ingest_together(db: Path, parts: list[list]) -> None:
    errors: list[BaseException] = []

    def run(part: list) -> None:
        try:
            with Store(db) as store:
                api.ingest_articles(part, store, batch_size=3)
        except BaseException as exc:  # surfaced below, in the test's thread
            errors.append(exc)

    workers = [threading.Thread(target=run, args=(p,)) for p in parts]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=600)
    assert not errors, errors


def test_shuffled_overlapping_ingests_give_the_events_of_one_sequential_ingest(tmp_path):
    arts, _ = _realnews()
    sequential = tmp_path / "sequential.db"
    with Store(sequential) as store:
        api.ingest_articles(arts, store)
    events, threads = _partition(sequential)
    assert len(events) < len(arts)  # grouped at all
    assert {len(e) for e in events} != {1}
    for seed in (1, 2):
        order = list(arts)
        random.Random(seed).shuffle(order)
        db = tmp_path / f"together-{seed}.db"
        Store(db).close()
        _ingest_together(db, [order[0::2], order[1::2]])
        assert _partition(db) == (events, threads)
