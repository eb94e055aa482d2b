-- Feed state for `storyledger watch` (watch.py): each feed's validators for conditional
-- requests, and the pages already fetched, so a poll fetches only what is new. Before this
-- migration the watcher created the same tables itself; IF NOT EXISTS keeps those stores'
-- rows.
CREATE TABLE IF NOT EXISTS feed_state (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    title TEXT,
    checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_pages (
    url TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
