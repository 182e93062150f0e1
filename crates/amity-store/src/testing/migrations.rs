//! Databases migrated part-way, to test a migration on rows written in the schema before it.

use std::borrow::Cow;

use sqlx::migrate::Migrator;

use super::BackendGuard;
use super::postgres::postgres_unmigrated;
use crate::Db;
use crate::Pool;
use crate::open::{POSTGRES_MIGRATOR, SQLITE_MIGRATOR, open_sqlite_memory};

/// The migrations of `all` older than `version`. (sqlx builds a `Migrator` from its fields; they are
/// public for its `migrate!` macro. Only tests use this.)
fn before(all: &Migrator, version: i64) -> Migrator {
    let migrations: Vec<_> = all.iter().filter(|m| m.version < version).cloned().collect();
    Migrator { migrations: Cow::Owned(migrations), ..Migrator::DEFAULT }
}

/// A fresh database on every backend reachable here (as [`super::each_backend`] decides) with only
/// the migrations numbered below `version` applied. Write old rows, then [`migrate_rest`].
pub async fn each_backend_before(version: i64) -> Vec<(&'static str, BackendGuard)> {
    let pool = match open_sqlite_memory().await {
        Ok(p) => p,
        Err(e) => panic!("in-memory SQLite failed to open: {e}"),
    };
    if let Err(e) = before(&SQLITE_MIGRATOR, version).run(&pool).await {
        panic!("SQLite migrations before {version} failed: {e}");
    }
    // Below 0023 there is no change counter for write transactions to raise.
    let counted = |db: Db| if version <= 23 { db.without_change_counter() } else { db };
    let mut out = vec![("sqlite", BackendGuard::Sqlite(counted(Db::from(Pool::Sqlite(pool)))))];
    if let Some(pg) = postgres_unmigrated().await {
        let Pool::Postgres(pool) = pg.pool() else { unreachable!("a PostgreSQL test database") };
        if let Err(e) = before(&POSTGRES_MIGRATOR, version).run(pool).await {
            panic!("PostgreSQL migrations before {version} failed: {e}");
        }
        out.push(("postgres", BackendGuard::Postgres(if version <= 23 { pg.without_change_counter() } else { pg })));
    }
    out
}

/// Applies the migrations `db` has not had yet, as opening it in production would.
pub async fn migrate_rest(db: &Db) -> Result<(), crate::OpenError> {
    db.migrate().await
}
