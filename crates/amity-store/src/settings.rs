//! Office settings and programme facts: a key → text table.

use amity_core::Result;
use amity_core::store::SettingStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

#[async_trait]
impl SettingStore for Tx {
    async fn get_setting(&mut self, key: &str) -> Result<Option<String>> {
        const SQL: &str = "SELECT value FROM settings WHERE key = $1";
        let value = on_conn!(self, c => sqlx::query_scalar::<_, String>(SQL).bind(key).fetch_optional(&mut *c).await);
        value.map_err(internal)
    }

    /// Inserts or replaces the value (upsert syntax shared by both databases, see `dialect`).
    async fn set_setting(&mut self, key: &str, value: &str, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) \
                           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(key).bind(value).bind(now).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    /// `INSERT … ON CONFLICT DO NOTHING`: on PostgreSQL a second claimer blocks on the unique
    /// index until the first commits, then inserts nothing; on SQLite `BEGIN IMMEDIATE` already
    /// serialises writers.
    async fn claim_setting(&mut self, key: &str, value: &str, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING";
        let inserted = on_conn!(self, c => sqlx::query(SQL)
            .bind(key)
            .bind(value)
            .bind(now)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(inserted.map_err(internal)? > 0)
    }
}
