//! The kept history of a partnership's status: the shared status history ([`crate::transition`]),
//! read as partnership statuses.

use serde::Serialize;

use super::{Partnership, PartnershipStatus};

/// One change of a partnership's status as stored.
pub type StatusChange = crate::transition::StatusChange<PartnershipStatus>;

/// What a change of status answers: the partnership as it now is, and the history entry written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transitioned {
    pub partnership: Partnership,
    pub change: StatusChange,
}
