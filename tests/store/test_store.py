"""The embedded store: migrations, WAL, idempotent writes, search."""

from __future__ import annotations

import sqlite3

import pytest

from storyledger.errors import NotFoundError, StoreError
from storyledger.model import Article, StorySketch
from storyledger.store import Store, schema


def _article(i: int, text: str | None = None, outlet: str = "Town Crier") -> Article:
    return Article(
        id=f"a{i}",
        text=text or f"The council closed bridge number {i} after engineers found rust.",
        outlet=outlet,
        published=f"2025-03-0{i}",
        title=f"Bridge {i} closed",
    )


def _sketch(story_id: str, ids: list[str], last: str = "2025-03-02") -> StorySketch:
    return StorySketch(id=story_id, title="Bridges close", article_ids=ids, last_date=last)


def test_new_store_is_migrated_to_latest():
    store = Store()
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == schema.latest_version() >= 1
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "stories", "story_ledgers", "articles_fts"} <= tables


def test_file_store_uses_wal(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_writing_the_same_article_twice_changes_nothing():
    store = Store()
    a1 = _article(1)
    assert store.write_batch([a1], {"a1": "s1"}, [_sketch("s1", ["a1"])]) == 1
    assert store.write_batch([a1], {"a1": "s1"}, [_sketch("s1", ["a1"])]) == 0
    assert store.count_articles() == 1
    assert store.known_hashes([a1.text + "  "]) != set()  # whitespace does not make it new


def test_failed_batch_leaves_nothing_half_written():
    store = Store()
    store.write_batch([_article(1)], {"a1": "s1"}, [_sketch("s1", ["a1"])])
    broken = _sketch("s2", ["a2"])
    broken.title = None  # violates NOT NULL: the whole batch must roll back
    with pytest.raises(StoreError):
        store.write_batch([_article(2)], {"a2": "s2"}, [broken])
    assert store.count_articles() == 1
    assert [s.id for s in store.load_sketches()] == ["s1"]


def test_articles_round_trip_and_stories_list_newest_first():
    store = Store()
    store.write_batch(
        [_article(1), _article(2, outlet="Daily Bugle")],
        {"a1": "s1", "a2": "s1"},
        [_sketch("s1", ["a1", "a2"])],
    )
    store.write_batch([_article(3)], {"a3": "s2"}, [_sketch("s2", ["a3"], last="2025-03-03")])
    assert store.get_article("a2").outlet == "Daily Bugle"
    page, total = store.list_stories()
    assert total == 2 and [s.id for s in page] == ["s2", "s1"]
    assert page[1].outlets == ["Daily Bugle", "Town Crier"]
    page, total = store.list_stories(query="bridge 3")
    assert [s.id for s in page] == ["s2"]
    page, _ = store.list_stories(outlet="Daily Bugle")
    assert [s.id for s in page] == ["s1"]
    with pytest.raises(NotFoundError):
        store.get_article("zzz")


def test_search_words_are_never_fts_syntax():
    store = Store()
    store.write_batch([_article(1)], {"a1": "s1"}, [_sketch("s1", ["a1"])])
    page, total = store.list_stories(query='bridge" OR title:* NEAR(')
    assert total == 0 and page == []  # "title" is not in the text: a plain word, not a column


def test_not_a_store_is_refused(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a storyledger store"):
        Store(bad)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer than this storyledger"):
        Store(path)


def test_new_articles_drop_their_storys_stale_ledger_in_the_same_transaction():
    from storyledger.model import Story

    store = Store()
    store.write_batch([_article(1)], {"a1": "s1"}, [_sketch("s1", ["a1"])])
    store.save_ledger(Story(id="s1", title="Bridges close", articles=["a1"]))
    assert store.cached_ledger("s1") is not None
    store.write_batch([_article(2)], {"a2": "s1"}, [_sketch("s1", ["a1", "a2"])])
    assert store.cached_ledger("s1") is None  # recomputed on the next read, never stale


def test_loading_with_a_limit_keeps_the_most_recently_touched_stories_oldest_first():
    store = Store()
    for i, sid in enumerate(["a", "b", "c"], start=1):
        sketch = _sketch(sid, [f"a{i}"])
        sketch.features["touched"] = i
        store.write_batch([_article(i)], {f"a{i}": sid}, [sketch])
    again = _sketch("a", ["a1", "a4"])
    again.features["touched"] = 4  # "a" gains an article: now the most recent
    store.write_batch([_article(4)], {"a4": "a"}, [again])
    loaded = store.load_sketches(limit=2)
    assert [(s.id, s.article_ids) for s in loaded] == [("c", ["a3"]), ("a", ["a1", "a4"])]
    assert [s.id for s in store.load_sketches()] == ["b", "c", "a"]


def test_a_version_1_store_upgrades_and_keeps_its_stories_in_order(tmp_path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    (version, _, sql), *_ = schema.migrations()
    assert version == 1
    conn.executescript(sql)
    conn.execute("PRAGMA user_version = 1")
    for sid in ("old", "new"):
        conn.execute(
            "INSERT INTO stories (id, title, updated_at) VALUES (?, 'Bridges', '2025-01-01')",
            (sid,),
        )
    conn.commit()
    conn.close()
    store = Store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
    assert [s.id for s in store.load_sketches(limit=1)] == ["new"]
    assert [s.id for s in store.load_sketches()] == ["old", "new"]


def test_a_regrouping_moves_stored_articles_and_drops_the_emptied_story():
    """The grouper's window re-clustering may move stored articles; the store follows."""
    store = Store()
    a, b = _article(1), _article(2)
    store.write_batch(
        [a, b], {a.id: "s-1", b.id: "s-2"}, [_sketch("s-1", [a.id]), _sketch("s-2", [b.id])]
    )
    emptied = StorySketch(id="s-2", title="gone", article_ids=[])
    store.write_batch([], {b.id: "s-1"}, [_sketch("s-1", [a.id, b.id]), emptied])
    assert store.story_of(b.id) == "s-1"
    assert [x.id for x in store.articles_of_story("s-1")] == [a.id, b.id]
    assert {s.id for s in store.load_sketches()} == {"s-1"}


def test_a_comparison_of_a_story_that_changed_meanwhile_is_not_cached(tmp_path):
    """Another process added an article after this one read the story: no stale ledger."""
    from storyledger.model import Story

    path = tmp_path / "s.db"
    mine, theirs = Store(path), Store(path)
    mine.write_batch([_article(1)], {"a1": "s1"}, [_sketch("s1", ["a1"])])
    read_before = Story(id="s1", title="Bridges close", articles=["a1"])
    theirs.write_batch([_article(2)], {"a2": "s1"}, [_sketch("s1", ["a1", "a2"])])
    assert mine.save_ledger(read_before) is False
    assert mine.cached_ledger("s1") is None
    current = Story(id="s1", title="Bridges close", articles=["a1", "a2"])
    assert mine.save_ledger(current) is True
    assert theirs.cached_ledger("s1").articles == ["a1", "a2"]
