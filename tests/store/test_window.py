"""The grouper's window in the store (migration 0008): written with the batch, read back in
arrival order, exactly; an article that leaves the window, or the store, leaves the table."""

from __future__ import annotations

import numpy as np
import pytest

from storyledger.compare.sketches import Atom
from storyledger.errors import StoreError
from storyledger.model import Article, StorySketch, WindowEntry
from storyledger.store import Store


def _entry(aid: str, seq: int) -> WindowEntry:
    emb = np.random.default_rng(seq).normal(size=384).astype(np.float32)
    return WindowEntry(
        article_id=aid,
        seq=seq,
        counts={"harbour": 7.0, "@varsk": 1.5, "lighthous": 0.1 + seq / 3},
        embedding=emb.tobytes(),
        published="2031-02-03",
        title=f"Report {aid}",
        stated=741_000 + seq,
        people=["mira tand", "olek ras"],
    )


def _write(store: Store, ids: list[str], added: list[WindowEntry], removed: list[str]) -> None:
    arts = [Article(id=a, text=f"Invented report {a} on the Varsk harbour.") for a in ids]
    sketch = StorySketch(id="s-1", title="Varsk", article_ids=ids, features={"topic": "s-1"})
    store.write_batch(arts, {a: "s-1" for a in ids}, [sketch], {}, window=(added, removed))


def test_the_window_comes_back_exactly_in_arrival_order():
    store = Store()
    entries = [_entry("b", 2), _entry("a", 1), _entry("c", 3)]
    _write(store, ["a", "b", "c"], entries, [])
    back = store.load_window()
    assert [e.article_id for e in back] == ["a", "b", "c"]
    assert back == sorted(entries, key=lambda e: e.seq)
    atom = Atom.from_entry(back[0])
    assert np.array_equal(atom.emb, np.frombuffer(entries[1].embedding, dtype=np.float32))
    assert atom.entry("a") == back[0]  # and round-trips through the grouper's form


def test_leaving_the_window_or_the_store_removes_the_entry():
    store = Store()
    _write(store, ["a", "b"], [_entry("a", 1), _entry("b", 2)], [])
    _write(store, ["c"], [_entry("c", 3)], ["a"])
    assert [e.article_id for e in store.load_window()] == ["b", "c"]
    store.conn.execute("DELETE FROM articles WHERE id = 'b'")
    assert [e.article_id for e in store.load_window()] == ["c"]


def test_an_entry_for_an_article_not_stored_fails_the_whole_batch():
    store = Store()
    arts = [Article(id="a", text="Invented report a.")]
    with pytest.raises(StoreError):
        store.write_batch(arts, {"a": "s-1"}, [], {}, window=([_entry("ghost", 1)], []))
    assert store.count_articles() == 0 and store.load_window() == []
