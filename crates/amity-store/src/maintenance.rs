//! Keeping erased data out of the database files: SQLite connections overwrite what they delete
//! (`secure_delete`, set in `open.rs` on every connection), and `vacuum` rewrites the file so that
//! free pages and old row versions are gone too.

use crate::Db;
use crate::Pool;
use crate::error::internal;
use amity_core::Result;

impl Db {
    /// Whether this connection overwrites deleted content with zeros: SQLite's `PRAGMA
    /// secure_delete` (1 on every connection Amity opens). PostgreSQL has no such setting; its dead
    /// row versions stay in the files until `VACUUM` (see docs/OPERATIONS.md), so it answers `false`.
    pub async fn secure_delete(&self) -> Result<bool> {
        match self.pool() {
            Pool::Sqlite(p) => {
                let on: i64 = sqlx::query_scalar("PRAGMA secure_delete").fetch_one(p).await.map_err(internal)?;
                Ok(on == 1)
            }
            Pool::Postgres(_) => Ok(false),
        }
    }

    /// Rewrites the database so that deleted and erased rows no longer stand anywhere in its files:
    /// SQLite `VACUUM` (a new file without free pages; the WAL is then checkpointed and truncated);
    /// PostgreSQL `VACUUM FULL` (every table rewritten, dead row versions dropped). Both lock the
    /// tables while they run: run it when the office is not working.
    pub async fn vacuum(&self) -> Result<()> {
        match self.pool() {
            Pool::Sqlite(p) => {
                sqlx::query("VACUUM").execute(p).await.map_err(internal)?;
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(p).await.map_err(internal)?;
            }
            // Outside any transaction: VACUUM refuses to run inside one.
            Pool::Postgres(p) => {
                sqlx::query("VACUUM FULL").execute(p).await.map_err(internal)?;
            }
        }
        Ok(())
    }
}
