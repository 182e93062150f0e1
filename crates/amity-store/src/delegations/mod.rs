//! Delegations: the record, its lists (members, transport, stays, interpreters, itinerary), the
//! partnerships, countries and fields it names, and members' travel documents.
//! Days are stored as `YYYY-MM-DD` text and local wall times as `YYYY-MM-DDTHH:MM` text, which sort
//! and compare the same on both databases.

mod documents;
mod lists;
mod read;
mod write;

use amity_core::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};

/// ISO text of a day.
pub(crate) fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_day(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Error::Internal(format!("stored day {s:?} is not YYYY-MM-DD")))
}

/// ISO text of a local wall time, to the minute.
pub(crate) fn time_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

pub(crate) fn parse_time(s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").map_err(|_| Error::Internal(format!("stored time {s:?} is not YYYY-MM-DDTHH:MM")))
}

fn bad(what: &str, v: &str) -> Error {
    Error::Internal(format!("stored {what} {v:?}"))
}
