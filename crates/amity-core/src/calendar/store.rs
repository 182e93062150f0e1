//! What the calendar area needs from the database (CalendarStore, JobStore); `amity-store` implements it for both backends.

use crate::calendar::{
    ActivitySpan, DigestSubscription, DiplomaticRelation, DueCommitment, NationalDayDate, NewDiplomaticRelation, PartnershipAnchor,
};
use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// What the protocol calendar reads, and the office's own calendar data and feed tokens.
#[async_trait]
pub trait CalendarStore {
    /// The countries of partnerships not ended, each once, sorted.
    async fn partner_countries(&mut self) -> Result<Vec<String>>;
    /// Active and suspended partnerships that may have a round anniversary (every `ROUND_YEARS`th year)
    /// in `from_year..=to_year`, with country, city names and date established: at least every one that
    /// has (the calendar works out the exact days), and none established in or after `to_year`.
    async fn anniversary_partnerships(&mut self, from_year: i32, to_year: i32) -> Result<Vec<PartnershipAnchor>>;
    /// Open commitments due in `from..=to`, by due day.
    async fn commitments_due_between(&mut self, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Result<Vec<DueCommitment>>;
    /// The days covered by activities (planned or done) overlapping `from..=to`, one row per partnership named (with its country).
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

/// The countries whose national days the calendar shows besides partner countries: the office's list,
/// members of groups flagged for the calendar, countries of open events and delegations.
#[async_trait]
pub trait CalendarInterestStore {
    /// The countries the office listed, by code.
    async fn list_calendar_countries(&mut self) -> Result<Vec<crate::calendar::ListedCountry>>;
    /// Lists a country; one already listed is a `Conflict` on `country`.
    async fn insert_calendar_country(&mut self, country: &str, added_by: Option<i64>, now: DateTime<Utc>) -> Result<()>;
    /// `false` when the country was not listed.
    async fn delete_calendar_country(&mut self, country: &str) -> Result<bool>;
    /// Members of the groups flagged "show on the calendar", with their group, by group then country.
    async fn calendar_group_members(&mut self) -> Result<Vec<crate::calendar::GroupMember>>;
    /// Events planned or confirmed that name a country, with their kind and days.
    async fn open_event_countries(&mut self) -> Result<Vec<crate::calendar::OpenEvent>>;
    /// Countries visited by or sending delegations proposed, approved or under way, each once.
    async fn open_delegation_countries(&mut self) -> Result<Vec<String>>;
}
