-- Foundation schema (SQLite): units, cooperation fields, foreign cities, partnerships, settings.
-- Keep in step with migrations/postgres/0001_foundation.sql: same tables, columns and indexes.
-- AUTOINCREMENT so that a deleted record's id is never handed out again (ids appear in URLs and
-- exports), as PostgreSQL identity columns behave. Timestamps are bound from Rust (RFC 3339 text).

CREATE TABLE units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id INTEGER REFERENCES units (id),
    kind TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL DEFAULT '',
    sort_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX units_parent_id ON units (parent_id);

CREATE TABLE fields (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE foreign_cities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    geonameid INTEGER UNIQUE,
    name_en TEXT NOT NULL,
    name_zh TEXT,
    name_zh_verified BOOLEAN NOT NULL DEFAULT FALSE,
    name_native TEXT,
    country TEXT NOT NULL,
    admin1 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER,
    timezone TEXT,
    search_key TEXT NOT NULL,
    sort_key TEXT NOT NULL
);
CREATE INDEX foreign_cities_country ON foreign_cities (country);
CREATE INDEX foreign_cities_sort_key ON foreign_cities (sort_key);

CREATE TABLE partnerships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    home_unit_id INTEGER NOT NULL REFERENCES units (id),
    city_id INTEGER NOT NULL REFERENCES foreign_cities (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    -- PartialDate text: YYYY, YYYY-MM or YYYY-MM-DD, which sorts chronologically as text.
    established TEXT,
    established_basis TEXT,
    source_url TEXT,
    notes TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX partnerships_home_unit_id ON partnerships (home_unit_id);
CREATE INDEX partnerships_city_id ON partnerships (city_id);
CREATE INDEX partnerships_status ON partnerships (status);
CREATE INDEX partnerships_kind ON partnerships (kind);

CREATE TABLE partnership_fields (
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    field_id INTEGER NOT NULL REFERENCES fields (id),
    PRIMARY KEY (partnership_id, field_id)
);
CREATE INDEX partnership_fields_field_id ON partnership_fields (field_id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The cooperation fields every office starts with, in display order.
INSERT INTO fields (code, name_en, name_zh, position) VALUES
    ('economy', 'Economy', '经济', 1),
    ('trade', 'Trade', '贸易', 2),
    ('science_technology', 'Science and technology', '科技', 3),
    ('culture', 'Culture', '文化', 4),
    ('education', 'Education', '教育', 5),
    ('health', 'Health', '卫生健康', 6),
    ('youth', 'Youth', '青少年', 7),
    ('tourism', 'Tourism', '旅游', 8),
    ('agriculture', 'Agriculture', '农业', 9),
    ('sport', 'Sport', '体育', 10),
    ('environment', 'Environment', '生态环境', 11),
    ('urban_governance', 'Urban governance', '城市治理', 12);
