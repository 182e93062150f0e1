//! The change counter: one row that every write transaction raises as it commits, so that a
//! cached answer (a response, a resolved sign-in) is known to be current by reading one number.
//!
//! The new value is `max(value + 1, now in microseconds)`: it always rises, and after a restore
//! from an older backup it jumps past every value handed out before (ETags in browsers, entries
//! in other servers' caches) instead of counting through them again with different data.

use amity_core::Result;

use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;
use crate::{Db, Pool};

const BUMP_SQLITE: &str = "UPDATE change_counter SET value = MAX(value + 1, $1) WHERE id = 1";
// PostgreSQL's two-argument maximum is `GREATEST` (SQLite's scalar `MAX`).
const BUMP_POSTGRES: &str = "UPDATE change_counter SET value = GREATEST(value + 1, $1) WHERE id = 1";
const READ: &str = "SELECT value FROM change_counter WHERE id = 1";

/// Microseconds since 1970 by the system clock (not the store's clock: tests pin that one, and
/// this only has to move forward between a backup and its restore).
fn now_micros() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

/// Raises the counter inside `tx` (so it commits, or rolls back, with the writes).
pub(crate) async fn bump(tx: &mut Tx) -> Result<()> {
    let now = now_micros();
    let done = match &mut tx.conn {
        crate::tx::Conn::Sqlite(c) => sqlx::query(BUMP_SQLITE).bind(now).execute(&mut **c).await.map(drop),
        crate::tx::Conn::Postgres(c) => sqlx::query(BUMP_POSTGRES).bind(now).execute(&mut **c).await.map(drop),
    };
    done.map_err(internal)
}

impl Db {
    /// The change counter now: one indexed read outside any transaction. A cached answer built
    /// under this value (read before the answer's own reads) is current.
    pub async fn read_counter(&self) -> Result<i64> {
        let value = match self.pool() {
            Pool::Sqlite(p) => sqlx::query_scalar::<_, i64>(READ).fetch_one(p).await,
            Pool::Postgres(p) => sqlx::query_scalar::<_, i64>(READ).fetch_one(p).await,
        };
        value.map_err(internal)
    }
}

impl Tx {
    /// The change counter as this transaction sees it.
    pub async fn read_counter(&mut self) -> Result<i64> {
        let value = on_conn!(self, c => sqlx::query_scalar::<_, i64>(READ).fetch_one(&mut *c).await);
        value.map_err(internal)
    }
}
