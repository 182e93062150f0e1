-- Contacts (SQLite): people on both sides of a partnership. Personal data: read only by roles that
-- see personal data, never shown on a public page. They go with their partnership.
-- Keep in step with migrations/postgres/0006_contacts.sql: same tables, columns and indexes.
-- `languages` holds the list one entry per line (entries cannot contain line breaks).

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    name_native TEXT,
    name_romanised TEXT,
    title TEXT,
    organisation TEXT,
    email TEXT,
    phone TEXT,
    languages TEXT NOT NULL DEFAULT '',
    notes TEXT,
    search_key TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (name_native IS NOT NULL OR name_romanised IS NOT NULL)
);
CREATE INDEX contacts_partnership_id ON contacts (partnership_id);
