//! Failed sign-ins, counted in the database so that every server agrees on lock-outs.
//!
//! Usernames are folded to lower case in Rust (here, on write and on read) and compared with
//! `=`, so the `(username, at)` index serves the count and both databases fold alike.

use amity_core::Result;
use amity_core::store::SignInStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

#[async_trait]
impl SignInStore for Tx {
    async fn record_sign_in_failure(&mut self, username: &str, ip: Option<&str>, at: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "INSERT INTO sign_in_failures (username, ip, at) VALUES ($1, $2, $3)";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(username.to_lowercase()).bind(ip).bind(at).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    async fn sign_in_failures_for_user(&mut self, username: &str, since: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM sign_in_failures WHERE username = $1 AND at >= $2";
        let n = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(username.to_lowercase()).bind(since).fetch_one(&mut *c).await);
        n.map_err(internal)
    }

    async fn sign_in_failures_for_ip(&mut self, ip: &str, since: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM sign_in_failures WHERE ip = $1 AND at >= $2";
        let n = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(ip).bind(since).fetch_one(&mut *c).await);
        n.map_err(internal)
    }

    /// Removes the username's rows only: failures an address made on other usernames stay, so
    /// signing in to one account does not wipe an address's record of guessing at others.
    async fn clear_sign_in_failures(&mut self, username: &str) -> Result<()> {
        const SQL: &str = "DELETE FROM sign_in_failures WHERE username = $1";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(username.to_lowercase()).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    async fn purge_sign_in_failures(&mut self, before: DateTime<Utc>) -> Result<u64> {
        const SQL: &str = "DELETE FROM sign_in_failures WHERE at < $1";
        let n = on_conn!(self, c => sqlx::query(SQL).bind(before).execute(&mut *c).await.map(|r| r.rows_affected()));
        n.map_err(internal)
    }
}
