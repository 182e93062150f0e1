//! What the group area needs from the database (CountryGroupStore); `amity-store` implements it for both backends.

use crate::error::Result;
use crate::group::{CountryGroup, NewCountryGroup};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Country groups and their member countries.
#[async_trait]
pub trait CountryGroupStore {
    /// Every group with its members, ordered by English name.
    async fn list_country_groups(&mut self) -> Result<Vec<CountryGroup>>;
    /// One page of the groups, in the same order, and how many there are.
    async fn page_country_groups(&mut self, paging: &crate::Paging) -> Result<(Vec<CountryGroup>, i64)>;
    async fn get_country_group(&mut self, id: i64) -> Result<Option<CountryGroup>>;
    /// A code already used is a `Conflict` on `code`.
    async fn insert_country_group(&mut self, group: &NewCountryGroup, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one. Replaces the members.
    async fn update_country_group(&mut self, id: i64, group: &NewCountryGroup, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such group (its members go with it).
    async fn delete_country_group(&mut self, id: i64) -> Result<bool>;
}
