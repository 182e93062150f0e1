//! Accounts: users with their role, unit and password hash.
//!
//! Usernames are folded to lower case here before they are stored or looked up, so lookups are
//! case-insensitive and behave the same on both databases (SQLite's `lower` folds ASCII only).

use amity_core::Result;
use amity_core::auth::{NewUser, Role, User, UserCredentials};
use amity_core::store::UserStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write_keys};
use crate::tx::Tx;

const COLUMNS: &str = "id, username, display_name, role, unit_id, disabled, version, created_at, updated_at, password_changed_at";

/// A `users` row without the password hash, as both databases return it.
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    unit_id: Option<i64>,
    disabled: bool,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    password_changed_at: DateTime<Utc>,
}

/// A `users` row with the password hash, for sign-in.
#[derive(sqlx::FromRow)]
struct CredentialsRow {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
}

impl TryFrom<UserRow> for User {
    type Error = amity_core::Error;

    fn try_from(r: UserRow) -> Result<Self> {
        let role = Role::parse(&r.role).ok_or_else(|| corrupt("user role", &r.role))?;
        Ok(User {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role,
            unit_id: r.unit_id,
            disabled: r.disabled,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
            password_changed_at: r.password_changed_at,
        })
    }
}

#[async_trait]
impl UserStore for Tx {
    async fn list_users(&mut self) -> Result<Vec<User>> {
        let sql = format!("SELECT {COLUMNS} FROM users ORDER BY username, id");
        let rows = on_conn!(self, c => sqlx::query_as::<_, UserRow>(&sql).fetch_all(&mut *c).await);
        rows.map_err(internal)?.into_iter().map(User::try_from).collect()
    }

    async fn page_users(&mut self, paging: &amity_core::Paging) -> Result<(Vec<User>, i64)> {
        let total =
            on_conn!(self, c => sqlx::query_scalar::<_, i64>("SELECT CAST(COUNT(*) AS BIGINT) FROM users").fetch_one(&mut *c).await)
                .map_err(internal)?;
        let sql = format!("SELECT {COLUMNS} FROM users ORDER BY username, id LIMIT $1 OFFSET $2");
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, UserRow>(&sql).bind(paging.limit()).bind(paging.offset()).fetch_all(&mut *c).await);
        Ok((rows.map_err(internal)?.into_iter().map(User::try_from).collect::<Result<_>>()?, total))
    }

    async fn get_user(&mut self, id: i64) -> Result<Option<User>> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, UserRow>(&sql).bind(id).fetch_optional(&mut *c).await);
        row.map_err(internal)?.map(User::try_from).transpose()
    }

    /// Matches `lower(username)`, which the unique index `users_username_lower` covers.
    async fn get_credentials(&mut self, username: &str) -> Result<Option<UserCredentials>> {
        let sql = format!("SELECT {COLUMNS}, password_hash FROM users WHERE lower(username) = $1");
        let name = username.to_lowercase();
        let row = on_conn!(self, c => sqlx::query_as::<_, CredentialsRow>(&sql).bind(&name).fetch_optional(&mut *c).await);
        row.map_err(internal)?.map(|r| Ok(UserCredentials { user: User::try_from(r.user)?, password_hash: r.password_hash })).transpose()
    }

    /// A username taken in any spelling is a conflict on `username`; an unknown unit is invalid.
    async fn insert_user(&mut self, user: &NewUser, password_hash: &str, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO users (username, display_name, role, unit_id, password_hash, disabled, version, \
                           created_at, updated_at, password_changed_at) \
                           VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7, $7) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(user.username.to_lowercase())
            .bind(&user.display_name)
            .bind(user.role.as_str())
            .bind(user.unit_id)
            .bind(password_hash)
            .bind(user.disabled)
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write_keys("username", "unit_id"))
    }

    /// Leaves the password alone.
    async fn update_user(&mut self, id: i64, user: &NewUser, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE users SET username = $1, display_name = $2, role = $3, unit_id = $4, disabled = $5, \
                           updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(user.username.to_lowercase())
            .bind(&user.display_name)
            .bind(user.role.as_str())
            .bind(user.unit_id)
            .bind(user.disabled)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(on_write_keys("username", "unit_id"))? > 0)
    }

    /// Bumps the version too, so an admin's form opened before the change is stale.
    async fn set_password(&mut self, id: i64, password_hash: &str, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2, \
                           version = version + 1 WHERE id = $3";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(password_hash).bind(now).bind(id).execute(&mut *c).await.map(drop));
        done.map_err(internal)
    }

    async fn count_users(&mut self) -> Result<i64> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM users";
        let n = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).fetch_one(&mut *c).await);
        n.map_err(internal)
    }
}
