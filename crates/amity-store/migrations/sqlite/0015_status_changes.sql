-- One status history for every record that has a status (SQLite): partnerships, events and
-- delegations today, projects and service requests later. Keep in step with
-- migrations/postgres/0015_status_changes.sql. `subject` names the kind of record; there is no
-- foreign key, so a record's delete removes its rows in the same transaction (as budget lines do).
-- Dates are PartialDate text; instants are bound from Rust.

CREATE TABLE status_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    -- NULL for the entry recorded as the record was created.
    from_status TEXT,
    to_status TEXT NOT NULL,
    on_date TEXT NOT NULL,
    reason TEXT,
    condition TEXT,
    ended_by TEXT,
    successor_id INTEGER,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX status_changes_subject ON status_changes (subject, subject_id, id);

INSERT INTO status_changes (subject, subject_id, from_status, to_status, on_date, reason, condition, ended_by, successor_id, actor, at)
SELECT 'partnership', partnership_id, from_status, to_status, on_date, reason, condition, ended_by, successor_id, actor, created_at
FROM partnership_status_history ORDER BY id;

-- Event changes had no date of their own: the day they were recorded (UTC) stands for it.
INSERT INTO status_changes (subject, subject_id, from_status, to_status, on_date, reason, actor, at)
SELECT 'event', event_id, from_status, to_status, substr(at, 1, 10), reason, actor, at
FROM event_status_changes ORDER BY id;

-- Delegations kept no history: their current status is recorded as where they start, on the day
-- they were created.
INSERT INTO status_changes (subject, subject_id, from_status, to_status, on_date, reason, actor, at)
SELECT 'delegation', id, NULL, status, substr(created_at, 1, 10), NULL, 'system', created_at
FROM delegations ORDER BY id;

DROP TABLE partnership_status_history;
DROP TABLE event_status_changes;
