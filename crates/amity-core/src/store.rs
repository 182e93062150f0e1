//! The storage traits the services need; `amity-store` implements them for SQLite and PostgreSQL.
//! Every operation runs inside a unit of work (`Tx`), so a user action commits whole or not at all.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

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
pub trait Tx: UnitStore + FieldStore + CityStore + PartnershipStore + SettingStore + Send {
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
