-- Activities, delegations and gifts carry their text in a second language (SQLite), as events do.
-- Keep in step with migrations/postgres/0022_chinese_text.sql. The existing columns stay the
-- English (or original) text; the new ones hold the Chinese. Either may be empty, never both where
-- a title is required (the validator sees to it), so a Chinese-only title leaves `title` as ''.

ALTER TABLE activities ADD COLUMN title_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN summary_zh TEXT;
ALTER TABLE delegations ADD COLUMN title_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE delegations ADD COLUMN purpose_zh TEXT;
ALTER TABLE gifts ADD COLUMN description_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE gifts ADD COLUMN occasion_zh TEXT;
