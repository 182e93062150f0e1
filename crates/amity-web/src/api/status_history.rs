//! The document's names for the status histories. `StatusChange<S>` is generic over the record's
//! status; utoipa documents a generic's instances inline and then drops the `null` of
//! `from_status` (the entry recorded as a record is created has none), and the type aliases
//! (`EventStatusChange` …) all came out as one `StatusChange` schema with one status enum. These
//! stand-ins give each history its own schema; `tests/http/fuzz_findings.rs` checks them against
//! the answers.

use amity_core::PartialDate;
use amity_core::delegation::DelegationStatus;
use amity_core::event::EventStatus;
use amity_core::partnership::PartnershipStatus;
use amity_core::transition::EndedBy;
use chrono::{DateTime, Utc};

macro_rules! status_change {
    ($name:ident, $status:ty) => {
        /// One change of status as stored and shown, oldest first.
        #[derive(utoipa::ToSchema)]
        #[expect(dead_code, reason = "describes the JSON of `StatusChange` for OpenAPI only")]
        pub struct $name {
            id: i64,
            /// The record's id.
            subject_id: i64,
            /// The status before; null for the entry recorded as the record was created.
            from_status: Option<$status>,
            to_status: $status,
            /// When it happened, at the precision known.
            date: PartialDate,
            reason: Option<String>,
            /// For a suspension: what it lasts until.
            condition: Option<String>,
            /// For an ending: who ended it.
            ended_by: Option<EndedBy>,
            /// For an ending after a merger: the partnership that continues this one.
            successor_id: Option<i64>,
            /// Who recorded it (username or `system`).
            actor: String,
            /// When it was recorded.
            at: DateTime<Utc>,
        }
    };
}

status_change!(PartnershipStatusChange, PartnershipStatus);
status_change!(EventStatusChange, EventStatus);
status_change!(DelegationStatusChange, DelegationStatus);
