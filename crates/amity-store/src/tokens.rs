//! API tokens: stored as SHA-256 hashes, listed with a short prefix, revoked rather than deleted.

use amity_core::Result;
use amity_core::auth::{ApiToken, NewApiToken};
use amity_core::store::TokenStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{internal, on_write_keys};
use crate::tx::Tx;

const COLUMNS: &str = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";

/// An `api_tokens` row without its hash, as both databases return it.
#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    user_id: i64,
    name: String,
    prefix: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<TokenRow> for ApiToken {
    fn from(r: TokenRow) -> Self {
        ApiToken {
            id: r.id,
            user_id: r.user_id,
            name: r.name,
            prefix: r.prefix,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            revoked_at: r.revoked_at,
        }
    }
}

#[async_trait]
impl TokenStore for Tx {
    async fn insert_token(&mut self, t: &NewApiToken, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(t.user_id)
            .bind(&t.name)
            .bind(&t.prefix)
            .bind(&t.token_hash)
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write_keys("token_hash", "user_id"))
    }

    async fn list_tokens(&mut self, user_id: i64) -> Result<Vec<ApiToken>> {
        let sql = format!("SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC");
        let rows = on_conn!(self, c => sqlx::query_as::<_, TokenRow>(&sql).bind(user_id).fetch_all(&mut *c).await);
        Ok(rows.map_err(internal)?.into_iter().map(ApiToken::from).collect())
    }

    async fn page_tokens(&mut self, user_id: i64, paging: &amity_core::Paging) -> Result<(Vec<ApiToken>, i64)> {
        const COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM api_tokens WHERE user_id = $1";
        let total = on_conn!(self, c => sqlx::query_scalar::<_, i64>(COUNT).bind(user_id).fetch_one(&mut *c).await).map_err(internal)?;
        let sql = format!("SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3");
        let rows = on_conn!(self, c => sqlx::query_as::<_, TokenRow>(&sql)
            .bind(user_id)
            .bind(paging.limit())
            .bind(paging.offset())
            .fetch_all(&mut *c)
            .await);
        Ok((rows.map_err(internal)?.into_iter().map(ApiToken::from).collect(), total))
    }

    async fn find_token(&mut self, token_hash: &str) -> Result<Option<ApiToken>> {
        let sql = format!("SELECT {COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL");
        let row = on_conn!(self, c => sqlx::query_as::<_, TokenRow>(&sql).bind(token_hash).fetch_optional(&mut *c).await);
        Ok(row.map_err(internal)?.map(ApiToken::from))
    }

    async fn touch_token(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(now).bind(id).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    /// Only the user's own live token: another user's, or one already revoked, changes nothing.
    async fn revoke_token(&mut self, user_id: i64, id: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL";
        let n = on_conn!(self, c => sqlx::query(SQL)
            .bind(now)
            .bind(id)
            .bind(user_id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(n.map_err(internal)? > 0)
    }

    async fn revoke_user_tokens(&mut self, user_id: i64, now: DateTime<Utc>) -> Result<u64> {
        const SQL: &str = "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL";
        let n = on_conn!(self, c => sqlx::query(SQL).bind(now).bind(user_id).execute(&mut *c).await.map(|r| r.rows_affected()));
        n.map_err(internal)
    }
}
