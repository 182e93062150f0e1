-- National days of the countries the office cares about, not only of partner countries (PostgreSQL).
-- Keep in step with migrations/sqlite/0021_calendar_interest.sql: same tables, columns and indexes.
-- A country group can be flagged to put its members' national days on the calendar; the office keeps
-- its own list of further countries. Existing groups stay off the calendar until the office flags them.

ALTER TABLE country_groups ADD COLUMN on_calendar BOOLEAN NOT NULL DEFAULT FALSE;

-- Countries the office listed on the calendar page (ISO 3166-1 alpha-2, upper case), who and when.
CREATE TABLE calendar_countries (
    country TEXT COLLATE "C" PRIMARY KEY,
    added_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    added_at TIMESTAMPTZ NOT NULL
);
