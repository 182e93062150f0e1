//! How days, partial dates and local wall times are stored: ISO text that sorts and compares the
//! same on SQLite and PostgreSQL. Every module reads and writes them through these functions.
//! (Instants are bound as `DateTime<Utc>`, which sqlx stores natively on each backend.)

use amity_core::{PartialDate, Result};
use chrono::{NaiveDate, NaiveDateTime};

use crate::error::corrupt;

/// A day as stored: `YYYY-MM-DD`.
pub(crate) fn day_text(d: NaiveDate) -> String {
    d.format(DAY).to_string()
}

/// A stored day.
pub(crate) fn parse_day(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, DAY).map_err(|_| corrupt("day", s))
}

/// A stored partial date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); written with `PartialDate`'s `to_string`.
pub(crate) fn parse_partial(s: &str) -> Result<PartialDate> {
    PartialDate::parse(s).map_err(|_| corrupt("partial date", s))
}

/// A wall time at a venue, to the second (events): `YYYY-MM-DDTHH:MM:SS`.
pub(crate) fn local_text(t: NaiveDateTime) -> String {
    t.format(LOCAL).to_string()
}

/// A wall time to the minute (a delegation's travel and itinerary): `YYYY-MM-DDTHH:MM`. Each column
/// keeps one of the two forms, so text order is time order within it.
pub(crate) fn minute_text(t: NaiveDateTime) -> String {
    t.format(MINUTE).to_string()
}

/// A stored wall time in either form.
pub(crate) fn parse_local(s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, LOCAL).or_else(|_| NaiveDateTime::parse_from_str(s, MINUTE)).map_err(|_| corrupt("local time", s))
}

const DAY: &str = "%Y-%m-%d";
const LOCAL: &str = "%Y-%m-%dT%H:%M:%S";
const MINUTE: &str = "%Y-%m-%dT%H:%M";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_times_round_trip_and_sort_as_text() {
        let d = NaiveDate::from_ymd_opt(2023, 4, 9).expect("valid");
        assert_eq!(day_text(d), "2023-04-09");
        assert_eq!(parse_day("2023-04-09").expect("day"), d);
        let t = d.and_hms_opt(7, 30, 0).expect("valid");
        assert_eq!((local_text(t).as_str(), minute_text(t).as_str()), ("2023-04-09T07:30:00", "2023-04-09T07:30"));
        assert_eq!(parse_local("2023-04-09T07:30:00").expect("seconds"), t);
        assert_eq!(parse_local("2023-04-09T07:30").expect("minutes"), t);
        assert!(day_text(d) < day_text(d.succ_opt().expect("valid")));
    }

    #[test]
    fn what_is_not_stored_text_of_its_kind_is_reported_as_corrupt() {
        assert!(parse_day("09/04/2023").is_err());
        assert!(parse_partial("April 1985").is_err());
        assert!(parse_local("2023-04-09 07:30").is_err());
    }
}
