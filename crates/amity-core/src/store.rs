//! The storage traits the services need; `amity-store` implements them for SQLite and PostgreSQL.
//! Every operation runs inside a unit of work (`Tx`), so a user action commits whole or not at all.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::activity::{
    Activity, ActivityFigures, ActivityFilter, Commitment, CommitmentStatus, NewActivity, NewCommitment, OverdueCommitment,
};
use crate::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use crate::auth::{ApiToken, NewApiToken, NewUser, Session, User, UserCredentials};
use crate::calendar::{
    ActivitySpan, DigestSubscription, DiplomaticRelation, DueCommitment, NationalDayDate, NewDiplomaticRelation, PartnershipAnchor,
};
use crate::contact::{Contact, NewContact};
use crate::error::Result;
use crate::field::CooperationField;
use crate::group::{CountryGroup, NewCountryGroup};
use crate::partnership::{Approval, NewApproval, NewStatusChange, PartnershipStatus, StatusChange};
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
    + LifecycleStore
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

/// A partnership's lifecycle: its kept history of status changes and its approval milestones.
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
    async fn insert_status_change(&mut self, change: &NewStatusChange, now: DateTime<Utc>) -> Result<i64>;
    /// The partnership's changes of status, oldest first.
    async fn list_status_changes(&mut self, partnership_id: i64) -> Result<Vec<StatusChange>>;
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

/// Stored files (bytes kept in the database).
#[async_trait]
pub trait FileStore {
    /// Stores a validated file; `created_by` is the uploading user.
    async fn insert_file(&mut self, file: &crate::file::NewFile, created_by: Option<i64>, now: DateTime<Utc>) -> Result<i64>;
    /// The file with its bytes.
    async fn get_file(&mut self, id: i64) -> Result<Option<crate::file::StoredFile>>;
    /// `false` when there was no such file (its links go with it).
    async fn delete_file(&mut self, id: i64) -> Result<bool>;
    /// What the file is attached to, if anything.
    async fn file_owner(&mut self, id: i64) -> Result<Option<crate::file::FileOwner>>;
}

