//! Failed sign-ins and sign-in locks, kept in the database so that every server agrees on
//! lock-outs and throttling.
//!
//! Usernames are folded to lower case in Rust (here, on write and on read) and compared with
//! `=`, so the `(username, at)` index serves the counts and both databases fold alike. A failure
//! with no address is counted under the key "" (`COALESCE(ip, '')`), like its lock.

use amity_core::Result;
use amity_core::store::SignInStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::{Conn, Tx};

/// The key of PostgreSQL's advisory lock that sign-in checks take turns on ("amity-si").
const SIGN_IN_LOCK_KEY: i64 = 0x616d_6974_792d_7369;

#[async_trait]
impl SignInStore for Tx {
    async fn serialize_sign_ins(&mut self) -> Result<()> {
        // SQLite: the write transaction (BEGIN IMMEDIATE) already holds the database's one write
        // lock. PostgreSQL: held until the transaction ends; the transactions are short (the
        // password is checked outside them), so queueing all sign-ins costs milliseconds.
        match &mut self.conn {
            Conn::Sqlite(_) => Ok(()),
            Conn::Postgres(t) => {
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(SIGN_IN_LOCK_KEY).execute(&mut **t).await.map(drop).map_err(internal)
            }
        }
    }

    async fn record_sign_in_failure(&mut self, username: &str, ip: Option<&str>, at: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO sign_in_failures (username, ip, at) VALUES ($1, $2, $3) RETURNING id";
        let id =
            on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(username.to_lowercase()).bind(ip).bind(at).fetch_one(&mut *c).await);
        id.map_err(internal)
    }

    async fn delete_sign_in_failure(&mut self, id: i64) -> Result<()> {
        const SQL: &str = "DELETE FROM sign_in_failures WHERE id = $1";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(id).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    async fn sign_in_failures_for_user(&mut self, username: &str, since: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM sign_in_failures WHERE username = $1 AND at >= $2";
        let n = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(username.to_lowercase()).bind(since).fetch_one(&mut *c).await);
        n.map_err(internal)
    }

    async fn sign_in_failures_for_user_ip(&mut self, username: &str, ip: Option<&str>, since: DateTime<Utc>) -> Result<i64> {
        const SQL: &str =
            "SELECT CAST(COUNT(*) AS BIGINT) FROM sign_in_failures WHERE username = $1 AND COALESCE(ip, '') = $2 AND at >= $3";
        let (name, key) = (username.to_lowercase(), ip.unwrap_or(""));
        let n = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(&name).bind(key).bind(since).fetch_one(&mut *c).await);
        n.map_err(internal)
    }

    async fn sign_in_failures_for_ip(&mut self, ip: &str, since: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM sign_in_failures WHERE ip = $1 AND at >= $2";
        let n = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(ip).bind(since).fetch_one(&mut *c).await);
        n.map_err(internal)
    }

    /// Removes the username's rows only: failures an address made on other usernames stay, so
    /// unlocking one account does not wipe an address's record of guessing at others.
    async fn clear_sign_in_failures(&mut self, username: &str) -> Result<()> {
        const SQL: &str = "DELETE FROM sign_in_failures WHERE username = $1";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(username.to_lowercase()).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    async fn clear_sign_in_failures_from(&mut self, username: &str, ip: Option<&str>) -> Result<()> {
        const FAILURES: &str = "DELETE FROM sign_in_failures WHERE username = $1 AND COALESCE(ip, '') = $2";
        const LOCK: &str = "DELETE FROM sign_in_locks WHERE username = $1 AND ip = $2";
        let (name, key) = (username.to_lowercase(), ip.unwrap_or(""));
        on_conn!(self, c => {
            sqlx::query(FAILURES).bind(&name).bind(key).execute(&mut *c).await.map_err(internal)?;
            sqlx::query(LOCK).bind(&name).bind(key).execute(&mut *c).await.map(drop).map_err(internal)
        })
    }

    async fn purge_sign_in_failures(&mut self, before: DateTime<Utc>) -> Result<u64> {
        const SQL: &str = "DELETE FROM sign_in_failures WHERE at < $1";
        const LOCKS: &str = "DELETE FROM sign_in_locks WHERE locked_until < $1";
        on_conn!(self, c => {
            let n = sqlx::query(SQL).bind(before).execute(&mut *c).await.map_err(internal)?.rows_affected();
            sqlx::query(LOCKS).bind(before).execute(&mut *c).await.map(|_| n).map_err(internal)
        })
    }

    async fn sign_in_lock(&mut self, username: &str, ip_key: &str) -> Result<Option<DateTime<Utc>>> {
        const SQL: &str = "SELECT locked_until FROM sign_in_locks WHERE username = $1 AND ip = $2";
        let name = username.to_lowercase();
        let until = on_conn!(self, c => sqlx::query_scalar::<_, DateTime<Utc>>(SQL).bind(&name).bind(ip_key).fetch_optional(&mut *c).await);
        until.map_err(internal)
    }

    async fn lock_sign_in(&mut self, username: &str, ip_key: &str, until: DateTime<Utc>, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
        // Replaces only a lock that has ended, so attempts during a lock never extend it.
        const SQL: &str = "INSERT INTO sign_in_locks (username, ip, locked_until) VALUES ($1, $2, $3) \
             ON CONFLICT (username, ip) DO UPDATE SET locked_until = excluded.locked_until WHERE sign_in_locks.locked_until <= $4";
        const READ: &str = "SELECT locked_until FROM sign_in_locks WHERE username = $1 AND ip = $2";
        let name = username.to_lowercase();
        on_conn!(self, c => {
            sqlx::query(SQL).bind(&name).bind(ip_key).bind(until).bind(now).execute(&mut *c).await.map_err(internal)?;
            sqlx::query_scalar::<_, DateTime<Utc>>(READ).bind(&name).bind(ip_key).fetch_one(&mut *c).await.map_err(internal)
        })
    }

    async fn active_sign_in_locks(&mut self, now: DateTime<Utc>) -> Result<Vec<(String, DateTime<Utc>)>> {
        const SQL: &str =
            "SELECT username, MAX(locked_until) FROM sign_in_locks WHERE locked_until > $1 GROUP BY username ORDER BY username";
        let rows = on_conn!(self, c => sqlx::query_as::<_, (String, DateTime<Utc>)>(SQL).bind(now).fetch_all(&mut *c).await);
        rows.map_err(internal)
    }

    async fn unlock_sign_in(&mut self, username: &str, now: DateTime<Utc>) -> Result<u64> {
        const IN_FORCE: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM sign_in_locks WHERE username = $1 AND locked_until > $2";
        const LOCKS: &str = "DELETE FROM sign_in_locks WHERE username = $1";
        const FAILURES: &str = "DELETE FROM sign_in_failures WHERE username = $1";
        let name = username.to_lowercase();
        let n = on_conn!(self, c => {
            let n = sqlx::query_scalar::<_, i64>(IN_FORCE).bind(&name).bind(now).fetch_one(&mut *c).await.map_err(internal)?;
            sqlx::query(LOCKS).bind(&name).execute(&mut *c).await.map_err(internal)?;
            sqlx::query(FAILURES).bind(&name).execute(&mut *c).await.map(|_| n).map_err(internal)
        });
        n.map(|n| u64::try_from(n).unwrap_or(0))
    }
}
