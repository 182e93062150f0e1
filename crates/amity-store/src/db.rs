//! `Db`: a pool on SQLite or PostgreSQL, opening units of work for the services.

use amity_core::Result;
use amity_core::clock::Clock;
use amity_core::store::Store;
use async_trait::async_trait;
use sqlx::{PgPool, SqlitePool};

use crate::dialect;
use crate::error::internal;
use crate::tx::{Conn, Tx};

/// The database Amity runs on, chosen by the URL given to [`Db::open`], with the clock the
/// services read the time from ([`Db::with_clock`]; the system clock in Asia/Shanghai by default).
#[derive(Debug, Clone)]
pub struct Db {
    pool: Pool,
    clock: Clock,
    /// Whether write transactions raise the change counter: always, except on a test database
    /// held at a schema older than migration 0023 (`testing::each_backend_before`).
    counts_changes: bool,
}

/// The connection pool behind a [`Db`].
#[derive(Debug, Clone)]
pub enum Pool {
    /// A SQLite file (the default) or an in-memory database.
    Sqlite(SqlitePool),
    /// A PostgreSQL server.
    Postgres(PgPool),
}

/// Which database a store runs on: where the dialects differ (see `dialect.rs`, bulk inserts), the
/// code matches on this instead of comparing names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `"sqlite"` or `"postgres"`, for logs, `/healthz`, `amity config` and test messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Pool> for Db {
    fn from(pool: Pool) -> Self {
        Db { pool, clock: Clock::default(), counts_changes: true }
    }
}

impl Db {
    /// The same database read with another clock: the system clock in the office's time zone when
    /// Amity serves, a fixed moment in tests.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The same database with write transactions that leave the change counter alone: for tests
    /// that write rows under a schema older than migration 0023, which has no counter yet.
    #[cfg(feature = "testing")]
    pub(crate) fn without_change_counter(mut self) -> Self {
        self.counts_changes = false;
        self
    }

    /// The connection pool.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        match &self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// SQLite's own consistency check (`PRAGMA integrity_check`): `"ok"` or the problems it found.
    /// PostgreSQL keeps its files consistent itself, so it answers `"ok"` there.
    pub async fn integrity_check(&self) -> Result<String> {
        match &self.pool {
            Pool::Sqlite(p) => {
                let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check").fetch_all(p).await.map_err(internal)?;
                Ok(rows.into_iter().map(|r| r.0).collect::<Vec<_>>().join("; "))
            }
            Pool::Postgres(_) => Ok("ok".to_string()),
        }
    }

    /// The engine's version: `SELECT sqlite_version()` (the SQLite Amity is built with) or the
    /// PostgreSQL server's `server_version`. The benchmark prints it beside its shell's.
    pub async fn engine_version(&self) -> Result<String> {
        match &self.pool {
            Pool::Sqlite(p) => {
                let (v,): (String,) = sqlx::query_as("SELECT sqlite_version()").fetch_one(p).await.map_err(internal)?;
                Ok(format!("SQLite {v}"))
            }
            Pool::Postgres(p) => {
                let (v,): (String,) = sqlx::query_as("SHOW server_version").fetch_one(p).await.map_err(internal)?;
                Ok(format!("PostgreSQL {v}"))
            }
        }
    }

    /// Closes every connection, waiting for checked-out ones to come back.
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

#[async_trait]
impl Store for Db {
    type Tx = Tx;

    async fn begin(&self) -> Result<Tx> {
        let conn = match &self.pool {
            Pool::Sqlite(p) => Conn::Sqlite(p.begin_with(dialect::SQLITE_BEGIN_WRITE).await.map_err(internal)?),
            Pool::Postgres(p) => Conn::Postgres(p.begin().await.map_err(internal)?),
        };
        Ok(Tx { conn, clock: self.clock, invalidates: self.counts_changes })
    }

    async fn read(&self) -> Result<Tx> {
        let conn = match &self.pool {
            Pool::Sqlite(p) => Conn::Sqlite(p.begin().await.map_err(internal)?),
            Pool::Postgres(p) => Conn::Postgres(p.begin().await.map_err(internal)?),
        };
        Ok(Tx { conn, clock: self.clock, invalidates: false })
    }

    async fn ping(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::query("SELECT 1").execute(p).await.map(drop).map_err(internal),
            Pool::Postgres(p) => sqlx::query("SELECT 1").execute(p).await.map(drop).map_err(internal),
        }
    }

    fn clock(&self) -> Clock {
        self.clock
    }
}
