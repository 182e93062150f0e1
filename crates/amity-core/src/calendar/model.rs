//! What the protocol calendar holds: items computed from the records, each with when it falls at the
//! precision the records allow (a year-only anniversary is "in that year", never an invented day).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
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
    /// A timed span; `time_zone` is the IANA zone of the wall time at the venue; `first_day` and
    /// `last_day` are the days it covers in the office's time zone (where the calendar shows it).
    Timed { start: DateTime<Utc>, end: DateTime<Utc>, time_zone: String, first_day: NaiveDate, last_day: NaiveDate },
}

impl When {
    /// The first day the item may fall on (in the office's time zone for timed items).
    pub fn first_day(&self) -> NaiveDate {
        match self {
            When::Day { day } => *day,
            When::Days { start, .. } => *start,
            When::Month { year, month } => NaiveDate::from_ymd_opt(*year, *month, 1).unwrap_or(NaiveDate::MIN),
            When::Year { year } | When::ToBeSet { year } => NaiveDate::from_ymd_opt(*year, 1, 1).unwrap_or(NaiveDate::MIN),
            When::Timed { first_day, .. } => *first_day,
        }
    }

    /// A timed span from `start` to `end`, on the days it covers in the office's time zone `office`
    /// (an event ending at midnight ends on the day before).
    pub fn timed(start: DateTime<Utc>, end: DateTime<Utc>, time_zone: String, office: Tz) -> Self {
        let first_day = start.with_timezone(&office).date_naive();
        let last = end.with_timezone(&office);
        let ends_at_midnight = end > start && last.time() == chrono::NaiveTime::MIN;
        let last_day = if ends_at_midnight { last.date_naive().pred_opt().unwrap_or(first_day) } else { last.date_naive() };
        When::Timed { start, end, time_zone, first_day, last_day: last_day.max(first_day) }
    }

    /// The last day the item may fall on.
    pub fn last_day(&self) -> NaiveDate {
        match self {
            When::Day { day } => *day,
            When::Days { end, .. } => *end,
            When::Month { year, month } => crate::PartialDate::Month(*year, *month).last_day(),
            When::Year { year } | When::ToBeSet { year } => NaiveDate::from_ymd_opt(*year, 12, 31).unwrap_or(NaiveDate::MAX),
            When::Timed { last_day, .. } => *last_day,
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
    /// Why a national day is on the calendar (partner country, a group, an event, a delegation, the
    /// office's list); empty for other items.
    pub interest: Vec<super::Interest>,
    /// The planned or confirmed national-day celebration of the country that year, for a national day.
    pub celebration_id: Option<i64>,
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
            interest: Vec::new(),
            celebration_id: None,
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
    /// Id of a country group: only items of its member countries (`compute` checks the id).
    pub group: Option<i64>,
}

impl CalendarFilter {
    /// Whether the item passes the filter.
    pub fn admits(&self, item: &CalendarItem) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&item.kind))
            && self.unit.is_none_or(|u| item.unit_id == Some(u))
            && self.country.as_deref().is_none_or(|c| item.country.as_deref() == Some(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("a valid instant")
    }

    #[test]
    fn a_timed_span_falls_on_the_days_of_the_office_not_of_utc() {
        let shanghai = chrono_tz::Asia::Shanghai;
        let early = When::timed(utc(2023, 5, 11, 23, 30), utc(2023, 5, 12, 1, 0), "Asia/Shanghai".into(), shanghai);
        assert_eq!((early.first_day().to_string(), early.last_day().to_string()), ("2023-05-12".into(), "2023-05-12".into()));
        let in_utc = When::timed(utc(2023, 5, 11, 23, 30), utc(2023, 5, 12, 1, 0), "Asia/Shanghai".into(), chrono_tz::UTC);
        assert_eq!((in_utc.first_day().to_string(), in_utc.last_day().to_string()), ("2023-05-11".into(), "2023-05-12".into()));
        // Ending at midnight in the office ends on the day before.
        let evening = When::timed(utc(2023, 5, 12, 10, 0), utc(2023, 5, 12, 16, 0), "Asia/Shanghai".into(), shanghai);
        assert_eq!(evening.last_day().to_string(), "2023-05-12");
    }
}
