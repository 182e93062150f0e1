-- Gift values become integer minor units (SQLite), like budgets: one Money type (amity-core's
-- money module). Keep in step with migrations/postgres/0016_gift_value_minor.sql.
--
-- `value` held normalised decimal text ("1200.5", digits and at most one point, up to four
-- decimals). It is converted exactly with text operations (never through a float): the digits
-- before the point times 10^exponent, plus the decimals padded to the exponent. The exponents are
-- amity-core's money::exponent table (0 or 3 decimals for the currencies below, else 2). A value
-- with more decimals than its currency has (e.g. "0.125" yuan), or that is not plain digits, cannot
-- be held in minor units; it is written at the end of the gift's notes, so nothing is lost, and
-- its value_minor stays empty. Every `value` is then cleared: the column stays only because SQLite
-- cannot drop a column named in a CHECK without rebuilding the table, and rebuilding `gifts`
-- would cascade-delete `delegation_gifts`. Nothing reads or writes it any more.

ALTER TABLE gifts ADD COLUMN value_minor INTEGER;

CREATE TEMP TABLE gift_value_parts AS
SELECT id,
       CASE WHEN instr(value, '.') > 0 THEN substr(value, 1, instr(value, '.') - 1) ELSE value END AS whole,
       rtrim(CASE WHEN instr(value, '.') > 0 THEN substr(value, instr(value, '.') + 1) ELSE '' END, '0') AS frac,
       CASE WHEN currency IN ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF') THEN 0
            WHEN currency IN ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') THEN 3
            ELSE 2 END AS exponent
FROM gifts
WHERE value IS NOT NULL;

UPDATE gifts
SET value_minor = (
    SELECT CAST(p.whole AS INTEGER) * (CASE p.exponent WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END)
         + CAST(substr(p.frac || '000', 1, p.exponent) AS INTEGER)
    FROM gift_value_parts p
    WHERE p.id = gifts.id
)
WHERE id IN (
    SELECT id FROM gift_value_parts
    WHERE whole <> '' AND whole NOT GLOB '*[^0-9]*' AND length(ltrim(whole, '0')) <= 13
      AND frac NOT GLOB '*[^0-9]*' AND length(frac) <= exponent
);

UPDATE gifts
SET notes = CASE WHEN notes IS NULL OR notes = '' THEN '' ELSE notes || char(10) || char(10) END
    || 'Estimated value as recorded before amounts were kept in minor units: ' || value || ' ' || coalesce(currency, '')
WHERE value IS NOT NULL AND value_minor IS NULL;

UPDATE gifts SET value = NULL WHERE value IS NOT NULL;

DROP TABLE gift_value_parts;
