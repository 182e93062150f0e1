//! What the activity area needs from the database (ActivityStore, HealthStore, ActivityOriginStore); `amity-store` implements it for both backends.

use crate::activity::{
    Activity, ActivityFigures, ActivityFilter, Commitment, CommitmentStatus, NewActivity, NewCommitment, OverdueCommitment,
};
use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

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
    /// Done activities whose dates overlap `from..=to` (a year- or month-only date counts in any
    /// period overlapping that year or month), one row per partnership that has any: a count for
    /// each of `field_ids` in that order, those with no field, and all of them each once. One
    /// aggregate query.
    async fn coverage_counts(
        &mut self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        field_ids: &[i64],
    ) -> Result<Vec<crate::coverage::CoverageCounts>>;
    /// The same figures for `partnership_ids` together (every partnership when `None`): an
    /// activity naming several of them counts once. `partnership_id` of the answer is 0.
    async fn coverage_totals(
        &mut self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        field_ids: &[i64],
        partnership_ids: Option<&[i64]>,
    ) -> Result<crate::coverage::CoverageCounts>;
}

/// What relationship health reads of every partnership.
#[async_trait]
pub trait HealthStore {
    /// Every partnership's id, status, date established and creation instant (by id): all the
    /// health rule needs, without cities and fields.
    async fn health_basis(&mut self) -> Result<Vec<crate::health::HealthBasis>>;
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
