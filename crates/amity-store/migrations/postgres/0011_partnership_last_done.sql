-- What health and the needs-attention list read, kept by the store's activity writes (insert,
-- update, delete; amity-store src/activities/last_done.rs) in the same transaction, so that they
-- need not join the whole cooperation log (bench/RESULTS.md). Keep in step with
-- migrations/sqlite/0011_partnership_last_done.sql.

-- Each partnership's latest done activity: last_day is the greatest start_day of its done
-- activities (YYYY-MM-DD), last_on the greatest start_on as recorded (YYYY, YYYY-MM or
-- YYYY-MM-DD). A partnership without a done activity has no row.
CREATE TABLE partnership_last_done (
    partnership_id BIGINT PRIMARY KEY REFERENCES partnerships (id) ON DELETE CASCADE,
    last_day TEXT COLLATE "C" NOT NULL,
    last_on TEXT COLLATE "C" NOT NULL
);

INSERT INTO partnership_last_done (partnership_id, last_day, last_on)
SELECT ap.partnership_id, MAX(a.start_day), MAX(a.start_on)
FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id
WHERE a.status = 'done'
GROUP BY ap.partnership_id;

-- The latest done day of each (partnership, field) pair: the fields of the last 24 months are
-- the pairs whose day falls in them.
CREATE TABLE partnership_field_last_done (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    field_id BIGINT NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
    last_day TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (partnership_id, field_id)
);
CREATE INDEX partnership_field_last_done_day ON partnership_field_last_done (last_day, partnership_id);

INSERT INTO partnership_field_last_done (partnership_id, field_id, last_day)
SELECT ap.partnership_id, af.field_id, MAX(a.start_day)
FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id JOIN activity_fields af ON af.activity_id = a.id
WHERE a.status = 'done'
GROUP BY ap.partnership_id, af.field_id;

-- Each link of a done activity carries its start_day (NULL while planned), so the 12- and
-- 24-month counts read one index range instead of joining every activity of the period.
ALTER TABLE activity_partnerships ADD COLUMN done_day TEXT COLLATE "C";
UPDATE activity_partnerships SET done_day = (
    SELECT a.start_day FROM activities a WHERE a.id = activity_partnerships.activity_id AND a.status = 'done'
);
CREATE INDEX activity_partnerships_done_day ON activity_partnerships (done_day, partnership_id, activity_id);
