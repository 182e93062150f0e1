-- Health measures recency from the LAST day an activity's period can cover (its end's, else its
-- start's: "2022" is 2022-12-31, "2022-05" is 2022-05-31), not the first, so no partner turns
-- quiet or dormant early; readers cap the day at the office's today. This recomputes the done day
-- on every link of a done activity and the kept latest days (migration 0011) from it.
-- Keep in step with migrations/sqlite/0020_done_day_last_day.sql.

UPDATE activity_partnerships SET done_day = (
    SELECT CASE length(d.on_)
        WHEN 4 THEN d.on_ || '-12-31'
        WHEN 7 THEN to_char(to_date(d.on_ || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day', 'YYYY-MM-DD')
        ELSE d.on_
    END
    FROM (SELECT COALESCE(a.end_on, a.start_on) AS on_ FROM activities a
          WHERE a.id = activity_partnerships.activity_id AND a.status = 'done') d
);

DELETE FROM partnership_last_done;
INSERT INTO partnership_last_done (partnership_id, last_day, last_on)
SELECT ap.partnership_id, MAX(ap.done_day), MAX(a.start_on)
FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id
WHERE ap.done_day IS NOT NULL
GROUP BY ap.partnership_id;

DELETE FROM partnership_field_last_done;
INSERT INTO partnership_field_last_done (partnership_id, field_id, last_day)
SELECT ap.partnership_id, af.field_id, MAX(ap.done_day)
FROM activity_partnerships ap JOIN activity_fields af ON af.activity_id = ap.activity_id
WHERE ap.done_day IS NOT NULL
GROUP BY ap.partnership_id, af.field_id;
