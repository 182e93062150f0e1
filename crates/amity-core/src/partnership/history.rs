//! The kept history of a partnership's status: one dated entry per change, with its reason,
//! the condition of a suspension, who ended it and the successor partnership.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{EndedBy, Partnership, PartnershipStatus};
use crate::PartialDate;

/// One change of status as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub id: i64,
    pub partnership_id: i64,
    /// The status before; none for the first entry of a partnership recorded as it was created.
    pub from_status: Option<PartnershipStatus>,
    pub to_status: PartnershipStatus,
    /// When it happened, at the precision known.
    pub date: PartialDate,
    pub reason: String,
    /// For a suspension: what it lasts until.
    pub condition: Option<String>,
    /// For an ending: who ended it.
    pub ended_by: Option<EndedBy>,
    /// For an ending after a merger: the partnership that continues this one.
    pub successor_id: Option<i64>,
    /// Who recorded it (username or `system`).
    pub actor: String,
    pub created_at: DateTime<Utc>,
}

/// A change of status to store.
#[derive(Debug, Clone)]
pub struct NewStatusChange {
    pub partnership_id: i64,
    pub from_status: Option<PartnershipStatus>,
    pub to_status: PartnershipStatus,
    pub date: PartialDate,
    pub reason: String,
    pub condition: Option<String>,
    pub ended_by: Option<EndedBy>,
    pub successor_id: Option<i64>,
    pub actor: String,
}

/// What a change of status answers: the partnership as it now is, and the history entry written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transitioned {
    pub partnership: Partnership,
    pub change: StatusChange,
}
