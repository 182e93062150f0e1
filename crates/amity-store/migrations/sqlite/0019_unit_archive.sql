-- Units can be archived (SQLite): kept for the records that name them, offered in no picker.
-- Keep in step with migrations/postgres/0019_unit_archive.sql. NULL means active; the instant
-- is bound from Rust (RFC 3339 text), like every other timestamp.

ALTER TABLE units ADD COLUMN archived_at TEXT;
