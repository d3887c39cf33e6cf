-- Articles, per-article feature arrays, stories, rejected inputs and inputs read completely.
-- Keep in step with postgresql/0001_init.sql: the same tables and columns, native types there.
-- Times are ISO 8601 text in UTC; days are YYYY-MM-DD text.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: ids never reused, "after id N" is a cursor
    external_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,                         -- ISO 8601 at the precision the reader found
    day TEXT NOT NULL,                      -- publication day, else the ingest day
    language TEXT,
    source TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',    -- JSON object
    ingested_at TEXT NOT NULL,
    UNIQUE (external_id, content_hash)
);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_day ON articles (day);

CREATE TABLE features (
    name TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    dtype TEXT NOT NULL,                    -- numpy dtype.str, byte order included ('<f4', '<u8')
    shape TEXT NOT NULL,                    -- dimensions joined by commas ('' for a scalar)
    data BLOB NOT NULL,                     -- C-order bytes
    PRIMARY KEY (name, article_id)
);
CREATE INDEX features_article ON features (article_id);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    label TEXT,
    first_seen TEXT,
    last_seen TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    merged_into INTEGER REFERENCES stories (id)
);

CREATE TABLE story_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories (id)
);
CREATE INDEX story_members_story ON story_members (story_id);

CREATE TABLE rejected (
    source TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE sources (
    key TEXT PRIMARY KEY,                   -- path, size, mtime and reading options of an input read completely
    done_at TEXT NOT NULL
);
