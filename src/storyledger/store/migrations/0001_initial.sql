-- Articles keep their raw fields in columns (for search and listing) and the whole
-- extracted record as JSON (the ledger reads it back without re-running the pipeline).
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    path TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    title TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    story_id TEXT,
    pipeline TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    features TEXT NOT NULL DEFAULT '{}',
    first_date TEXT,
    last_date TEXT,
    n_articles INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_last_date ON stories(last_date);

-- Global state of story grouping (corpus statistics), one JSON value per key.
CREATE TABLE grouper_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Comparison results per story, recomputed when the story changes.
CREATE TABLE story_ledgers (
    story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    record TEXT NOT NULL,
    n_discrepancies INTEGER NOT NULL DEFAULT 0,
    computed_at TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, outlet, content='articles', content_rowid='rowid'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, outlet)
    VALUES (new.rowid, new.title, new.text, new.outlet);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid, old.title, old.text, old.outlet);
END;
