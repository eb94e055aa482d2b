-- The grouper's recent window (compare/window.py): per article, what its batch re-clustering
-- reads (weighted term counts, the sentence embedding, dates, the people its lead names), so
-- a grouper reloaded from the store (a second ingest, an overlapping one, the web app)
-- re-clusters the window exactly as one that never stopped. Written in the same transaction
-- as the batch; an article leaves it when it leaves the window.
CREATE TABLE grouping_window (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    counts TEXT NOT NULL,
    embedding BLOB NOT NULL,
    published TEXT,
    title TEXT,
    stated INTEGER,
    people TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX grouping_window_seq ON grouping_window(seq);
