-- The grouper's document-frequency table (compare/weights.py), one row per term, written
-- incrementally: a batch writes only the terms it counted (a prune rewrites the table), where
-- before every batch wrote the whole table inside the grouper_state JSON (several MB at its
-- cap). A store written before this migration keeps its counts: they move here from the JSON.
CREATE TABLE IF NOT EXISTS grouping_df (
    term TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR REPLACE INTO grouping_df (term, n)
    SELECT d.key, d.value FROM grouper_state AS g, json_each(g.value, '$.df') AS d
    WHERE g.key = 'grouper' AND json_valid(g.value) AND json_type(g.value, '$.df') = 'object';
UPDATE grouper_state SET value = json_remove(value, '$.df')
    WHERE key = 'grouper' AND json_valid(value);
