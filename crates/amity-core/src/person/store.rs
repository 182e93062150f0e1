//! What the erasure of persons needs from the store.

use async_trait::async_trait;

use super::model::{PersonHeld, PersonRecord, PersonRef};
use crate::audit::AuditEntry;
use crate::error::Result;

/// Finds, reads and erases the records that hold a person, one source per [`super::PersonKind`].
#[async_trait]
pub trait PersonStore {
    /// Records of every kind whose names or e-mail contain `needle` (folded: case and Latin
    /// diacritics ignored), at most `limit` of each kind.
    async fn find_people(&mut self, needle: &str, limit: i64) -> Result<Vec<PersonRecord>>;
    /// One record with its personal values and audit subjects; `None` if there is none.
    async fn person_held(&mut self, r: PersonRef) -> Result<Option<PersonHeld>>;
    /// Deletes or anonymises the record and deletes its travel documents; returns how many
    /// travel documents went with it.
    async fn erase_person(&mut self, r: PersonRef, now: chrono::DateTime<chrono::Utc>) -> Result<u64>;
    /// Audit entries whose subject is one of `subjects` or whose texts contain one of `values`.
    async fn audit_about(&mut self, subjects: &[(String, String)], values: &[String]) -> Result<Vec<AuditEntry>>;
}
