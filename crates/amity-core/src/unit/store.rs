//! What the unit area needs from the database (UnitStore); `amity-store` implements it for both backends.

use crate::error::Result;
use crate::unit::{NewUnit, Unit, UnitFilter};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Units.
#[async_trait]
pub trait UnitStore {
    /// Every unit, archived ones included (to name the unit of any record): the top unit first, then by name.
    async fn list_units(&mut self) -> Result<Vec<Unit>>;
    /// A page of the units the filter admits, by name, and how many it admits in all.
    async fn list_units_page(&mut self, filter: &UnitFilter) -> Result<(Vec<Unit>, i64)>;
    async fn get_unit(&mut self, id: i64) -> Result<Option<Unit>>;
    async fn insert_unit(&mut self, unit: &NewUnit, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_unit(&mut self, id: i64, unit: &NewUnit, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// Archives (`Some(at)`) or restores (`None`) a unit; `false` when `version` is not the stored one.
    async fn set_unit_archived(&mut self, id: i64, archived_at: Option<DateTime<Utc>>, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such unit; a unit that users or records name is refused
    /// (`Conflict { field: "unit" }`, code `in_use`).
    async fn delete_unit(&mut self, id: i64) -> Result<bool>;
}
