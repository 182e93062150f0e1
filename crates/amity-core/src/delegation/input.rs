//! A delegation as a form or the API gives it (unvalidated), with the rows of its lists;
//! `validated.rs` turns it into a `NewDelegation`.

use serde::{Deserialize, Serialize};

/// Most rows any list of a delegation may hold.
pub const ROWS_MAX: usize = 200;

/// A delegation as entered (unvalidated).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DelegationInput {
    /// `inbound` or `outbound`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub direction: String,
    /// The title in English (or the original language); this or `title_zh` is required.
    pub title: String,
    /// The title in Chinese.
    pub title_zh: String,
    pub purpose: String,
    /// The purpose in Chinese.
    pub purpose_zh: String,
    pub partnership_ids: Vec<i64>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// Cooperation field codes.
    pub fields: Vec<String>,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub owner_unit_id: Option<i64>,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub starts_on: String,
    /// `YYYY-MM-DD`, not before `starts_on`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub ends_on: String,
    pub host: String,
    pub approval_document: String,
    pub approval_number: String,
    /// `YYYY-MM-DD`.
    pub approval_date: String,
    pub report: String,
    pub notes: String,
    pub source_url: String,
    pub members: Vec<MemberInput>,
    pub transport: Vec<TransportInput>,
    pub accommodation: Vec<StayInput>,
    pub interpreters: Vec<InterpreterInput>,
    pub itinerary: Vec<ItineraryInput>,
    /// Required on update.
    pub version: Option<i64>,
}

/// A member as entered. Give `id` to keep an existing member (and their travel documents).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MemberInput {
    pub id: Option<i64>,
    pub name: String,
    pub name_native: String,
    pub title: String,
    pub rank: String,
    pub equivalent_post: String,
    pub organisation: String,
    /// `head`, `deputy_head`, `member` (default) or `staff`.
    pub role: String,
}

/// A journey as entered. Times as `YYYY-MM-DDTHH:MM`, local at each end.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TransportInput {
    /// `arrival`, `departure` or `internal`.
    pub leg: String,
    /// `flight`, `train`, `road` or `other`.
    pub mode: String,
    pub number: String,
    pub from_place: String,
    pub to_place: String,
    pub departs_at: String,
    pub arrives_at: String,
    pub notes: String,
}

/// Accommodation as entered.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct StayInput {
    pub name: String,
    pub address: String,
    /// `YYYY-MM-DD`.
    pub check_in: String,
    pub check_out: String,
    pub notes: String,
}

/// An interpreter as entered.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct InterpreterInput {
    pub name: String,
    pub languages: String,
    pub organisation: String,
    pub phone: String,
}

/// An itinerary item as entered. Times as `YYYY-MM-DDTHH:MM`, within the visit's dates.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ItineraryInput {
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub activity: String,
    pub host: String,
    pub responsible_unit_id: Option<i64>,
}
