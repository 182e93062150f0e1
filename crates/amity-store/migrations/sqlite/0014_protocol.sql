-- The protocol calendar's own data (SQLite). Keep in step with postgres/0014_protocol.sql.
-- Days are ISO text (YYYY-MM-DD); `established` keeps the precision of the source (YYYY, YYYY-MM or YYYY-MM-DD).

-- The home country's diplomatic relations with a country: entered by the office, not shipped data.
CREATE TABLE diplomatic_relations (
    country TEXT PRIMARY KEY,
    established TEXT NOT NULL,
    basis TEXT,
    source_url TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- This year's date of a national day without a fixed one (the United Kingdom, Israel, Nepal).
CREATE TABLE national_day_dates (
    country TEXT NOT NULL,
    year INTEGER NOT NULL,
    day TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (country, year)
);

-- Private iCalendar feeds: the URL carries the secret, the database only its SHA-256.
CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);

-- One row per run of a periodic job and period: the lease that lets exactly one server run it.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    period TEXT NOT NULL,
    holder TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    PRIMARY KEY (job, period)
);

-- Who wants the weekly digest of the calendar, where, and in which language.
CREATE TABLE digest_subscriptions (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    locale TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
