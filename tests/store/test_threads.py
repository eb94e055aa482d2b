"""Threads in the store: the thread id of each story (migration 0007), filled on write from
the grouper's topic, upgraded in older stores, and read back as threads and related events."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyledger import api
from storyledger.errors import NotFoundError
from storyledger.model import Article, StorySketch
from storyledger.store import Store, schema

RELEASES = Path(__file__).resolve().parents[1] / "data" / "releases"


def _article(i: int, day: str) -> Article:
    return Article(
        id=f"a{i}",
        text=f"The council of Wrenby closed bridge number {i} after engineers found rust.",
        outlet=f"Outlet {i}",
        published=day,
        title=f"Bridge {i} closed",
    )


def _sketch(story_id: str, ids: list[str], day: str, topic: str) -> StorySketch:
    return StorySketch(
        id=story_id,
        title=f"Story {story_id}",
        article_ids=ids,
        features={"topic": topic},
        first_date=day,
        last_date=day,
    )


def test_thread_id_follows_the_topic_on_every_write() -> None:
    store = Store()
    store.write_batch(
        [_article(1, "2025-03-01"), _article(2, "2025-03-04")],
        {"a1": "s-one", "a2": "s-two"},
        [
            _sketch("s-one", ["a1"], "2025-03-01", "s-one"),
            _sketch("s-two", ["a2"], "2025-03-04", "s-two"),
        ],
    )
    assert store.thread_of("s-one") == "t-one"
    assert store.thread_of("s-two") == "t-two"
    assert store.related_events("s-one") == []
    # the grouper merges the topics: the second story's sketch now names the first's topic
    store.write_batch([], {}, [_sketch("s-two", ["a2"], "2025-03-04", "s-one")])
    assert store.thread_of("s-two") == "t-one"
    assert [e.id for e in store.thread_stories("t-one")] == ["s-one", "s-two"]
    assert [e.id for e in store.related_events("s-one")] == ["s-two"]
    assert [e.id for e in store.related_events("s-two")] == ["s-one"]
    assert store.related_events("s-two")[0].outlets == ["Outlet 1"]
    with pytest.raises(NotFoundError):
        store.thread_stories("t-two")  # no story is left in it
    page, total = store.list_threads()
    assert total == 1
    assert (page[0].id, page[0].n_events, page[0].n_articles) == ("t-one", 2, 2)
    assert page[0].outlets == ["Outlet 1", "Outlet 2"]
    assert page[0].title == "Story s-one"  # the earliest event names the thread
    assert (page[0].first_date, page[0].last_date) == ("2025-03-01", "2025-03-04")


def test_unknown_story_or_thread_is_not_found() -> None:
    store = Store()
    with pytest.raises(NotFoundError):
        store.thread_of("s-nothing")
    with pytest.raises(NotFoundError):
        store.related_events("s-nothing")
    with pytest.raises(NotFoundError):
        store.thread_stories("t-nothing")


def test_list_threads_filters_by_length_and_pages() -> None:
    store = Store()
    arts = [_article(i, f"2025-03-0{i}") for i in range(1, 5)]
    topics = {"s-1": "s-1", "s-2": "s-1", "s-3": "s-3", "s-4": "s-4"}
    store.write_batch(
        arts,
        {f"a{i}": f"s-{i}" for i in range(1, 5)},
        [_sketch(f"s-{i}", [f"a{i}"], f"2025-03-0{i}", topics[f"s-{i}"]) for i in range(1, 5)],
    )
    page, total = store.list_threads()
    assert total == 3
    assert [t.id for t in page] == ["t-4", "t-3", "t-1"]  # latest first
    page, total = store.list_threads(min_events=2)
    assert (total, [t.id for t in page]) == (1, ["t-1"])
    page, total = store.list_threads(limit=1, offset=1)
    assert (total, [t.id for t in page]) == (3, ["t-3"])


def test_a_store_from_before_threads_is_upgraded(tmp_path: Path) -> None:
    """A store at the schema before 0007 gets each story's thread from its sketch's topic."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    old = [(v, sql) for v, _, sql in schema.migrations() if v < 7]
    for version, sql in old:
        for statement in schema._statements(sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
    for sid, topic, day in (("s-a", "s-a", "2025-01-01"), ("s-b", "s-a", "2025-01-03")):
        conn.execute(
            "INSERT INTO stories (id, title, features, first_date, last_date, updated_at) "
            "VALUES (?, ?, ?, ?, ?, 'now')",
            (sid, sid, f'{{"topic": "{topic}", "terms": {{}}}}', day, day),
        )
    conn.execute(
        "INSERT INTO stories (id, title, features, updated_at) VALUES ('s-c', 's-c', '{}', 'now')"
    )
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] >= 7
        assert store.thread_of("s-b") == "t-a"
        assert [e.id for e in store.thread_stories("t-a")] == ["s-a", "s-b"]
        assert store.thread_of("s-c") == "t-c"  # no topic kept: a thread of its own
        index = store.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'stories_thread'"
        ).fetchone()[0]
        assert index == 1


