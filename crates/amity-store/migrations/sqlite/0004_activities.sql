-- The cooperation log. Days are ISO text (YYYY-MM-DD), which sorts and compares the same on both
-- databases; start_on/end_on keep the precision the sources give (YYYY, YYYY-MM or YYYY-MM-DD),
-- start_day is start_on's first day, for periods and ordering.
CREATE TABLE activities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    start_on TEXT NOT NULL,
    end_on TEXT,
    start_day TEXT NOT NULL,
    status TEXT NOT NULL,
    owner_unit_id INTEGER NOT NULL REFERENCES units (id),
    participants INTEGER,
    summary TEXT,
    outcome TEXT,
    source_url TEXT,
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX activities_start_day ON activities (start_day);
CREATE INDEX activities_owner ON activities (owner_unit_id);

CREATE TABLE activity_partnerships (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    PRIMARY KEY (activity_id, partnership_id)
);
CREATE INDEX activity_partnerships_partnership ON activity_partnerships (partnership_id);

CREATE TABLE activity_fields (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    field_id INTEGER NOT NULL REFERENCES fields (id),
    PRIMARY KEY (activity_id, field_id)
);

CREATE TABLE commitments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    who TEXT NOT NULL DEFAULT '',
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX commitments_activity ON commitments (activity_id);
CREATE INDEX commitments_due ON commitments (status, due_on);
