//! Fresh databases for tests (feature `testing`): an in-memory SQLite per call, a PostgreSQL
//! database per call cloned from a migrated template, and [`each_backend`] to run a test body on both.

mod migrations;
mod postgres;

use std::ops::Deref;

use crate::Db;

pub use migrations::{each_backend_before, migrate_rest};
pub use postgres::{TestPg, postgres};

/// A fresh, migrated in-memory SQLite database. It has one connection, so units of work from
/// concurrent tasks queue for it (a task must not open a second one while holding the first).
pub async fn sqlite() -> Db {
    match Db::open("sqlite::memory:").await {
        Ok(db) => db,
        Err(e) => panic!("in-memory SQLite failed to open: {e}"),
    }
}

/// A test database of either backend; dereferences to [`Db`], and a PostgreSQL one is dropped
/// when this is.
#[derive(Debug)]
pub enum BackendGuard {
    /// An in-memory SQLite database.
    Sqlite(Db),
    /// A PostgreSQL database of its own.
    Postgres(TestPg),
}

impl Deref for BackendGuard {
    type Target = Db;

    fn deref(&self) -> &Db {
        match self {
            BackendGuard::Sqlite(db) => db,
            BackendGuard::Postgres(pg) => pg,
        }
    }
}

/// A fresh database on every backend reachable here, named: `("sqlite", …)` always, then
/// `("postgres", …)` unless PostgreSQL is unreachable outside CI (see [`postgres`]).
///
/// ```no_run
/// # async fn example() {
/// use amity_core::store::{FieldStore, Store};
/// for (backend, db) in amity_store::testing::each_backend().await {
///     let fields = db.read().await.expect(backend).list_fields().await.expect(backend);
///     assert_eq!(fields.len(), 12, "{backend}");
/// }
/// # }
/// ```
pub async fn each_backend() -> Vec<(&'static str, BackendGuard)> {
    let mut out = vec![("sqlite", BackendGuard::Sqlite(sqlite().await))];
    if let Some(pg) = postgres().await {
        out.push(("postgres", BackendGuard::Postgres(pg)));
    }
    out
}