def test_ingested_releases_a_day_apart_are_one_thread(tmp_path: Path, nlp) -> None:
    """Real pipeline and grouper, one ingest per day as a feed delivers them."""
    with Store(tmp_path / "s.db") as store:
        day1 = api.ingest(
            [str(RELEASES / f) for f in ("harbor-ledger-1.txt", "meridian-post-1.txt")], store
        )
        day2 = api.ingest(
            [str(RELEASES / f) for f in ("harbor-ledger-2.txt", "plains-gazette-2.txt")], store
        )
        assert len(day1.stories) == len(day2.stories) == 1
        first, second = day1.stories[0], day2.stories[0]
        assert first != second
        thread_id = store.thread_of(first)
        assert store.thread_of(second) == thread_id
        assert [e.id for e in store.related_events(first)] == [second]
        assert [e.id for e in store.related_events(second)] == [first]

        thread = api.thread(store, thread_id)
        assert [e.id for e in thread.events] == [first, second]
        assert [e.first_date for e in thread.events] == ["2031-03-14", "2031-03-15"]
        assert thread.outlets == ["Meridian Post", "Plains Gazette", "The Harbor Ledger"]

        ledger = api.story_ledger(store, second)
        assert [t.id for t in ledger.threads] == [thread_id]
        assert ledger.threads[0] == thread
        whole = api.thread_ledger(store, thread_id)
        assert [s.id for s in whole.stories] == [first, second]
        assert {a.id for a in whole.articles} == {
            "harbor-ledger-1",
            "meridian-post-1",
            "harbor-ledger-2",
            "plains-gazette-2",
        }


def test_thread_list_follows_any_write_to_stories() -> None:
    """The list is kept by triggers: a story joined, moved or deleted by any writer shows."""
    store = Store()
    arts = [_article(i, f"2025-03-0{i}") for i in range(1, 4)]
    store.write_batch(
        arts,
        {"a1": "s-1", "a2": "s-2", "a3": "s-3"},
        [
            _sketch("s-1", ["a1"], "2025-03-01", "s-1"),
            _sketch("s-2", ["a2"], "2025-03-02", "s-1"),
            _sketch("s-3", ["a3"], "2025-03-03", "s-3"),
        ],
    )

    def listed() -> dict:
        page, _ = store.list_threads()
        return {t.id: (t.n_events, t.n_articles, t.first_date, t.last_date) for t in page}

    assert listed() == {
        "t-1": (2, 2, "2025-03-01", "2025-03-02"),
        "t-3": (1, 1, "2025-03-03", "2025-03-03"),
    }
    store.write_batch([], {}, [_sketch("s-3", ["a3"], "2025-03-03", "s-1")])  # topics merged
    assert listed() == {"t-1": (3, 3, "2025-03-01", "2025-03-03")}
    store.conn.execute("DELETE FROM stories WHERE id = 's-1'")  # e.g. a re-grouping
    assert listed() == {"t-1": (2, 2, "2025-03-02", "2025-03-03")}
    assert store.list_threads()[0][0].title == "Story s-2"
