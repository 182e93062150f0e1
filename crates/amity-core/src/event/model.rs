//! What an event is: kind, series and edition, when (a planned year or month, or exact local times
//! in an IANA time zone), venue, organisers, invited partnerships, capacity, status, report.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::PartialDate;
use crate::list::Paging;

crate::choice!(
    /// What kind of event it is.
    EventKind {
        Summit = "summit",
        Forum = "forum",
        Conference = "conference",
        Contest = "contest",
        Festival = "festival",
        Exhibition = "exhibition",
        PhotoExhibition = "photo_exhibition",
        NationalDayCelebration = "national_day_celebration",
        TradeFair = "trade_fair",
        BusinessMatchmaking = "business_matchmaking",
        Other = "other",
    }
);

crate::choice!(
    /// Where an event stands: idea → planned → confirmed → held → reported, or cancelled (with a reason).
    EventStatus {
        Idea = "idea",
        Planned = "planned",
        Confirmed = "confirmed",
        Held = "held",
        Reported = "reported",
        Cancelled = "cancelled",
    }
);

crate::status_machine!(
    EventStatus,
    subject = "event",
    next = |from| {
        use EventStatus::*;
        match from {
            Idea => &[Planned, Confirmed, Cancelled],
            Planned => &[Idea, Confirmed, Cancelled],
            Confirmed => &[Planned, Held, Cancelled],
            Held => &[Confirmed, Reported],
            Reported => &[Held],
            Cancelled => &[Idea, Planned, Confirmed],
        }
    },
    reason_required = |to| to == EventStatus::Cancelled,
    took_part_applies = |to| to == EventStatus::Held,
);

impl EventStatus {
    /// From `confirmed` on, an event needs exact start and end times.
    pub fn needs_exact_dates(self) -> bool {
        matches!(self, EventStatus::Confirmed | EventStatus::Held | EventStatus::Reported)
    }

    /// Held or reported: the event took place and logs the partnerships' activities.
    pub fn took_place(self) -> bool {
        matches!(self, EventStatus::Held | EventStatus::Reported)
    }
}

/// The text in the reader's language, else the other.
pub(super) fn pick<'a>(zh: bool, en: &'a str, zh_text: &'a str) -> &'a str {
    match (zh, en.is_empty(), zh_text.is_empty()) {
        (true, _, false) | (false, true, false) => zh_text,
        _ => en,
    }
}

/// A co-organiser: a unit of ours, a partnership (the partner city), or another body by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CoOrganiser {
    Unit(i64),
    Partnership(i64),
    Name(String),
}

/// An event as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    pub id: i64,
    pub series_id: Option<i64>,
    /// The edition within the series (the "11th" summit).
    pub edition: Option<i64>,
    pub kind: EventKind,
    pub title_en: String,
    pub title_zh: String,
    pub description: Option<String>,
    /// While the date is not exact: the year or month planned (`2023`, `2023-06`).
    pub planned_on: Option<PartialDate>,
    /// Wall time at the venue (`YYYY-MM-DDTHH:MM:SS`); midnight for all-day events.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "local-date-time", pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$", example = "2030-09-01T10:00:00"))]
    pub starts_local: Option<NaiveDateTime>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "local-date-time", pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$", example = "2030-09-01T10:00:00"))]
    pub ends_local: Option<NaiveDateTime>,
    /// The same instants in UTC.
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// Whole days (the times are not meaningful).
    pub all_day: bool,
    /// IANA time zone of the venue, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    /// First and last local day the event covers (for a planned year or month: its first and last day).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub venue: Option<String>,
    pub organiser_unit_id: i64,
    pub co_organisers: Vec<CoOrganiser>,
    pub invited_partnership_ids: Vec<i64>,
    /// Codes of the cooperation fields.
    pub fields: Vec<String>,
    /// The country the event is about (e.g. whose national day is celebrated), ISO 3166-1 alpha-2.
    pub country_code: Option<String>,
    /// Seats; `None` for no limit.
    pub capacity: Option<i64>,
    /// Shown on the public portal and open to public registration.
    pub public: bool,
    pub status: EventStatus,
    pub cancel_reason: Option<String>,
    /// Post-event report: outcomes, and notes.
    pub report_outcomes: Option<String>,
    pub report_notes: Option<String>,
    pub source_url: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Event {
    /// The title in the reader's language, else the other.
    pub fn title(&self, zh: bool) -> &str {
        pick(zh, &self.title_en, &self.title_zh)
    }

    /// Whether the date is exact (start and end times known).
    pub fn is_exact(&self) -> bool {
        self.starts_at.is_some()
    }

    /// The partnerships named as co-organisers.
    pub fn co_organiser_partnerships(&self) -> impl Iterator<Item = i64> + '_ {
        self.co_organisers.iter().filter_map(|c| if let CoOrganiser::Partnership(id) = c { Some(*id) } else { None })
    }
}

