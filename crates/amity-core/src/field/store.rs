//! What the field area needs from the database (FieldStore); `amity-store` implements it for both backends.

use crate::error::Result;
use crate::field::CooperationField;
use async_trait::async_trait;

/// Cooperation fields.
#[async_trait]
pub trait FieldStore {
    async fn list_fields(&mut self) -> Result<Vec<CooperationField>>;
    /// One page of the fields, in their order, and how many there are.
    async fn page_fields(&mut self, paging: &crate::Paging) -> Result<(Vec<CooperationField>, i64)>;
    async fn insert_field(&mut self, code: &str, name_en: &str, name_zh: &str) -> Result<i64>;
}
