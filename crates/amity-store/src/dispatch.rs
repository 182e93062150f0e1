//! The one dispatch macro: a query body written once, compiled for both SQLite and PostgreSQL.
//!
//! `on_conn!(tx, c => body)` matches the transaction's backend and binds `c` to that backend's
//! `&mut Connection` in each arm, so `body` is type-checked against `SqliteConnection` and
//! `PgConnection` separately: a column type or bind that one driver cannot handle fails to build.
//! Use `&mut *c` as the executor (a reborrow) so the body can run several queries.

/// Runs `body` with `c` bound to the transaction's connection, for whichever backend it is.
macro_rules! on_conn {
    ($tx:expr, $c:ident => $body:expr) => {
        match &mut $tx.conn {
            $crate::tx::Conn::Sqlite(t) => {
                let $c: &mut ::sqlx::SqliteConnection = &mut *t;
                $body
            }
            $crate::tx::Conn::Postgres(t) => {
                let $c: &mut ::sqlx::PgConnection = &mut *t;
                $body
            }
        }
    };
}

pub(crate) use on_conn;
