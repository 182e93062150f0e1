//! The `events` row as both databases return it, and the slimmer row the calendar reads.

use amity_core::Result;
use amity_core::event::{CalendarEvent, Event, EventKind, EventStatus};
use chrono::{DateTime, Utc};

use crate::codec::{parse_day, parse_local, parse_partial};
use crate::error::corrupt;

pub(super) const SELECT: &str = "SELECT e.id, e.series_id, e.edition, e.kind, e.title_en, e.title_zh, e.description, e.planned_on, e.starts_local, \
                      e.ends_local, e.starts_at, e.ends_at, e.all_day, e.time_zone, e.first_day, e.last_day, e.venue, e.organiser_unit_id, \
                      e.country_code, e.capacity, e.public, e.status, e.cancel_reason, e.report_outcomes, e.report_notes, e.source_url, \
                      e.version, e.created_at, e.updated_at FROM events e";

/// An `events` row as both databases return it.
#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    pub(super) id: i64,
    series_id: Option<i64>,
    edition: Option<i64>,
    kind: String,
    title_en: String,
    title_zh: String,
    description: Option<String>,
    planned_on: Option<String>,
    starts_local: Option<String>,
    ends_local: Option<String>,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    all_day: bool,
    time_zone: String,
    first_day: String,
    last_day: String,
    venue: Option<String>,
    organiser_unit_id: i64,
    country_code: Option<String>,
    capacity: Option<i64>,
    public: bool,
    status: String,
    cancel_reason: Option<String>,
    report_outcomes: Option<String>,
    report_notes: Option<String>,
    source_url: Option<String>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

pub(super) fn status(s: &str) -> Result<EventStatus> {
    EventStatus::parse(s).ok_or_else(|| corrupt("event status", s))
}

impl EventRow {
    /// The event without its links (filled in by `links`).
    pub(super) fn into_event(self) -> Result<Event> {
        Ok(Event {
            id: self.id,
            series_id: self.series_id,
            edition: self.edition,
            kind: EventKind::parse(&self.kind).ok_or_else(|| corrupt("event kind", &self.kind))?,
            title_en: self.title_en,
            title_zh: self.title_zh,
            description: self.description,
            planned_on: self.planned_on.as_deref().map(parse_partial).transpose()?,
            starts_local: self.starts_local.as_deref().map(parse_local).transpose()?,
            ends_local: self.ends_local.as_deref().map(parse_local).transpose()?,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            all_day: self.all_day,
            time_zone: self.time_zone,
            first_day: parse_day(&self.first_day)?,
            last_day: parse_day(&self.last_day)?,
            venue: self.venue,
            organiser_unit_id: self.organiser_unit_id,
            co_organisers: Vec::new(),
            invited_partnership_ids: Vec::new(),
            fields: Vec::new(),
            country_code: self.country_code,
            capacity: self.capacity,
            public: self.public,
            status: status(&self.status)?,
            cancel_reason: self.cancel_reason,
            report_outcomes: self.report_outcomes,
            report_notes: self.report_notes,
            source_url: self.source_url,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// What the calendar shows of an event (no description, report or audit columns).
pub(super) const CALENDAR_SELECT: &str = "SELECT e.id, e.kind, e.title_en, e.title_zh, e.planned_on, e.starts_at, e.ends_at, e.all_day, \
                                          e.time_zone, e.first_day, e.last_day, e.venue, e.organiser_unit_id, e.country_code, \
                                          e.public, e.status FROM events e";

/// A row of [`CALENDAR_SELECT`].
#[derive(sqlx::FromRow)]
pub(super) struct CalendarRow {
    id: i64,
    kind: String,
    title_en: String,
    title_zh: String,
    planned_on: Option<String>,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    all_day: bool,
    time_zone: String,
    first_day: String,
    last_day: String,
    venue: Option<String>,
    organiser_unit_id: i64,
    country_code: Option<String>,
    public: bool,
    status: String,
}

impl CalendarRow {
    pub(super) fn into_calendar(self) -> Result<CalendarEvent> {
        Ok(CalendarEvent {
            id: self.id,
            kind: EventKind::parse(&self.kind).ok_or_else(|| corrupt("event kind", &self.kind))?,
            title_en: self.title_en,
            title_zh: self.title_zh,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            time_zone: self.time_zone,
            all_day: self.all_day,
            planned_on: self.planned_on.as_deref().map(parse_partial).transpose()?,
            first_day: parse_day(&self.first_day)?,
            last_day: parse_day(&self.last_day)?,
            public: self.public,
            status: status(&self.status)?,
            organiser_unit_id: self.organiser_unit_id,
            venue: self.venue,
            country_code: self.country_code,
        })
    }
}
