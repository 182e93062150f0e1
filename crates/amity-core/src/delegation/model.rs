//! What a delegation is: direction, purpose, partners, dates, owner unit, status, approval, report,
//! and the lists that hang off it (members, transport, accommodation, interpreters, itinerary).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use crate::list::Paging;

crate::choice!(
    /// Whether the delegation comes to us or we send it.
    Direction {
        /// A foreign delegation visiting the home city (来访团组).
        Inbound = "inbound",
        /// A delegation of the home city going abroad (出访团组).
        Outbound = "outbound",
    }
);

crate::choice!(
    /// Where a delegation stands, in lifecycle order.
    DelegationStatus {
        Proposed = "proposed",
        Approved = "approved",
        InProgress = "in_progress",
        Completed = "completed",
        Reported = "reported",
        Cancelled = "cancelled",
    }
);

crate::status_machine!(
    DelegationStatus,
    subject = "delegation",
    // Forward along the line (skipping steps, so a past visit can be entered), one step back to
    // correct a mistake, cancelling before the visit is held, and reopening a cancelled one as proposed.
    next = |from| {
        use DelegationStatus::*;
        match from {
            Proposed => &[Approved, InProgress, Completed, Reported, Cancelled],
            Approved => &[Proposed, InProgress, Completed, Reported, Cancelled],
            InProgress => &[Approved, Completed, Reported, Cancelled],
            Completed => &[InProgress, Reported],
            Reported => &[Completed],
            Cancelled => &[Proposed],
        }
    },
);

/// A change of a delegation's status, kept as history.
pub type DelegationStatusChange = crate::transition::StatusChange<DelegationStatus>;

impl DelegationStatus {
    /// Whether the visit took place (completed or reported): the cooperation log holds it.
    pub fn is_held(self) -> bool {
        matches!(self, Self::Completed | Self::Reported)
    }
}

crate::choice!(
    /// A member's part in the delegation.
    MemberRole {
        Head = "head",
        DeputyHead = "deputy_head",
        Member = "member",
        Staff = "staff",
    }
);

crate::choice!(
    /// Which way a journey goes relative to the visit.
    TransportLeg {
        Arrival = "arrival",
        Departure = "departure",
        Internal = "internal",
    }
);

crate::choice!(
    /// How the delegation travels.
    TransportMode {
        Flight = "flight",
        Train = "train",
        Road = "road",
        Other = "other",
    }
);

/// A person in the delegation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub id: i64,
    /// Name as in the passport (Latin letters for foreigners, 张三 / ZHANG San for us).
    pub name: String,
    /// Name in the person's own script, when different.
    pub name_native: Option<String>,
    pub title: Option<String>,
    /// Rank (级别), for protocol.
    pub rank: Option<String>,
    /// The equivalent post on our side (对等身份), so the right counterpart receives them.
    pub equivalent_post: Option<String>,
    pub organisation: Option<String>,
    pub role: MemberRole,
}

/// A flight, train or other journey of the delegation. Times are local wall times at each end.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transport {
    pub leg: TransportLeg,
    pub mode: TransportMode,
    /// Flight or train number, e.g. `CA981`, `G35`.
    pub number: Option<String>,
    pub from_place: Option<String>,
    pub to_place: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "local-date-time", pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$", example = "2030-09-01T10:00:00"))]
    pub departs_at: Option<NaiveDateTime>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "local-date-time", pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$", example = "2030-09-01T10:00:00"))]
    pub arrives_at: Option<NaiveDateTime>,
    pub notes: Option<String>,
}

/// Where the delegation stays.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stay {
    pub name: String,
    pub address: Option<String>,
    pub check_in: NaiveDate,
    pub check_out: NaiveDate,
    pub notes: Option<String>,
}

/// An interpreter working with the delegation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interpreter {
    pub name: String,
    /// Languages worked in, e.g. `Chinese–English`.
    pub languages: Option<String>,
    pub organisation: Option<String>,
    pub phone: Option<String>,
}

/// One item of the programme. Times are local wall times where it happens.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItineraryItem {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "local-date-time", pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$", example = "2030-09-01T10:00:00"))]
    pub starts_at: NaiveDateTime,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "local-date-time", pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$", example = "2030-09-01T10:00:00"))]
    pub ends_at: Option<NaiveDateTime>,
    pub place: Option<String>,
    pub activity: String,
    /// Who hosts this item (a person or an organisation).
    pub host: Option<String>,
    /// Our unit responsible for it.
    pub responsible_unit_id: Option<i64>,
}

