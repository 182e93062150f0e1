//! The few places where SQLite and PostgreSQL differ, and the idioms chosen so that the rest of
//! the SQL in this crate is the same text on both. Read this before writing a new query.
//!
//! - **Write transactions**: SQLite's plain `BEGIN` is deferred; a reader that later writes must
//!   upgrade its lock and fails at once with `SQLITE_BUSY` when another writer got there first
//!   (the busy timeout does not help an upgrade). `BEGIN IMMEDIATE` takes the write lock up front,
//!   so writers queue on the busy timeout instead. PostgreSQL's plain `BEGIN` already queues on
//!   row locks.
//! - **Upserts**: `INSERT … ON CONFLICT (col) DO UPDATE SET x = excluded.x` is accepted by both
//!   (SQLite ≥ 3.24, bundled by sqlx); PostgreSQL's `EXCLUDED` is case-insensitive.
//! - **`LIKE`**: PostgreSQL escapes with `\` by default, SQLite has no default escape character
//!   and is case-insensitive for ASCII. Every `LIKE` here says `ESCAPE '\'` and matches folded
//!   (lower-case) keys against a folded pattern, so both behave alike; see [`contains_pattern`].
//! - **Booleans in `ORDER BY`**: `(x IS NULL)` is 0/1 on SQLite and false/true on PostgreSQL;
//!   both sort it false first, which is how "NULLs last" is written once.
//! - **Text order**: SQLite compares bytes; PostgreSQL uses the column's collation, so the
//!   PostgreSQL migration declares the computed key columns `COLLATE "C"`.
//! - **Integers**: `COUNT` is BIGINT on PostgreSQL but `SUM` is NUMERIC; cast both to BIGINT.
//! - **Instants**: PostgreSQL stores TIMESTAMPTZ; SQLite stores sqlx's text for `DateTime<Utc>`
//!   (RFC 3339, `+00:00`, 0/3/6/9 fraction digits), which compares correctly as text against other
//!   bound instants. SQL that computes a time itself (the audit log's retention trigger) reads the
//!   text with `julianday()` on SQLite and uses `now() - interval` on PostgreSQL.
//! - **Limits counted in rows** (submissions per address): counting then inserting is a race on
//!   PostgreSQL, where two transactions count the same rows. A transaction-scoped advisory lock
//!   on the key serialises them ([`PG_LOCK_FORM_ADDRESS`]); on SQLite the write transaction
//!   already holds the database's single write lock.

/// The statement that opens a SQLite write transaction (see the module note).
pub(crate) const SQLITE_BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// Takes PostgreSQL's transaction-scoped advisory lock on a (form, address) pair: `$1` the form,
/// `$2` the address. The two-key form keeps these locks apart from sqlx's migration lock.
pub(crate) const PG_LOCK_FORM_ADDRESS: &str = "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))";

/// A `LIKE` pattern (used with `ESCAPE '\'`) that finds `needle` anywhere in a text, with
/// `%`, `_` and `\` in the needle matched literally.
pub(crate) fn contains_pattern(needle: &str) -> String {
    let mut out = String::with_capacity(needle.len() + 2);
    out.push('%');
    for ch in needle.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_the_needle_are_escaped() {
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert_eq!(contains_pattern("sacra"), "%sacra%");
    }
}
