-- The grouper's document-frequency table (compare/weights.py), out of the grouper_state JSON,
-- where every batch rewrote the whole table (several MB at its cap). A batch appends only the
-- counts of the terms it counted to grouping_df_log (one row, written in sequence); every so
-- many batches the log is folded into grouping_df (store/window.py), so a write touches few
-- pages and a read replays a short log. A prune of the table replaces both. A store written
-- before this migration keeps its counts: they move here from the JSON.
CREATE TABLE IF NOT EXISTS grouping_df (
    term TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grouping_df_log (
    seq INTEGER PRIMARY KEY,
    counts TEXT NOT NULL
);
INSERT OR REPLACE INTO grouping_df (term, n)
    SELECT d.key, d.value FROM grouper_state AS g, json_each(g.value, '$.df') AS d
    WHERE g.key = 'grouper' AND json_valid(g.value) AND json_type(g.value, '$.df') = 'object';
UPDATE grouper_state SET value = json_remove(value, '$.df')
    WHERE key = 'grouper' AND json_valid(value);