/// A delegation as stored: the record and every list hanging off it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delegation {
    pub id: i64,
    pub direction: Direction,
    /// The title in English (or the original language); empty when only the Chinese is given.
    pub title: String,
    /// The title in Chinese; empty when not given.
    pub title_zh: String,
    pub purpose: Option<String>,
    /// The purpose in Chinese.
    pub purpose_zh: Option<String>,
    /// Partnerships that take part (their activity is logged when the visit is completed).
    pub partnership_ids: Vec<i64>,
    /// ISO 3166-1 alpha-2 codes of the countries visited (outbound) or sending (inbound).
    pub countries: Vec<String>,
    /// Codes of the cooperation fields the visit serves.
    pub fields: Vec<String>,
    pub owner_unit_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Who receives the delegation (our leader for inbound visits, the host abroad for outbound).
    pub host: Option<String>,
    pub status: DelegationStatus,
    /// The approval document for an outbound visit (e.g. the municipal approval) and its number.
    pub approval_document: Option<String>,
    pub approval_number: Option<String>,
    pub approval_date: Option<NaiveDate>,
    /// The after-visit report. Follow-up commitments hang off the logged visit activity.
    pub report: Option<String>,
    pub notes: Option<String>,
    pub source_url: Option<String>,
    pub members: Vec<Member>,
    pub transport: Vec<Transport>,
    pub accommodation: Vec<Stay>,
    pub interpreters: Vec<Interpreter>,
    pub itinerary: Vec<ItineraryItem>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A delegation in a list: the record without its lists.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DelegationSummary {
    pub id: i64,
    pub direction: Direction,
    /// The title in English (or the original language); empty when only the Chinese is given.
    pub title: String,
    /// The title in Chinese; empty when not given.
    pub title_zh: String,
    pub purpose: Option<String>,
    /// The purpose in Chinese.
    pub purpose_zh: Option<String>,
    pub partnership_ids: Vec<i64>,
    pub countries: Vec<String>,
    pub owner_unit_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: DelegationStatus,
    pub members: i64,
    pub version: i64,
}

/// Filters of the delegation list.
#[derive(Debug, Clone, Default)]
pub struct DelegationFilter {
    pub direction: Option<Direction>,
    pub status: Option<DelegationStatus>,
    /// Visits that overlap this calendar year.
    pub year: Option<i32>,
    pub unit: Option<i64>,
    /// ISO code of a country visited or sending.
    pub country: Option<String>,
    pub partnership: Option<i64>,
    pub q: Option<String>,
    /// Id of a country group: only records naming a partnership (or a country) in its member countries.
    pub group: Option<i64>,
    pub paging: Paging,
}

/// A delegation as the protocol calendar shows it: who, which way, when, where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DelegationSpan {
    pub id: i64,
    pub title: String,
    pub title_zh: String,
    pub purpose: Option<String>,
    pub purpose_zh: Option<String>,
    pub direction: Direction,
    pub partnership_ids: Vec<i64>,
    pub countries: Vec<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: DelegationStatus,
    pub owner_unit_id: i64,
}

/// The title and purpose in the reader's language (`zh` for Chinese), else the other.
macro_rules! in_language {
    ($($t:ty),*) => {$(
        impl $t {
            /// The title in the reader's language (`zh` for Chinese), else the other.
            pub fn title_in(&self, zh: bool) -> &str {
                crate::bilingual::pick(zh, &self.title, &self.title_zh)
            }

            /// The purpose in the reader's language, else the other.
            pub fn purpose_in(&self, zh: bool) -> Option<&str> {
                crate::bilingual::pick_opt(zh, self.purpose.as_deref(), self.purpose_zh.as_deref())
            }
        }
    )*};
}
in_language!(Delegation, DelegationSummary, DelegationSpan);

#[cfg(test)]
mod tests {
    use super::DelegationStatus::*;
    use crate::transition::{allowed, next_statuses};

    #[test]
    fn the_lifecycle_moves_forward_steps_back_once_and_cancels_only_before_the_visit() {
        assert!(allowed(Proposed, Approved));
        assert!(allowed(Proposed, Completed), "a past visit can be entered at once");
        assert!(allowed(Reported, Completed));
        assert!(!allowed(Reported, Proposed));
        assert!(allowed(InProgress, Cancelled));
        assert!(!allowed(Completed, Cancelled));
        assert!(allowed(Cancelled, Proposed));
        assert!(!allowed(Cancelled, Completed));
        assert_eq!(next_statuses(Completed), [InProgress, Reported]);
    }
}
