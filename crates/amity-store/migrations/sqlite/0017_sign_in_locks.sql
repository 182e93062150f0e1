-- Sign-in locks (issue 11). One row per submitted username (folded to lower case, whether or not
-- such a user exists, so an unknown name is answered like a known one) and address: `ip` is the
-- client address the lock holds against, '*' for every address (the account limit), '' for a
-- client whose address is unknown. Attempts during a lock are refused without checking the
-- password and do not extend it; failures before `locked_until` no longer count once it passes.
-- An admin's unlock or password reset deletes the username's rows. Keep in step with
-- migrations/postgres/0017_sign_in_locks.sql.
CREATE TABLE sign_in_locks (
    username TEXT NOT NULL,
    ip TEXT NOT NULL,
    locked_until TEXT NOT NULL,
    PRIMARY KEY (username, ip)
);
CREATE INDEX sign_in_locks_locked_until ON sign_in_locks (locked_until);
