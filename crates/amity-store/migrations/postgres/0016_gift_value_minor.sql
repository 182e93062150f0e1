-- Gift values become integer minor units (PostgreSQL), like budgets: one Money type (amity-core's
-- money module). Keep in step with migrations/sqlite/0016_gift_value_minor.sql.
--
-- `value` held normalised decimal text ("1200.5", digits and at most one point, up to four
-- decimals). It is converted exactly with NUMERIC arithmetic (never a float): the value times
-- 10^exponent, where the exponents are amity-core's money::exponent table (0 or 3 decimals for the
-- currencies below, else 2). A value with more decimals than its currency has (e.g. "0.125" yuan),
-- or that is not plain digits, cannot be held in minor units; it is written at the end of the
-- gift's notes, so nothing is lost, and its value_minor stays empty. Every `value` is then
-- cleared: the column stays, unused, so both databases keep the same columns (SQLite cannot drop it
-- without rebuilding the table).

ALTER TABLE gifts ADD COLUMN value_minor BIGINT;

WITH scaled AS (
    SELECT id,
           CAST(value AS NUMERIC) * CASE WHEN currency IN ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF') THEN 1
                                         WHEN currency IN ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') THEN 1000
                                         ELSE 100 END AS minor
    FROM gifts
    WHERE value ~ '^0*[0-9]{1,13}(\.[0-9]*)?$'
)
UPDATE gifts g
SET value_minor = CAST(s.minor AS BIGINT)
FROM scaled s
WHERE s.id = g.id AND s.minor = trunc(s.minor);

UPDATE gifts
SET notes = CASE WHEN notes IS NULL OR notes = '' THEN '' ELSE notes || chr(10) || chr(10) END
    || 'Estimated value as recorded before amounts were kept in minor units: ' || value || ' ' || coalesce(currency, '')
WHERE value IS NOT NULL AND value_minor IS NULL;

UPDATE gifts SET value = NULL WHERE value IS NOT NULL;