/// Agreements of partnerships, their versions and files.
#[async_trait]
pub trait AgreementStore {
    /// The partnership's agreements (every version, with their files), newest signing first.
    async fn list_agreements(&mut self, partnership_id: i64) -> Result<Vec<crate::agreement::Agreement>>;
    async fn get_agreement(&mut self, id: i64) -> Result<Option<crate::agreement::Agreement>>;
    async fn insert_agreement(&mut self, partnership_id: i64, a: &crate::agreement::NewAgreement, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one. Does not change `supersedes_id`.
    async fn update_agreement(&mut self, id: i64, a: &crate::agreement::NewAgreement, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such agreement. Its files are deleted with it.
    async fn delete_agreement(&mut self, id: i64) -> Result<bool>;
    async fn attach_agreement_file(&mut self, agreement_id: i64, file_id: i64) -> Result<()>;
    /// Current versions (superseded by none) valid until a day in `from..=to`, of partnerships
    /// that have not ended, soonest first.
    async fn expiring_agreements(
        &mut self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<crate::agreement::ExpiringAgreement>>;
}

/// The gift registry.
#[async_trait]
pub trait GiftStore {
    /// A page of gifts (newest first by date, then id) and the total matching.
    async fn list_gifts(&mut self, filter: &crate::gift::GiftFilter) -> Result<(Vec<crate::gift::Gift>, i64)>;
    async fn get_gift(&mut self, id: i64) -> Result<Option<crate::gift::Gift>>;
    async fn insert_gift(&mut self, g: &crate::gift::NewGift, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one. Does not change the photo.
    async fn update_gift(&mut self, id: i64, g: &crate::gift::NewGift, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such gift. Its photo is deleted with it.
    async fn delete_gift(&mut self, id: i64) -> Result<bool>;
    /// Links the stored file as the gift's photo (or none).
    async fn set_gift_photo(&mut self, id: i64, file_id: Option<i64>) -> Result<()>;
}

/// Every store trait, for services that call methods on a `Store::Tx` (trait methods need the trait in scope).
pub mod prelude {
    pub use super::HealthStore;
    pub use super::{ActivityOriginStore, EventStore, RegistrationStore};
    pub use super::{
        ActivityStore, AgreementStore, AuditStore, CityStore, ContactStore, CountryGroupStore, FieldStore, FileStore, GiftStore,
        LifecycleStore, PartnershipStore, SessionStore, SettingStore, SignInStore, Store, TokenStore, Tx, UnitStore, UserStore,
    };
    pub use super::{BudgetStore, DelegationStore};
    pub use super::{CalendarStore, JobStore};
}

/// What the protocol calendar reads, and the office's own calendar data and feed tokens.
#[async_trait]
pub trait CalendarStore {
    /// Every partnership with its country, city names, date established and status.
    async fn calendar_partnerships(&mut self) -> Result<Vec<PartnershipAnchor>>;
    /// Open commitments due in `from..=to`, by due day.
    async fn commitments_due_between(&mut self, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Result<Vec<DueCommitment>>;
    /// The days covered by activities (planned or done) overlapping `from..=to`, one row per partnership named.
    async fn activity_spans(&mut self, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Result<Vec<ActivitySpan>>;
    /// Dates of diplomatic relations, by country code.
    async fn list_diplomatic_relations(&mut self) -> Result<Vec<DiplomaticRelation>>;
    async fn get_diplomatic_relation(&mut self, country: &str) -> Result<Option<DiplomaticRelation>>;
    async fn upsert_diplomatic_relation(&mut self, r: &NewDiplomaticRelation, now: DateTime<Utc>) -> Result<()>;
    /// `false` when none was entered for the country.
    async fn delete_diplomatic_relation(&mut self, country: &str) -> Result<bool>;
    /// The office's dates of movable national days in `from_year..=to_year`.
    async fn list_national_day_dates(&mut self, from_year: i32, to_year: i32) -> Result<Vec<NationalDayDate>>;
    /// Sets (or replaces) the country's date for that day's year.
    async fn set_national_day_date(&mut self, d: &NationalDayDate, now: DateTime<Utc>) -> Result<()>;
    /// Stores the SHA-256 of a new private feed token for the user.
    async fn insert_feed_token(&mut self, user_id: i64, token_hash: &str, now: DateTime<Utc>) -> Result<()>;
    /// The user a live (not revoked) feed token belongs to.
    async fn feed_token_user(&mut self, token_hash: &str) -> Result<Option<i64>>;
    /// Revokes every live feed token of the user; how many were revoked.
    async fn revoke_feed_tokens(&mut self, user_id: i64, now: DateTime<Utc>) -> Result<u64>;
    /// Whether the user has a live feed token.
    async fn has_feed_token(&mut self, user_id: i64) -> Result<bool>;
    /// Subscribes the user to the weekly digest at `email` in `locale` (replacing an earlier subscription).
    async fn set_digest_subscription(&mut self, s: &DigestSubscription, now: DateTime<Utc>) -> Result<()>;
    /// `false` when the user had no subscription.
    async fn delete_digest_subscription(&mut self, user_id: i64) -> Result<bool>;
    async fn get_digest_subscription(&mut self, user_id: i64) -> Result<Option<DigestSubscription>>;
    /// Every subscription of an enabled user, by user id.
    async fn list_digest_subscriptions(&mut self) -> Result<Vec<DigestSubscription>>;
}

/// Periodic jobs that exactly one of several servers must run per period (a lease row per run).
#[async_trait]
pub trait JobStore {
    /// Claims `job` for `period` (e.g. "2026-W48"): `true` when this holder may run it — no row yet,
    /// or an unfinished run started before `stale_before` (its server died). Finished runs are never retaken.
    async fn claim_job_run(
        &mut self,
        job: &str,
        period: &str,
        holder: &str,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> Result<bool>;
    /// Marks the run finished, with a short outcome note.
    async fn finish_job_run(&mut self, job: &str, period: &str, outcome: &str, now: DateTime<Utc>) -> Result<()>;
}

/// Delegations (inbound and outbound visits) with their lists, and members' travel documents
/// (restricted personal data: the service decides who reads them).
#[async_trait]
pub trait DelegationStore {
    /// A page of delegations (latest start first) and the total matching.
    async fn list_delegations(
        &mut self,
        filter: &crate::delegation::DelegationFilter,
    ) -> Result<(Vec<crate::delegation::DelegationSummary>, i64)>;
    /// A delegation with its members, transport, accommodation, interpreters and itinerary.
    async fn get_delegation(&mut self, id: i64) -> Result<Option<crate::delegation::Delegation>>;
    /// Inserts the record and every list.
    async fn insert_delegation(&mut self, d: &crate::delegation::NewDelegation, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one. Members with an `id` are kept (with their
    /// travel documents), others added, missing ones removed; the other lists are replaced.
    async fn update_delegation(&mut self, id: i64, d: &crate::delegation::NewDelegation, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when `version` is not the stored one.
    async fn set_delegation_status(
        &mut self,
        id: i64,
        status: crate::delegation::DelegationStatus,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// `false` when there was no such delegation (its lists, documents and budget go with it).
    async fn delete_delegation(&mut self, id: i64) -> Result<bool>;
    /// Delegations whose visit overlaps `from..=to` (any status), by first day: for the protocol calendar.
    async fn delegations_overlapping(
        &mut self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<crate::delegation::DelegationSpan>>;
    /// The delegation's travel documents, by member and kind.
    async fn list_travel_documents(&mut self, delegation_id: i64) -> Result<Vec<crate::delegation::TravelDocument>>;
    async fn get_travel_document(&mut self, id: i64) -> Result<Option<crate::delegation::TravelDocument>>;
    async fn insert_travel_document(
        &mut self,
        delegation_id: i64,
        doc: &crate::delegation::NewTravelDocument,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// `false` when there was no such document.
    async fn delete_travel_document(&mut self, id: i64) -> Result<bool>;
    /// Documents valid until before `day` (any delegation, any status), by expiry: for alerts.
    async fn travel_documents_expiring_before(&mut self, day: chrono::NaiveDate) -> Result<Vec<crate::delegation::ExpiringDocument>>;
    /// Documents of delegations not yet held or cancelled whose visit ends on or after `today`.
    async fn travel_documents_of_coming_visits(&mut self, today: chrono::NaiveDate) -> Result<Vec<crate::delegation::ExpiringDocument>>;
    /// Deletes the documents of delegations that ended before `ended_before`; returns how many.
    async fn purge_travel_documents(&mut self, ended_before: chrono::NaiveDate) -> Result<u64>;
    /// Ids of the registry's gifts linked to the delegation, in id order.
    async fn delegation_gift_ids(&mut self, delegation_id: i64) -> Result<Vec<i64>>;
    /// Links a gift to the delegation; `false` when it already was. A missing gift makes `gift_id` invalid.
    async fn link_delegation_gift(&mut self, delegation_id: i64, gift_id: i64) -> Result<bool>;
    /// `false` when the gift was not linked.
    async fn unlink_delegation_gift(&mut self, delegation_id: i64, gift_id: i64) -> Result<bool>;
}

/// Budget lines of delegations and events.
#[async_trait]
pub trait BudgetStore {
    /// The subject's lines in the order entered.
    async fn list_budget_lines(&mut self, subject: crate::budget::BudgetSubject, subject_id: i64)
    -> Result<Vec<crate::budget::BudgetLine>>;
    async fn get_budget_line(&mut self, id: i64) -> Result<Option<crate::budget::BudgetLine>>;
    async fn insert_budget_line(
        &mut self,
        subject: crate::budget::BudgetSubject,
        subject_id: i64,
        line: &crate::budget::NewBudgetLine,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_budget_line(&mut self, id: i64, line: &crate::budget::NewBudgetLine, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such line.
    async fn delete_budget_line(&mut self, id: i64) -> Result<bool>;
    /// Deletes every line of the subject (when the subject is deleted); returns how many.
    async fn delete_budget_lines(&mut self, subject: crate::budget::BudgetSubject, subject_id: i64) -> Result<u64>;
}

/// Activities logged by other records (events, delegations), once per origin and partnership.
#[async_trait]
pub trait ActivityOriginStore {
    /// The link for this origin and partnership, if one was ever made.
    async fn find_activity_origin(
        &mut self,
        kind: crate::activity::OriginKind,
        origin_id: i64,
        partnership_id: i64,
    ) -> Result<Option<crate::activity::ActivityOrigin>>;
    /// Links a logged activity to its origin; a second link for the same origin and partnership is a
    /// `Conflict` on `origin`.
    async fn insert_activity_origin(
        &mut self,
        activity_id: i64,
        kind: crate::activity::OriginKind,
        origin_id: i64,
        partnership_id: i64,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Every link of an origin, by partnership id.
    async fn list_activity_origins(
        &mut self,
        kind: crate::activity::OriginKind,
        origin_id: i64,
    ) -> Result<Vec<crate::activity::ActivityOrigin>>;
}

/// Events, their series and status history.
#[async_trait]
pub trait EventStore {
    /// A page of events and the total matching the filter.
    async fn list_events(&mut self, filter: &crate::event::EventFilter) -> Result<(Vec<crate::event::Event>, i64)>;
    async fn get_event(&mut self, id: i64) -> Result<Option<crate::event::Event>>;
    async fn insert_event(&mut self, e: &crate::event::NewEvent, now: DateTime<Utc>) -> Result<i64>;
    /// Replaces everything but the status and report; `false` when `version` is not the stored one.
    async fn update_event(&mut self, id: i64, e: &crate::event::NewEvent, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when `version` is not the stored one.
    async fn set_event_status(
        &mut self,
        id: i64,
        status: crate::event::EventStatus,
        cancel_reason: Option<&str>,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// `false` when `version` is not the stored one.
    async fn set_event_report(
        &mut self,
        id: i64,
        outcomes: Option<&str>,
        notes: Option<&str>,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Takes the event's row lock until the transaction ends (registrations queue behind each other
    /// so capacity holds with several servers); `false` when there is no such event.
    async fn lock_event(&mut self, id: i64) -> Result<bool>;
    /// `false` when there was no such event (its registrations and history go with it).
    async fn delete_event(&mut self, id: i64) -> Result<bool>;
    async fn insert_event_status_change(&mut self, change: &crate::event::EventStatusChange) -> Result<i64>;
    /// The event's changes of status, oldest first.
    async fn list_event_status_changes(&mut self, event_id: i64) -> Result<Vec<crate::event::EventStatusChange>>;
    /// Events whose days overlap `from..=to` (local days at the venue; a planned year or month
    /// covers all its days), by first day; only public ones when `public_only`. Cancelled events are included.
    async fn events_overlapping(
        &mut self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        public_only: bool,
    ) -> Result<Vec<crate::event::CalendarEvent>>;
    /// Every series with its number of events, by name.
    async fn list_event_series(&mut self) -> Result<Vec<crate::event::EventSeries>>;
    async fn get_event_series(&mut self, id: i64) -> Result<Option<crate::event::EventSeries>>;
    async fn insert_event_series(&mut self, s: &crate::event::NewEventSeries, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_event_series(&mut self, id: i64, s: &crate::event::NewEventSeries, version: i64, now: DateTime<Utc>) -> Result<bool>;
}

/// Registrations for events (personal data) and the public-form rate limit.
#[async_trait]
pub trait RegistrationStore {
    /// The event's registrations by name, waiting ones with their place in the queue.
    async fn list_registrations(&mut self, event_id: i64) -> Result<Vec<crate::event::Registration>>;
    async fn get_registration(&mut self, id: i64) -> Result<Option<crate::event::Registration>>;
    async fn insert_registration(
        &mut self,
        event_id: i64,
        r: &crate::event::NewRegistration,
        status: crate::event::RegistrationStatus,
        source: crate::event::RegistrationSource,
        reference: &str,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// Replaces the details (not status or check-in); `false` when `version` is not the stored one.
    async fn update_registration(&mut self, id: i64, r: &crate::event::NewRegistration, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// Sets the status; `version` checks it when given (a user's change), not for promotions.
    async fn set_registration_status(
        &mut self,
        id: i64,
        status: crate::event::RegistrationStatus,
        version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Checks in (`Some(at)`) or undoes it (`None`); `false` when `version` is not the stored one.
    async fn set_check_in(&mut self, id: i64, at: Option<DateTime<Utc>>, version: i64, now: DateTime<Utc>) -> Result<bool>;
    async fn event_seats(&mut self, event_id: i64) -> Result<crate::event::Seats>;
    /// Waiting registrations in queue order: (id, party size).
    async fn waiting_queue(&mut self, event_id: i64) -> Result<Vec<(i64, i64)>>;
    /// People by country among registrations with a seat (or, with `checked_in_only`, those checked in).
    async fn participants_by_country(&mut self, event_id: i64, checked_in_only: bool) -> Result<Vec<crate::event::CountryCount>>;
    /// People per partnership among registrations with a seat (or checked in): (partnership id, people).
    async fn participants_by_partnership(&mut self, event_id: i64, checked_in_only: bool) -> Result<Vec<(i64, i64)>>;
    /// Counts one submission of a public form from an address.
    async fn record_public_form_hit(&mut self, form: &str, address: &str, at: DateTime<Utc>) -> Result<()>;
    /// Submissions of the form from the address since `since`.
    async fn count_public_form_hits(&mut self, form: &str, address: &str, since: DateTime<Utc>) -> Result<i64>;
    /// Forgets submissions before `before`; returns how many.
    async fn purge_public_form_hits(&mut self, before: DateTime<Utc>) -> Result<u64>;
}
