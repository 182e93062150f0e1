//! The storage traits the services need; `amity-store` implements them for SQLite and PostgreSQL.
//! Every operation runs inside a unit of work (`Tx`), so a user action commits whole or not at all.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use crate::auth::{ApiToken, NewApiToken, NewUser, Session, User, UserCredentials};
use crate::error::Result;
use crate::field::CooperationField;
use crate::partnership::{NewForeignCity, NewPartnership, Partnership, PartnershipFilter, PartnershipStats};
use crate::unit::{NewUnit, Unit};

/// A database: opens units of work.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// The unit of work type.
    type Tx: Tx;
    /// Starts a write transaction (on SQLite `BEGIN IMMEDIATE`, so writers queue instead of failing).
    async fn begin(&self) -> Result<Self::Tx>;
    /// Starts a read-only snapshot.
    async fn read(&self) -> Result<Self::Tx>;
    /// Checks that the database answers.
    async fn ping(&self) -> Result<()>;
}

/// A transaction that implements every store trait; dropped without `commit`, it rolls back.
#[async_trait]
pub trait Tx:
    UnitStore
    + FieldStore
    + CityStore
    + PartnershipStore
    + SettingStore
    + UserStore
    + SessionStore
    + TokenStore
    + SignInStore
    + AuditStore
    + Send
{
    /// Makes the transaction's writes durable.
    async fn commit(self) -> Result<()>;
}

/// Units.
#[async_trait]
pub trait UnitStore {
    async fn list_units(&mut self) -> Result<Vec<Unit>>;
    async fn get_unit(&mut self, id: i64) -> Result<Option<Unit>>;
    async fn insert_unit(&mut self, unit: &NewUnit, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_unit(&mut self, id: i64, unit: &NewUnit, version: i64, now: DateTime<Utc>) -> Result<bool>;
}

/// Cooperation fields.
#[async_trait]
pub trait FieldStore {
    async fn list_fields(&mut self) -> Result<Vec<CooperationField>>;
    async fn insert_field(&mut self, code: &str, name_en: &str, name_zh: &str) -> Result<i64>;
}

/// Foreign cities.
#[async_trait]
pub trait CityStore {
    /// Finds the city by GeoNames id (updating names the office corrected) or inserts it; returns its id.
    async fn upsert_city(&mut self, city: &NewForeignCity) -> Result<i64>;
}

/// Partnerships.
#[async_trait]
pub trait PartnershipStore {
    /// A page of partnerships and the total matching the filter.
    async fn list_partnerships(&mut self, filter: &PartnershipFilter) -> Result<(Vec<Partnership>, i64)>;
    async fn get_partnership(&mut self, id: i64) -> Result<Option<Partnership>>;
    async fn insert_partnership(&mut self, p: &NewPartnership, city_id: i64, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_partnership(&mut self, id: i64, p: &NewPartnership, city_id: i64, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such partnership.
    async fn delete_partnership(&mut self, id: i64) -> Result<bool>;
    async fn partnership_stats(&mut self) -> Result<PartnershipStats>;
}

/// Office settings and facts about the programme (key → text).
#[async_trait]
pub trait SettingStore {
    async fn get_setting(&mut self, key: &str) -> Result<Option<String>>;
    async fn set_setting(&mut self, key: &str, value: &str, now: DateTime<Utc>) -> Result<()>;
    /// Inserts the setting only if absent; `true` when this call inserted it. Concurrent claimers wait
    /// for the first to commit and then get `false`.
    async fn claim_setting(&mut self, key: &str, value: &str, now: DateTime<Utc>) -> Result<bool>;
}

/// Accounts.
#[async_trait]
pub trait UserStore {
    /// Every user, ordered by username.
    async fn list_users(&mut self) -> Result<Vec<User>>;
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
    /// The live (not revoked) token with that hash.
    async fn find_token(&mut self, token_hash: &str) -> Result<Option<ApiToken>>;
    async fn touch_token(&mut self, id: i64, now: DateTime<Utc>) -> Result<()>;
    /// `false` when the user has no live token with that id.
    async fn revoke_token(&mut self, user_id: i64, id: i64, now: DateTime<Utc>) -> Result<bool>;
    /// Revokes every live token of a user; returns how many.
    async fn revoke_user_tokens(&mut self, user_id: i64, now: DateTime<Utc>) -> Result<u64>;
}

/// Failed sign-ins, counted in the database so several servers agree.
#[async_trait]
pub trait SignInStore {
    async fn record_sign_in_failure(&mut self, username: &str, ip: Option<&str>, at: DateTime<Utc>) -> Result<()>;
    /// Failures for the username (case-insensitive) since `since`.
    async fn sign_in_failures_for_user(&mut self, username: &str, since: DateTime<Utc>) -> Result<i64>;
    /// Failures from the address since `since`.
    async fn sign_in_failures_for_ip(&mut self, ip: &str, since: DateTime<Utc>) -> Result<i64>;
    /// Forgets the username's failures (after a successful sign-in).
    async fn clear_sign_in_failures(&mut self, username: &str) -> Result<()>;
    /// Forgets failures older than `before` (they no longer count towards any limit); returns how many.
    async fn purge_sign_in_failures(&mut self, before: DateTime<Utc>) -> Result<u64>;
}

/// The audit log: insert and read only; there is no delete.
#[async_trait]
pub trait AuditStore {
    async fn insert_audit(&mut self, entry: &NewAuditEntry) -> Result<()>;
    /// A page of entries, newest first, and the total matching.
    async fn list_audit(&mut self, filter: &AuditFilter) -> Result<(Vec<AuditEntry>, i64)>;
    /// Entries by the user, about the user, or whose before/after text contains the username.
    async fn audit_mentioning(&mut self, user_id: i64, username: &str) -> Result<Vec<AuditEntry>>;
    /// Records a redaction of an entry and rewrites its actor, address and before/after texts
    /// (nothing else of an entry can change).
    async fn redact_audit(&mut self, redacted: &AuditEntry, by: &str, reason: &str, now: DateTime<Utc>) -> Result<()>;
}

/// Every store trait, for services that call methods on a `Store::Tx` (trait methods need the trait in scope).
pub mod prelude {
    pub use super::{
        AuditStore, CityStore, FieldStore, PartnershipStore, SessionStore, SettingStore, SignInStore, Store, TokenStore, Tx, UnitStore,
        UserStore,
    };
}
