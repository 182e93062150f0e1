-- Accounts (SQLite): users, sessions, API tokens, failed sign-ins, and the append-only audit log.
-- Keep in step with migrations/postgres/0002_accounts.sql: same tables, columns, indexes and rules.
-- Timestamps are bound from Rust: sqlx writes DateTime<Utc> as RFC 3339 text with a "+00:00"
-- offset and 0, 3, 6 or 9 fraction digits ("2024-05-01T09:30:00.123+00:00").

-- Usernames are stored lower-case (the store folds them) and are unique however they are spelt;
-- the expression index also serves sign-in's `lower(username) = $1`.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id INTEGER REFERENCES units (id),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
CREATE INDEX users_unit_id ON users (unit_id);

-- A session's id is kept only as its SHA-256; the cookie holds the secret.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Tokens are credentials, not history (the audit log keeps that), so they go with their user.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);

-- The username as typed (folded to lower case), whether or not such a user exists.
CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    ip TEXT,
    at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_username_at ON sign_in_failures (username, at);
CREATE INDEX sign_in_failures_ip_at ON sign_in_failures (ip, at);

-- No foreign key on user_id: an entry outlives the account and anything else it names.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id INTEGER,
    actor TEXT NOT NULL,
    ip TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor);

-- The audit log is append-only in the database itself, whatever the application does:
-- - no UPDATE at all. Erasure of personal data inside before_json/after_json will need one;
--   it will come with its own migration that replaces this trigger with one allowing changes to
--   those two columns only, so who, when and what stay immutable;
-- - no DELETE of an entry younger than 180 days (amity_core::audit::RETENTION_DAYS); older
--   entries may be pruned.
-- `at` is compared through julianday(), which reads sqlx's RFC 3339 text with its offset and
-- any number of fraction digits; text that is not a time gives NULL and is refused too.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_keep_recent BEFORE DELETE ON audit_log
WHEN coalesce(julianday(old.at) > julianday('now', '-180 days'), 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_log entries are kept for 180 days');
END;
