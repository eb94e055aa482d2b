-- The order in which stories were last joined or opened, so a grouper reloads the most
-- recently touched ones (compare/stories.py MAX_ACTIVE) and not the whole archive.
ALTER TABLE stories ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET touched = rowid;
CREATE INDEX stories_touched ON stories(touched);
