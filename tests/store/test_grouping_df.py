"""The grouper's df table in the store (migration 0010): a batch writes only the terms it
counted, a prune replaces the table, and a store written before keeps its counts."""

from __future__ import annotations

import json
import sqlite3

from storyledger.compare.stories import GroupingConfig, StoryGrouper
from storyledger.model import Article
from storyledger.store import Store, schema

CONFIG = GroupingConfig(use_embeddings=False)


def _article(i: int, words: str) -> Article:
    return Article(
        id=f"a{i}", text=f"{words} reported by the Varsk harbour office.", published="2031-02-03"
    )


def _ingest(store: Store, grouper: StoryGrouper, arts: list[Article]) -> dict[str, int]:
    for a in arts:
        grouper.add(a)
    changes = grouper.df_changes()
    store.write_batch(
        arts,
        {a.id: grouper.story_of(a.id) for a in arts},
        grouper.changed(),
        grouper.state(df=False),
        df_changes=changes,
    )
    return changes[0]


def _stored_json(store: Store) -> dict:
    row = store.conn.execute("SELECT value FROM grouper_state WHERE key = 'grouper'").fetchone()
    return json.loads(row[0])


def test_a_batch_writes_only_its_own_terms_and_the_store_reads_back_the_whole_table():
    store, grouper = Store(), StoryGrouper(config=CONFIG, keep_cold=False)
    first = _ingest(store, grouper, [_article(1, "Ferry tolls rise"), _article(2, "Lighthouse")])
    assert {"ferry", "lighthouse", "harbour"} <= set(first)
    second = _ingest(store, grouper, [_article(3, "Glacier melts")])
    assert "glacier" in second and "ferry" not in second and second["harbour"] == 3
    assert "df" not in _stored_json(store)  # the table is not rewritten with every batch
    state = store.grouper_state()
    assert state["df"] == dict(grouper.weights.df)
    assert state["n_docs"] == 3
    reloaded = StoryGrouper(state=state, config=CONFIG)
    assert reloaded.weights.df == grouper.weights.df


def test_a_pruned_table_replaces_the_stored_one():
    config = CONFIG.with_values(df_max_terms=12)
    store, grouper = Store(), StoryGrouper(config=config, keep_cold=False)
    _ingest(store, grouper, [_article(1, "Ferry tolls rise"), _article(2, "Ferry tolls fall")])
    words = "glacier moraine crevasse serac icefall nunatak cirque tarn esker drumlin"
    _ingest(store, grouper, [_article(3, words)])  # past 12 terms: the rarest leave
    df = dict(grouper.weights.df)
    assert len(df) <= 6 and "glacier" not in df  # pruned
    assert store.grouper_state()["df"] == df  # the store dropped them too


def test_a_store_with_the_df_table_in_its_json_state_keeps_its_counts(tmp_path):
    path = tmp_path / "v9.db"
    conn = sqlite3.connect(path)
    for version, _, sql in schema.migrations():
        if version <= 9:
            conn.executescript(sql)
    conn.execute("PRAGMA user_version = 9")
    old = {"n_docs": 40, "tick": 7, "arrivals": 40, "df": {"harbour": 31, "@varsk": 4}}
    conn.execute("INSERT INTO grouper_state (key, value) VALUES ('grouper', ?)", (json.dumps(old),))
    conn.commit()
    conn.close()
    store = Store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
    assert store.grouper_state() == old
    assert "df" not in _stored_json(store)


def test_a_state_written_whole_still_fills_the_table():
    store = Store()
    state = {"n_docs": 2, "tick": 1, "arrivals": 2, "df": {"harbour": 2, "ferry": 1}}
    store.write_batch([], {}, [], state)
    store.write_batch([], {}, [], state | {"df": {"harbour": 3}})
    assert store.grouper_state()["df"] == {"harbour": 3}


def test_batch_logs_fold_into_the_table_and_read_back_the_same():
    store, grouper = Store(), StoryGrouper(config=CONFIG, keep_cold=False)
    places = ["Varsk", "Olm", "Tarrow", "Quenby", "Lisk", "Marrow", "Penhal"]
    for i in range(70):  # more batches than the log holds before it is folded
        _ingest(store, grouper, [_article(i, f"{places[i % 7]} ferry {i % 5} tolls")])
        if i in (3, 69):
            assert store.grouper_state()["df"] == dict(grouper.weights.df)
    logged = store.conn.execute("SELECT count(*) FROM grouping_df_log").fetchone()[0]
    assert 0 < logged < 64  # folded once, at the 64th batch
    folded = dict(store.conn.execute("SELECT term, n FROM grouping_df"))
    assert folded["harbour"] == 64  # the table holds the counts as of the fold
