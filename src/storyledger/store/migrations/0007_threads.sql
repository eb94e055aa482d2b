-- Threads: each story's thread (the grouper's topic, compare/stories.py `topic_of`), kept in
-- a column so a thread's events and a story's related events are one indexed query. The
-- writer fills it from the sketch on every write; stores written before are filled here
-- from the topic their sketches already hold (the id rule is model.thread_id_for).
ALTER TABLE stories ADD COLUMN thread_id TEXT;
UPDATE stories SET thread_id = (
    SELECT CASE
        WHEN topic LIKE 't-%' THEN topic
        WHEN topic LIKE 's-%' THEN 't-' || substr(topic, 3)
        ELSE 't-' || topic
    END
    FROM (SELECT coalesce(json_extract(stories.features, '$.topic'), stories.id) AS topic)
);
CREATE INDEX stories_thread ON stories(thread_id, first_date);

-- One row per thread, kept current by triggers on `stories` (whatever writes a story: the
-- writer, a re-grouping, a delete), so listing threads reads a page of this table instead
-- of grouping every story.
CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    n_events INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    first_date TEXT,
    last_date TEXT,
    touched INTEGER NOT NULL DEFAULT 0
);
INSERT INTO threads (id, n_events, n_articles, first_date, last_date, touched)
    SELECT thread_id, count(*), coalesce(sum(n_articles), 0), min(first_date), max(last_date),
           coalesce(max(touched), 0)
    FROM stories WHERE thread_id IS NOT NULL GROUP BY thread_id;
CREATE INDEX threads_latest ON threads(last_date, touched);
CREATE INDEX threads_events ON threads(n_events);

CREATE TRIGGER stories_thread_ai AFTER INSERT ON stories WHEN new.thread_id IS NOT NULL BEGIN
    DELETE FROM threads WHERE id = new.thread_id;
    INSERT INTO threads (id, n_events, n_articles, first_date, last_date, touched)
        SELECT thread_id, count(*), coalesce(sum(n_articles), 0), min(first_date),
               max(last_date), coalesce(max(touched), 0)
        FROM stories WHERE thread_id = new.thread_id GROUP BY thread_id;
END;
CREATE TRIGGER stories_thread_au AFTER UPDATE OF thread_id, n_articles, first_date, last_date,
    touched ON stories BEGIN
    DELETE FROM threads WHERE id IN (old.thread_id, new.thread_id);
    INSERT INTO threads (id, n_events, n_articles, first_date, last_date, touched)
        SELECT thread_id, count(*), coalesce(sum(n_articles), 0), min(first_date),
               max(last_date), coalesce(max(touched), 0)
        FROM stories WHERE thread_id IN (old.thread_id, new.thread_id) GROUP BY thread_id;
END;
CREATE TRIGGER stories_thread_ad AFTER DELETE ON stories WHEN old.thread_id IS NOT NULL BEGIN
    DELETE FROM threads WHERE id = old.thread_id;
    INSERT INTO threads (id, n_events, n_articles, first_date, last_date, touched)
        SELECT thread_id, count(*), coalesce(sum(n_articles), 0), min(first_date),
               max(last_date), coalesce(max(touched), 0)
        FROM stories WHERE thread_id = old.thread_id GROUP BY thread_id;
END;
