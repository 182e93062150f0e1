-- Country groups (SQLite): named, bilingual sets of countries the office defines (Belt and Road
-- cooperation partners, Caribbean …); lists filter partners by them.
-- Keep in step with migrations/postgres/0005_country_groups.sql: same tables, columns and indexes.
-- Membership is the office's data: nothing is seeded here.

CREATE TABLE country_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    source_note TEXT,
    sort_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per member country (ISO 3166-1 alpha-2, upper case); the key serves "members of group".
CREATE TABLE country_group_members (
    group_id INTEGER NOT NULL REFERENCES country_groups (id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    PRIMARY KEY (group_id, country)
);
CREATE INDEX country_group_members_country ON country_group_members (country);
