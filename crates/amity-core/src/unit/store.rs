//! What the unit area needs from the database (UnitStore); `amity-store` implements it for both backends.

use crate::error::Result;
use crate::unit::{NewUnit, Unit};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Units.
#[async_trait]
pub trait UnitStore {
    async fn list_units(&mut self) -> Result<Vec<Unit>>;
    async fn get_unit(&mut self, id: i64) -> Result<Option<Unit>>;
    async fn insert_unit(&mut self, unit: &NewUnit, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_unit(&mut self, id: i64, unit: &NewUnit, version: i64, now: DateTime<Utc>) -> Result<bool>;
}
