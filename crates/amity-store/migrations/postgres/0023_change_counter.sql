-- The change counter the response cache is keyed on (PostgreSQL). Keep in step with
-- migrations/sqlite/0023_change_counter.sql: same table and row.
-- One row. Every write transaction raises it as it commits (see amity-store/src/change_counter.rs),
-- so a server that reads the same value as when it built a cached answer knows nothing it shows has changed.
CREATE TABLE change_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);

INSERT INTO change_counter (id, value) VALUES (1, 0);
