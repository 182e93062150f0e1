//! What the audit area needs from the database (AuditStore); `amity-store` implements it for both backends.

use crate::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// The audit log: insert and read only; there is no delete.
#[async_trait]
pub trait AuditStore {
    async fn insert_audit(&mut self, entry: &NewAuditEntry) -> Result<()>;
    /// A page of entries, newest first, and the total matching.
    async fn list_audit(&mut self, filter: &AuditFilter) -> Result<(Vec<AuditEntry>, i64)>;
    /// Entries by the user, about the user, or whose before/after text contains the username.
    async fn audit_mentioning(&mut self, user_id: i64, username: &str) -> Result<Vec<AuditEntry>>;
    /// Records a redaction of an entry and rewrites its actor, address and before/after texts
    /// (nothing else of an entry can change).
    async fn redact_audit(&mut self, redacted: &AuditEntry, by: &str, reason: &str, now: DateTime<Utc>) -> Result<()>;
}
