//! What the partnership area needs from the database (CityStore, PartnershipStore, LifecycleStore); `amity-store` implements it for both backends.

use crate::error::Result;
use crate::partnership::{Approval, NewApproval, PartnershipStatus};
use crate::partnership::{NewForeignCity, NewPartnership, Partnership, PartnershipFilter, PartnershipStats};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

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
