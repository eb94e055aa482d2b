"""Feed state lives in the store (migration 0009), read and written through Store methods."""

from __future__ import annotations

import sqlite3

from storyledger.store import Store, schema


def test_a_poll_is_remembered_and_an_unmodified_one_keeps_the_validators(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.feed_validators("https://feeds.example/a") == (None, None)
        store.remember_feed_poll(
            "https://feeds.example/a", ["https://x.example/1"], ('"v1"', "Mon", "A")
        )
        store.remember_feed_poll("https://feeds.example/a", ["https://x.example/2"], None)
    with Store(db) as store:  # across runs
        assert store.feed_validators("https://feeds.example/a") == ('"v1"', "Mon")
        urls = ["https://x.example/1", "https://x.example/2", "https://x.example/3"]
        assert store.seen_feed_pages(urls) == set(urls[:2])
        many = [f"https://x.example/p{i}" for i in range(1200)]  # beyond one IN (...) chunk
        store.remember_feed_poll("https://feeds.example/b", many, None)
        assert store.seen_feed_pages(many) == set(many)


def test_a_store_whose_tables_the_old_watcher_made_keeps_its_rows(tmp_path):
    """Before 0009 the watcher created the tables itself; migrating such a store keeps them."""
    db = tmp_path / "old.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE feed_pages")
    conn.execute("DROP TABLE feed_state")
    conn.execute(
        "CREATE TABLE feed_state (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
        " title TEXT, checked_at TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE feed_pages (url TEXT PRIMARY KEY, feed TEXT NOT NULL,"
        " fetched_at TEXT NOT NULL)"
    )
    conn.execute("INSERT INTO feed_state VALUES ('https://f.example', 'e', 'm', 't', 'now')")
    conn.execute("INSERT INTO feed_pages VALUES ('https://p.example', 'https://f.example', 'n')")
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        assert store.feed_validators("https://f.example") == ("e", "m")
        assert store.seen_feed_pages(["https://p.example"]) == {"https://p.example"}
