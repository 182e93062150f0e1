-- The gift registry (SQLite). Keep in step with migrations/postgres/0010_gifts.sql: same tables,
-- columns and indexes. `given_on` keeps the precision the sources give (YYYY, YYYY-MM or
-- YYYY-MM-DD); `value` is decimal text (never a float) in `currency` (ISO 4217); the photo is a
-- stored file. Gifts are internal records: no public page shows them.

CREATE TABLE gifts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    direction TEXT NOT NULL,
    given_on TEXT NOT NULL,
    partnership_id INTEGER REFERENCES partnerships (id),
    occasion TEXT,
    activity_id INTEGER REFERENCES activities (id) ON DELETE SET NULL,
    description TEXT NOT NULL,
    giver TEXT,
    recipient TEXT,
    value TEXT,
    currency TEXT,
    kept_at TEXT,
    disclosure TEXT NOT NULL,
    source_url TEXT,
    notes TEXT,
    photo_file_id INTEGER UNIQUE REFERENCES files (id) ON DELETE SET NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (value IS NULL OR currency IS NOT NULL)
);
CREATE INDEX gifts_given_on ON gifts (given_on);
CREATE INDEX gifts_partnership_id ON gifts (partnership_id);
CREATE INDEX gifts_activity_id ON gifts (activity_id);
