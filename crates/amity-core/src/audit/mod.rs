//! The audit log: every change (who, when, what, before and after, from where), written in the
//! same transaction as the change. Nothing deletes an entry before the retention period.

mod store;
pub use store::AuditStore;
mod service;

pub use service::{export, list, record, record_json};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::list::Paging;

/// Days an audit entry is kept at least.
pub const RETENTION_DAYS: i64 = 180;

/// One entry of the audit log.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The acting user's id (none for the system).
    pub user_id: Option<i64>,
    /// Username or `system`.
    pub actor: String,
    pub ip: Option<String>,
    /// `create`, `update`, `delete`, `sign_in`, `sign_in_failed`, `refused` …
    pub action: String,
    /// `partnership`, `unit`, `user` …
    pub entity: String,
    pub entity_id: Option<String>,
    /// The record before the change, as JSON text.
    pub before: Option<String>,
    /// The record after the change, as JSON text.
    pub after: Option<String>,
}

/// An entry to write.
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub actor: String,
    pub ip: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Filters of the audit log.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub paging: Paging,
}
