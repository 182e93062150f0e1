//! What the gift area needs from the database (GiftStore); `amity-store` implements it for both backends.

use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

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
