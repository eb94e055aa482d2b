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
