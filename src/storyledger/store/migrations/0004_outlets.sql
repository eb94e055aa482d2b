-- Outlets a user described (imported from CSV): neutral facts plus the user's own tags.
-- Articles are linked to an outlet at read time, by name (or alias) or by URL domain, so
-- importing or changing an outlet never rewrites stored articles.
CREATE TABLE outlets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    country TEXT,
    language TEXT,
    type TEXT CHECK (type IS NULL OR type IN
        ('wire', 'public broadcaster', 'state-owned', 'private', 'aggregator')),
    updated_at TEXT NOT NULL
);
CREATE TABLE outlet_domains (
    domain TEXT PRIMARY KEY COLLATE NOCASE,
    outlet_id INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE
);
CREATE INDEX outlet_domains_outlet ON outlet_domains(outlet_id);
-- User-defined tags (lean, owner, region, ...): one value per key and outlet.
CREATE TABLE outlet_tags (
    outlet_id INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    key TEXT NOT NULL COLLATE NOCASE,
    value TEXT NOT NULL,
    PRIMARY KEY (outlet_id, key)
);
CREATE INDEX outlet_tags_key ON outlet_tags(key, value);
