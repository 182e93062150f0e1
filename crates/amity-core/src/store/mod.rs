//! The storage traits the services need; `amity-store` implements them for SQLite and PostgreSQL.
//! Every operation runs inside a unit of work (`Tx`), so a user action commits whole or not at all.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::activity::{
    Activity, ActivityFigures, ActivityFilter, Commitment, CommitmentStatus, NewActivity, NewCommitment, OverdueCommitment,
};
use crate::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use crate::auth::{ApiToken, NewApiToken, NewUser, Session, User, UserCredentials};
use crate::contact::{Contact, NewContact};
use crate::error::Result;
use crate::field::CooperationField;
use crate::group::{CountryGroup, NewCountryGroup};
use crate::partnership::{Approval, NewApproval, PartnershipStatus};
use crate::partnership::{NewForeignCity, NewPartnership, Partnership, PartnershipFilter, PartnershipStats};
use crate::unit::{NewUnit, Unit};

mod calendar;
mod events;
mod files;
mod visits;

pub use crate::transition::StatusHistoryStore;
pub use calendar::{CalendarStore, JobStore};
pub use events::{ActivityOriginStore, EventStore, RegistrationStore};
pub use files::{AgreementStore, FileStore, GiftStore};
pub use visits::{BudgetStore, DelegationStore};

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
    + LifecycleStore
    + StatusHistoryStore
    + SettingStore
    + UserStore
    + SessionStore
    + TokenStore
    + SignInStore
    + AuditStore
    + CountryGroupStore
    + ContactStore
    + ActivityStore
    + HealthStore
    + ActivityOriginStore
    + EventStore
    + RegistrationStore
    + DelegationStore
    + BudgetStore
    + CalendarStore
    + JobStore
    + FileStore
    + AgreementStore
    + GiftStore
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
    /// The partnerships with these ids (unknown ids are skipped), in one query.
    async fn get_partnerships(&mut self, ids: &[i64]) -> Result<Vec<Partnership>>;
    async fn insert_partnership(&mut self, p: &NewPartnership, city_id: i64, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_partnership(&mut self, id: i64, p: &NewPartnership, city_id: i64, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such partnership.
    async fn delete_partnership(&mut self, id: i64) -> Result<bool>;
    async fn partnership_stats(&mut self) -> Result<PartnershipStats>;
}

/// A partnership's lifecycle: its status and its approval milestones (the history is the shared
/// [`crate::transition::StatusHistoryStore`]).
#[async_trait]
pub trait LifecycleStore {
    /// Sets the status (and the successor partnership) and bumps the version; `false` when `version`
    /// is not the stored one.
    async fn set_partnership_status(
        &mut self,
        id: i64,
        status: PartnershipStatus,
        successor_id: Option<i64>,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    async fn insert_approval(&mut self, partnership_id: i64, approval: &NewApproval, now: DateTime<Utc>) -> Result<i64>;
    /// The partnership's approval milestones by date.
    async fn list_approvals(&mut self, partnership_id: i64) -> Result<Vec<Approval>>;
    /// The partnership's approval with that id.
    async fn get_approval(&mut self, partnership_id: i64, id: i64) -> Result<Option<Approval>>;
    /// `false` when the partnership has no approval with that id.
    async fn delete_approval(&mut self, partnership_id: i64, id: i64) -> Result<bool>;
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

/// The cooperation log: activities, their partnerships and fields, commitments, and the
/// aggregates health and coverage are computed from.
#[async_trait]
pub trait ActivityStore {
    /// A page of activities (newest first by start day, then id) and the total matching.
    async fn list_activities(&mut self, filter: &ActivityFilter) -> Result<(Vec<Activity>, i64)>;
    async fn get_activity(&mut self, id: i64) -> Result<Option<Activity>>;
    async fn insert_activity(&mut self, a: &NewActivity, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one. Replaces partnerships and fields.
    async fn update_activity(&mut self, id: i64, a: &NewActivity, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such activity (its commitments go with it).
    async fn delete_activity(&mut self, id: i64) -> Result<bool>;
    async fn insert_commitment(&mut self, activity_id: i64, c: &NewCommitment, now: DateTime<Utc>) -> Result<i64>;
    async fn get_commitment(&mut self, id: i64) -> Result<Option<Commitment>>;
    /// `false` when `version` is not the stored one.
    async fn set_commitment_status(&mut self, id: i64, status: CommitmentStatus, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// Open commitments due before `today`, oldest due first.
    async fn overdue_commitments(&mut self, today: chrono::NaiveDate) -> Result<Vec<OverdueCommitment>>;
    /// How many activities name the partnership.
    async fn count_partnership_activities(&mut self, partnership_id: i64) -> Result<i64>;
    /// Figures of every partnership that has any activity or commitment: done activities up to
    /// `today`, since `since_12` and since `since_24`, distinct fields since `since_24`, overdue
    /// open commitments. One query (or a few), not one per partnership.
    /// `only` restricts the figures to one partnership (the partner page).
    async fn activity_figures(
        &mut self,
        today: chrono::NaiveDate,
        since_12: chrono::NaiveDate,
        since_24: chrono::NaiveDate,
        only: Option<i64>,
    ) -> Result<Vec<ActivityFigures>>;
    /// Done activities per partnership and field with a start day in `from..=to`, one row per
    /// partnership with a count for each of `field_ids` in that order: one aggregate query.
    async fn coverage_counts(&mut self, from: chrono::NaiveDate, to: chrono::NaiveDate, field_ids: &[i64]) -> Result<Vec<(i64, Vec<i64>)>>;
}

/// What relationship health reads of every partnership.
#[async_trait]
pub trait HealthStore {
    /// Every partnership's id, status, date established and creation instant (by id): all the
    /// health rule needs, without cities and fields.
    async fn health_basis(&mut self) -> Result<Vec<crate::health::HealthBasis>>;
}

/// Country groups and their member countries.
#[async_trait]
pub trait CountryGroupStore {
    /// Every group with its members, ordered by English name.
    async fn list_country_groups(&mut self) -> Result<Vec<CountryGroup>>;
    async fn get_country_group(&mut self, id: i64) -> Result<Option<CountryGroup>>;
    /// A code already used is a `Conflict` on `code`.
    async fn insert_country_group(&mut self, group: &NewCountryGroup, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one. Replaces the members.
    async fn update_country_group(&mut self, id: i64, group: &NewCountryGroup, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such group (its members go with it).
    async fn delete_country_group(&mut self, id: i64) -> Result<bool>;
}

/// Contacts of partnerships (personal data).
#[async_trait]
pub trait ContactStore {
    /// The partnership's contacts: home side first, then by name.
    async fn list_contacts(&mut self, partnership_id: i64) -> Result<Vec<Contact>>;
    /// Contacts whose names or organisation contain `q` (in any script), by name.
    async fn search_contacts(&mut self, q: &str, limit: i64) -> Result<Vec<Contact>>;
    async fn get_contact(&mut self, id: i64) -> Result<Option<Contact>>;
    /// A missing partnership makes `partnership_id` invalid.
    async fn insert_contact(&mut self, partnership_id: i64, contact: &NewContact, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_contact(&mut self, id: i64, contact: &NewContact, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such contact.
    async fn delete_contact(&mut self, id: i64) -> Result<bool>;
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
    pub use super::HealthStore;
    pub use super::StatusHistoryStore;
    pub use super::{ActivityOriginStore, EventStore, RegistrationStore};
    pub use super::{
        ActivityStore, AgreementStore, AuditStore, CityStore, ContactStore, CountryGroupStore, FieldStore, FileStore, GiftStore,
        LifecycleStore, PartnershipStore, SessionStore, SettingStore, SignInStore, Store, TokenStore, Tx, UnitStore, UserStore,
    };
    pub use super::{BudgetStore, DelegationStore};
    pub use super::{CalendarStore, JobStore};
}