/// An event as a form, the API or an import gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EventInput {
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub kind: String,
    pub series_id: Option<i64>,
    pub edition: Option<i64>,
    pub title_en: String,
    pub title_zh: String,
    pub description: String,
    /// `YYYY` or `YYYY-MM` while the exact date is not known (status idea or planned only).
    pub planned_on: String,
    /// Local start at the venue: `YYYY-MM-DDTHH:MM` (or `YYYY-MM-DD` for an all-day event); an
    /// instant with its offset (RFC 3339, as a read gives it) means the venue's wall time then.
    pub starts_at: String,
    /// Local end at the venue, same forms; empty means the same as the start.
    pub ends_at: String,
    pub all_day: bool,
    /// IANA time zone of the venue, e.g. `Asia/Shanghai`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub time_zone: String,
    pub venue: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub organiser_unit_id: Option<i64>,
    pub co_organiser_unit_ids: Vec<i64>,
    pub co_organiser_partnership_ids: Vec<i64>,
    /// Other co-organising bodies by name.
    pub co_organiser_names: Vec<String>,
    pub invited_partnership_ids: Vec<i64>,
    pub fields: Vec<String>,
    pub country_code: String,
    pub capacity: Option<i64>,
    pub public: bool,
    /// `idea` (default), `planned` or `confirmed` on create; ignored on update (use the status action).
    pub status: String,
    pub source_url: String,
    /// Required on update.
    pub version: Option<i64>,
}

/// A validated event, ready to store.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub series_id: Option<i64>,
    pub edition: Option<i64>,
    pub kind: EventKind,
    pub title_en: String,
    pub title_zh: String,
    pub description: Option<String>,
    pub planned_on: Option<PartialDate>,
    pub starts_local: Option<NaiveDateTime>,
    pub ends_local: Option<NaiveDateTime>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub all_day: bool,
    pub time_zone: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub venue: Option<String>,
    pub organiser_unit_id: i64,
    pub co_organisers: Vec<CoOrganiser>,
    pub invited_partnership_ids: Vec<i64>,
    pub fields: Vec<String>,
    pub country_code: Option<String>,
    pub capacity: Option<i64>,
    pub public: bool,
    pub status: EventStatus,
    pub source_url: Option<String>,
    pub search_key: String,
}

/// A change of an event's status, kept as history.
pub type EventStatusChange = crate::transition::StatusChange<EventStatus>;

/// The post-event report as entered.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EventReportInput {
    pub outcomes: String,
    pub notes: String,
    pub version: Option<i64>,
}

crate::choice!(
    /// Orders an event list may be sorted in.
    EventSort {
        /// Soonest first.
        Date = "date",
        /// Latest first (default).
        DateDesc = "-date",
    }
);

/// Filters of the event list (all optional; kept in the query string).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub kind: Option<EventKind>,
    pub status: Option<EventStatus>,
    /// Events with a day in this year.
    pub year: Option<i32>,
    pub unit: Option<i64>,
    pub series: Option<i64>,
    /// Only public events (the portal).
    pub public_only: bool,
    pub q: Option<String>,
    pub sort: Option<EventSort>,
    /// Id of a country group: only records naming a partnership (or a country) in its member countries.
    pub group: Option<i64>,
    pub paging: Paging,
}

/// What a calendar needs of an event (the protocol calendar and iCalendar feeds).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarEvent {
    pub id: i64,
    pub title_en: String,
    pub title_zh: String,
    pub kind: EventKind,
    /// Exact start and end as UTC instants (`None` while only a year or month is planned).
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// IANA zone of the venue.
    pub time_zone: String,
    pub all_day: bool,
    /// The year or month planned while the date is not exact ("2023, date to be set").
    pub planned_on: Option<PartialDate>,
    /// First and last local day covered.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub public: bool,
    pub status: EventStatus,
    pub organiser_unit_id: i64,
    pub venue: Option<String>,
    pub country_code: Option<String>,
}
