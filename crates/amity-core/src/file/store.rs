//! What the file area needs from the database (FileStore); `amity-store` implements it for both backends.

use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

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
