-- The coverage matrix counts the done activities whose span overlaps its period. With only the
-- first day stored (start_day), "ends on or after the period's first day" could not use an index,
-- and every done activity that started before the period's end was read (1.47 s on the national
-- data set). end_day is the LAST day an activity's period can cover — its end's, else its start's,
-- at the precision recorded ("2022" is 2022-12-31, "2022-05" is 2022-05-31; the same day as
-- activity_partnerships.done_day, migration 0020) — so the scan is bounded from both sides.
-- Keep in step with migrations/postgres/0024_activity_end_day.sql.

ALTER TABLE activities ADD COLUMN end_day TEXT NOT NULL DEFAULT '';

UPDATE activities SET end_day = (
    SELECT CASE length(d.on_)
        WHEN 4 THEN d.on_ || '-12-31'
        WHEN 7 THEN date(d.on_ || '-01', '+1 month', '-1 day')
        ELSE d.on_
    END
    FROM (SELECT COALESCE(activities.end_on, activities.start_on) AS on_) d
);

-- Covering for the period test: the range on end_day, start_day and status read from the index.
CREATE INDEX activities_end_day ON activities (end_day, start_day, status);
