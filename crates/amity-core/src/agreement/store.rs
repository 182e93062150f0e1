//! What the agreement area needs from the database (AgreementStore); `amity-store` implements it for both backends.

use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

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
