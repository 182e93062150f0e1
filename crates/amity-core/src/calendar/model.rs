//! What the protocol calendar holds: items computed from the records, each with when it falls at the
//! precision the records allow (a year-only anniversary is "in that year", never an invented day).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

crate::choice!(
    /// Where a calendar item comes from.
    ItemKind {
        NationalDay = "national_day",
        PartnershipAnniversary = "partnership_anniversary",
        DiplomaticAnniversary = "diplomatic_anniversary",
        Event = "event",
        Delegation = "delegation",
        CommitmentDue = "commitment_due",
        AgreementExpiry = "agreement_expiry",
    }
);

/// When an item falls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "precision", rename_all = "snake_case")]
pub enum When {
    /// One whole day.
    Day { day: NaiveDate },
    /// Whole days from `start` to `end`, both included.
    Days { start: NaiveDate, end: NaiveDate },
    /// Some day of this month (the record gives only the month).
    Month { year: i32, month: u32 },
    /// Some day of this year (the record gives only the year).
    Year { year: i32 },
    /// This year, on a date the office has not set yet (national days without a fixed date).
    ToBeSet { year: i32 },
    /// A timed span; `time_zone` is the IANA zone of the wall time at the venue.
    Timed { start: DateTime<Utc>, end: DateTime<Utc>, time_zone: String },
}

impl When {
    /// The first day the item may fall on (in UTC for timed items).
    pub fn first_day(&self) -> NaiveDate {
        match self {
            When::Day { day } => *day,
            When::Days { start, .. } => *start,
            When::Month { year, month } => NaiveDate::from_ymd_opt(*year, *month, 1).unwrap_or(NaiveDate::MIN),
            When::Year { year } | When::ToBeSet { year } => NaiveDate::from_ymd_opt(*year, 1, 1).unwrap_or(NaiveDate::MIN),
            When::Timed { start, .. } => start.date_naive(),
        }
    }

    /// The last day the item may fall on.
    pub fn last_day(&self) -> NaiveDate {
        match self {
            When::Day { day } => *day,
            When::Days { end, .. } => *end,
            When::Month { year, month } => crate::PartialDate::Month(*year, *month).last_day(),
            When::Year { year } | When::ToBeSet { year } => NaiveDate::from_ymd_opt(*year, 12, 31).unwrap_or(NaiveDate::MAX),
            When::Timed { end, .. } => end.date_naive(),
        }
    }

    /// Whether the item sits on known days (a day, a range or a timed span), not somewhere in a month or year.
    pub fn is_dated(&self) -> bool {
        matches!(self, When::Day { .. } | When::Days { .. } | When::Timed { .. })
    }

    /// Whether any day of the item lies in `from..=to`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.first_day() <= to && self.last_day() >= from
    }
}

/// One entry of the protocol calendar. Titles are composed by the reader's locale from `kind`, the
/// names and `years`; records that carry their own title (events, delegations, commitments) give it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarItem {
    pub kind: ItemKind,
    pub when: When,
    /// ISO 3166-1 alpha-2 code of the country concerned, if any.
    pub country: Option<String>,
    pub partnership_id: Option<i64>,
    /// The unit responsible (the partnership's home unit, the event's organiser …).
    pub unit_id: Option<i64>,
    /// The record behind the item (event, delegation, commitment, agreement id).
    pub record_id: Option<i64>,
    /// The record's parent, where the link goes through it (a commitment's activity).
    pub parent_id: Option<i64>,
    /// The partner city's name in English and Chinese, for anniversaries and dated records.
    pub city_en: Option<String>,
    pub city_zh: Option<String>,
    /// Whole years being marked, for anniversaries (5, 10, 15 …).
    pub years: Option<i32>,
    /// The record's own title, when it has one (`record_title` in JSON: an answer's `title` is the
    /// item's title written out in the reader's language).
    #[serde(rename = "record_title")]
    pub title: Option<String>,
    #[serde(rename = "record_title_zh")]
    pub title_zh: Option<String>,
    /// Shown to the public (public events only).
    pub public: bool,
    /// The reference data marks the date as of low confidence.
    pub low_confidence: bool,
}

impl CalendarItem {
    /// An item of `kind` on `when` with nothing else set.
    pub fn new(kind: ItemKind, when: When) -> Self {
        Self {
            kind,
            when,
            country: None,
            partnership_id: None,
            unit_id: None,
            record_id: None,
            parent_id: None,
            city_en: None,
            city_zh: None,
            years: None,
            title: None,
            title_zh: None,
            public: false,
            low_confidence: false,
        }
    }

    /// A stable identifier, the same every time the item is computed (iCalendar UIDs rest on it).
    pub fn uid(&self) -> String {
        let record = self.record_id.map(|id| id.to_string()).unwrap_or_default();
        let partnership = self.partnership_id.map(|id| id.to_string()).unwrap_or_default();
        let country = self.country.as_deref().unwrap_or("");
        let year = self.when.first_day().format("%Y");
        match self.kind {
            ItemKind::NationalDay | ItemKind::DiplomaticAnniversary => format!("{}-{country}-{year}", self.kind),
            ItemKind::PartnershipAnniversary => format!("{}-{partnership}-{year}", self.kind),
            _ => format!("{}-{record}", self.kind),
        }
    }
}

/// Filters of the calendar (all optional).
#[derive(Debug, Clone, Default)]
pub struct CalendarFilter {
    pub kinds: Vec<ItemKind>,
    pub unit: Option<i64>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
}

impl CalendarFilter {
    /// Whether the item passes the filter.
    pub fn admits(&self, item: &CalendarItem) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&item.kind))
            && self.unit.is_none_or(|u| item.unit_id == Some(u))
            && self.country.as_deref().is_none_or(|c| item.country.as_deref() == Some(c))
    }
}
