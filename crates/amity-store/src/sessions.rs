//! Sign-in sessions, kept in the database so every server recognises them. Only the hash of a
//! session id is stored; the secret lives in the browser's cookie.

use amity_core::Result;
use amity_core::auth::Session;
use amity_core::store::SessionStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{internal, on_write_keys};
use crate::tx::Tx;

/// A `sessions` row as both databases return it.
#[derive(sqlx::FromRow)]
struct SessionRow {
    id_hash: String,
    user_id: i64,
    csrf_token: String,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    ip: Option<String>,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Self {
        Session {
            id_hash: r.id_hash,
            user_id: r.user_id,
            csrf_token: r.csrf_token,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
            expires_at: r.expires_at,
            ip: r.ip,
        }
    }
}

#[async_trait]
impl SessionStore for Tx {
    async fn insert_session(&mut self, s: &Session) -> Result<()> {
        const SQL: &str = "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7)";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(&s.id_hash)
            .bind(s.user_id)
            .bind(&s.csrf_token)
            .bind(s.created_at)
            .bind(s.last_seen_at)
            .bind(s.expires_at)
            .bind(&s.ip)
            .execute(&mut *c)
            .await
            .map(drop));
        done.map_err(on_write_keys("id_hash", "user_id"))
    }

    /// The stored session whether or not it has ended; the caller judges its age.
    async fn get_session(&mut self, id_hash: &str) -> Result<Option<Session>> {
        const SQL: &str = "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip FROM sessions WHERE id_hash = $1";
        let row = on_conn!(self, c => sqlx::query_as::<_, SessionRow>(SQL).bind(id_hash).fetch_optional(&mut *c).await);
        Ok(row.map_err(internal)?.map(Session::from))
    }

    async fn touch_session(&mut self, id_hash: &str, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(now).bind(id_hash).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    async fn delete_session(&mut self, id_hash: &str) -> Result<()> {
        const SQL: &str = "DELETE FROM sessions WHERE id_hash = $1";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(id_hash).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    async fn delete_user_sessions(&mut self, user_id: i64) -> Result<()> {
        const SQL: &str = "DELETE FROM sessions WHERE user_id = $1";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(user_id).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    /// A session ends at `expires_at` or when last seen at or before `idle_before`.
    async fn purge_sessions(&mut self, now: DateTime<Utc>, idle_before: DateTime<Utc>) -> Result<u64> {
        const SQL: &str = "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2";
        let n = on_conn!(self, c => sqlx::query(SQL).bind(now).bind(idle_before).execute(&mut *c).await.map(|r| r.rows_affected()));
        n.map_err(internal)
    }
}
