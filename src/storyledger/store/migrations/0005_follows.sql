-- Followed stories and saved searches, and what changed in the stories they cover.
-- A snapshot keeps what a story showed when last looked at (outlets, figures, differences);
-- each difference found since is one row in story_changes, the entries of the Atom feeds.
CREATE TABLE followed_stories (
    story_id TEXT PRIMARY KEY,
    since TEXT NOT NULL
);
CREATE TABLE saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE story_snapshots (
    story_id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    taken_at TEXT NOT NULL
);
CREATE TABLE story_changes (
    id INTEGER PRIMARY KEY,
    story_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX story_changes_story ON story_changes(story_id, id);
CREATE INDEX story_changes_at ON story_changes(at);
