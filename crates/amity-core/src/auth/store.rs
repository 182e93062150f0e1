//! What the auth area needs from the database (UserStore, SessionStore, TokenStore, SignInStore); `amity-store` implements it for both backends.

use crate::auth::{ApiToken, NewApiToken, NewUser, Session, User, UserCredentials};
use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Accounts.
#[async_trait]
pub trait UserStore {
    /// Every user, ordered by username.
    async fn list_users(&mut self) -> Result<Vec<User>>;
    /// One page of the users, ordered by username, and how many there are.
    async fn page_users(&mut self, paging: &crate::Paging) -> Result<(Vec<User>, i64)>;
    async fn get_user(&mut self, id: i64) -> Result<Option<User>>;
    /// The user with that username (exact, case-insensitive) and its password hash.
    async fn get_credentials(&mut self, username: &str) -> Result<Option<UserCredentials>>;
    async fn insert_user(&mut self, user: &NewUser, password_hash: &str, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_user(&mut self, id: i64, user: &NewUser, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// Replaces the password hash and bumps the version.
    async fn set_password(&mut self, id: i64, password_hash: &str, now: DateTime<Utc>) -> Result<()>;
    async fn count_users(&mut self) -> Result<i64>;
}

/// Sign-in sessions (shared by every server through the database).
#[async_trait]
pub trait SessionStore {
    async fn insert_session(&mut self, session: &Session) -> Result<()>;
    async fn get_session(&mut self, id_hash: &str) -> Result<Option<Session>>;
    async fn touch_session(&mut self, id_hash: &str, now: DateTime<Utc>) -> Result<()>;
    async fn delete_session(&mut self, id_hash: &str) -> Result<()>;
    /// Ends every session of a user (password change, disabling).
    async fn delete_user_sessions(&mut self, user_id: i64) -> Result<()>;
    /// Removes sessions past their absolute end or idle since `idle_before`; returns how many.
    async fn purge_sessions(&mut self, now: DateTime<Utc>, idle_before: DateTime<Utc>) -> Result<u64>;
}

/// API tokens (stored as SHA-256 hashes).
#[async_trait]
pub trait TokenStore {
    async fn insert_token(&mut self, token: &NewApiToken, now: DateTime<Utc>) -> Result<i64>;
    /// The user's tokens, newest first, revoked ones included.
    async fn list_tokens(&mut self, user_id: i64) -> Result<Vec<ApiToken>>;
    /// One page of the user's tokens, newest first, and how many there are.
    async fn page_tokens(&mut self, user_id: i64, paging: &crate::Paging) -> Result<(Vec<ApiToken>, i64)>;
    /// The live (not revoked) token with that hash.
    async fn find_token(&mut self, token_hash: &str) -> Result<Option<ApiToken>>;
    async fn touch_token(&mut self, id: i64, now: DateTime<Utc>) -> Result<()>;
    /// `false` when the user has no live token with that id.
    async fn revoke_token(&mut self, user_id: i64, id: i64, now: DateTime<Utc>) -> Result<bool>;
    /// Revokes every live token of a user; returns how many.
    async fn revoke_user_tokens(&mut self, user_id: i64, now: DateTime<Utc>) -> Result<u64>;
}

/// Failed sign-ins and sign-in locks, kept in the database so several servers agree. Usernames
/// are the submitted ones, folded to lower case, whether or not such a user exists. A lock's
/// `ip_key` is a client address, [`EVERY_ADDRESS`](crate::auth::sign_in::EVERY_ADDRESS) for the
/// whole account, or "" for a client whose address is unknown.
#[async_trait]
pub trait SignInStore {
    /// Makes concurrent sign-in checks take turns until this transaction ends, so that counting
    /// the failures and reserving an attempt is one step (PostgreSQL: a transaction-scoped
    /// advisory lock; SQLite's write transactions already take turns).
    async fn serialize_sign_ins(&mut self) -> Result<()>;
    /// Records a failure (or reserves an attempt that is still being checked); returns its id.
    async fn record_sign_in_failure(&mut self, username: &str, ip: Option<&str>, at: DateTime<Utc>) -> Result<i64>;
    /// Forgets one recorded failure (a reserved attempt that succeeded).
    async fn delete_sign_in_failure(&mut self, id: i64) -> Result<()>;
    /// Failures for the username (case-insensitive) since `since`.
    async fn sign_in_failures_for_user(&mut self, username: &str, since: DateTime<Utc>) -> Result<i64>;
    /// Failures for the username from one address (`None`: an unknown address) since `since`.
    async fn sign_in_failures_for_user_ip(&mut self, username: &str, ip: Option<&str>, since: DateTime<Utc>) -> Result<i64>;
    /// Failures from the address since `since`.
    async fn sign_in_failures_for_ip(&mut self, ip: &str, since: DateTime<Utc>) -> Result<i64>;
    /// Forgets the username's failures (every address).
    async fn clear_sign_in_failures(&mut self, username: &str) -> Result<()>;
    /// Forgets the username's failures from one address and that address's lock on it (after a
    /// successful sign-in from there).
    async fn clear_sign_in_failures_from(&mut self, username: &str, ip: Option<&str>) -> Result<()>;
    /// Forgets failures older than `before` (they no longer count towards any limit) and locks
    /// that ended before it; returns how many failures.
    async fn purge_sign_in_failures(&mut self, before: DateTime<Utc>) -> Result<u64>;
    /// The end of the username's lock for `ip_key`, in force or past (`None`: never locked, or purged).
    async fn sign_in_lock(&mut self, username: &str, ip_key: &str) -> Result<Option<DateTime<Utc>>>;
    /// Locks the username for `ip_key` until `until`, unless a lock is still in force at `now`
    /// (a lock is never extended); returns the end of the lock in force.
    async fn lock_sign_in(&mut self, username: &str, ip_key: &str, until: DateTime<Utc>, now: DateTime<Utc>) -> Result<DateTime<Utc>>;
    /// Every username with a lock in force at `now` (for one address or for all), with the latest
    /// end of its locks, ordered by username.
    async fn active_sign_in_locks(&mut self, now: DateTime<Utc>) -> Result<Vec<(String, DateTime<Utc>)>>;
    /// Removes every lock and failure of the username (an admin's unlock or password reset);
    /// returns how many locks were in force at `now`.
    async fn unlock_sign_in(&mut self, username: &str, now: DateTime<Utc>) -> Result<u64>;
}
