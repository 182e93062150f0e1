-- Files and agreements (SQLite). Keep in step with migrations/postgres/0009_files_agreements.sql:
-- same tables, columns and indexes.
-- `files` keeps the bytes in the database (at most 20 MiB each, checked before storing), with their
-- SHA-256, size, the declared and the sniffed media type, and the uploader's file name — for
-- display only, never used as a path. A file belongs to what links to it (an agreement, a gift).
-- Agreements: `signed_on` keeps the precision the sources give (YYYY, YYYY-MM or YYYY-MM-DD);
-- `valid_until` is an ISO day; `supersedes_id` links a new version to the one it replaces (each
-- version is replaced by at most one); `languages` holds one entry per line and `signatories` a
-- JSON list of {name, office, side}. A partnership with agreements cannot be deleted.

CREATE TABLE files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    content BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    declared_type TEXT NOT NULL,
    content_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id)
);
CREATE INDEX files_created_by ON files (created_by);

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    languages TEXT NOT NULL DEFAULT '',
    signatories TEXT NOT NULL DEFAULT '[]',
    signed_on TEXT,
    signed_place TEXT,
    valid_until TEXT,
    supersedes_id INTEGER UNIQUE REFERENCES agreements (id) ON DELETE SET NULL,
    notes TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (supersedes_id IS NULL OR supersedes_id <> id)
);
CREATE INDEX agreements_partnership_id ON agreements (partnership_id);
CREATE INDEX agreements_valid_until ON agreements (valid_until);

CREATE TABLE agreement_files (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL UNIQUE REFERENCES files (id) ON DELETE CASCADE,
    PRIMARY KEY (agreement_id, file_id)
);
