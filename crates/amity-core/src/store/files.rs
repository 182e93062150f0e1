//! Stored files, agreements and the gift registry.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::error::Result;

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
