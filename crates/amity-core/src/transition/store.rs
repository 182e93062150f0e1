//! What the status history needs from the database: one table for every record that has a status.

use async_trait::async_trait;

use super::{NewStatusChange, StatusChange};
use crate::error::Result;

/// The kept history of status changes, by subject (`partnership`, `event`, `delegation` …) and id.
/// A record's delete removes its history in the same transaction.
#[async_trait]
pub trait StatusHistoryStore {
    /// Stores one change; returns its id.
    async fn insert_status_change(&mut self, change: &NewStatusChange) -> Result<i64>;
    /// A record's changes, oldest first, with the statuses as their codes.
    async fn list_status_changes(&mut self, subject: &str, subject_id: i64) -> Result<Vec<StatusChange<String>>>;
}
