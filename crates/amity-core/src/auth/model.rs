//! Users, sessions, API tokens and sign-in failures as stored.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Role;

/// An account.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The unit a unit editor works for.
    pub unit_id: Option<i64>,
    pub disabled: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub password_changed_at: DateTime<Utc>,
}

/// A user with the password hash, for sign-in only (never serialised).
#[derive(Debug, Clone)]
pub struct UserCredentials {
    pub user: User,
    /// PHC string (argon2id).
    pub password_hash: String,
}

/// A new or changed account (validated).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub disabled: bool,
}

/// An account as an admin enters it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct UserInput {
    pub username: String,
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub role: String,
    pub unit_id: Option<i64>,
    pub disabled: bool,
    /// On create: the initial password (at least 12 characters); empty to generate one.
    pub password: String,
    /// Required on update.
    pub version: Option<i64>,
}

/// A session as stored: the id is kept only as a hash.
#[derive(Debug, Clone)]
pub struct Session {
    pub id_hash: String,
    pub user_id: i64,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// Absolute end of the session, however active it is.
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
}

/// An API token as listed (the secret itself is shown once, at creation, and stored only as a hash).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new token to store.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub user_id: i64,
    pub name: String,
    pub prefix: String,
    pub token_hash: String,
}
