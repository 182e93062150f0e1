//! What a partnership is: kind, status, date established, focus fields, source; and list filters.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ForeignCity;
use crate::PartialDate;
use crate::list::Paging;

crate::choice!(
    /// The kind of relationship, as Chinese foreign-affairs practice names it.
    PartnershipKind {
        /// 友好城市
        SisterCity = "sister_city",
        /// 友好合作城市
        FriendlyCooperation = "friendly_cooperation",
    }
);

crate::choice!(
    /// Where the relationship stands in its lifecycle.
    PartnershipStatus {
        Prospect = "prospect",
        Negotiating = "negotiating",
        LetterOfIntent = "letter_of_intent",
        Active = "active",
        Suspended = "suspended",
        Ended = "ended",
    }
);

crate::choice!(
    /// Orders a partnership list may be sorted in.
    PartnershipSort {
        Name = "name",
        /// By the Chinese name's pinyin (what Chinese readers get for "name").
        NameZh = "name_zh",
        Country = "country",
        Established = "established",
        EstablishedDesc = "-established",
    }
);

/// A partnership as stored, with its foreign city.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partnership {
    pub id: i64,
    /// The home-side unit: the city itself or one of its districts.
    pub home_unit_id: i64,
    pub city: ForeignCity,
    pub kind: PartnershipKind,
    pub status: PartnershipStatus,
    /// Date established (usually the agreement's date), at the precision the sources give.
    pub established: Option<PartialDate>,
    /// What the date rests on, e.g. "agreement signed".
    pub established_basis: Option<String>,
    /// Codes of the focus fields.
    pub fields: Vec<String>,
    pub source_url: Option<String>,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Filters of the partnership list (all optional; kept in the query string).
#[derive(Debug, Clone, Default)]
pub struct PartnershipFilter {
    pub country: Option<String>,
    pub kind: Option<PartnershipKind>,
    pub status: Option<PartnershipStatus>,
    pub unit: Option<i64>,
    /// Id of a country group: only partners in its member countries.
    pub group: Option<i64>,
    /// Text matched against every name of the city and its country.
    pub q: Option<String>,
    pub sort: Option<PartnershipSort>,
    pub paging: Paging,
}

/// Figures for the home page.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnershipStats {
    pub partnerships: i64,
    pub sister_cities: i64,
    pub friendly_cooperation: i64,
    pub countries: i64,
}
