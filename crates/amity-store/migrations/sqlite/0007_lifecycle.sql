-- The relationship lifecycle (SQLite): the kept history of each partnership's status, its approval
-- milestones, and the partnership that continues an ended one after a municipal merger.
-- Keep in step with migrations/postgres/0007_lifecycle.sql. Dates are PartialDate text
-- (YYYY, YYYY-MM or YYYY-MM-DD); instants are bound from Rust.

CREATE TABLE partnership_status_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    -- NULL for the first entry, recorded as the partnership was created.
    from_status TEXT,
    to_status TEXT NOT NULL,
    on_date TEXT NOT NULL,
    reason TEXT NOT NULL,
    condition TEXT,
    ended_by TEXT,
    successor_id INTEGER REFERENCES partnerships (id),
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX partnership_status_history_partnership ON partnership_status_history (partnership_id);
CREATE INDEX partnership_status_history_successor ON partnership_status_history (successor_id);

CREATE TABLE partnership_approvals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    reference TEXT,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX partnership_approvals_partnership ON partnership_approvals (partnership_id);

-- A successor must not be deleted while an ended partnership points to it (records with
-- dependants are archived, not deleted).
ALTER TABLE partnerships ADD COLUMN successor_id INTEGER REFERENCES partnerships (id);
CREATE INDEX partnerships_successor_id ON partnerships (successor_id);
