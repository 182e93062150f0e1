-- Units can be archived (PostgreSQL): kept for the records that name them, offered in no picker.
-- Keep in step with migrations/sqlite/0019_unit_archive.sql. NULL means active.

ALTER TABLE units ADD COLUMN archived_at TIMESTAMPTZ;
