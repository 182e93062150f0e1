//! `PartialDate`: a historical date known to the year, the month or the day, stored as sortable text.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A date that may be only a year (`2004`), a year and month (`1985-04`) or a full day (`1983-01-14`).
/// Its text form sorts chronologically; nothing ever invents the missing parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartialDate {
    /// Only the year is known.
    Year(i32),
    /// Year and month (1–12).
    Month(i32, u32),
    /// A full, valid calendar day.
    Day(NaiveDate),
}

/// Why a text is not a partial date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartialDateError {
    /// Not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Format,
    /// The form is right but no such day or month exists (e.g. 2023-02-30).
    NoSuchDate,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 1000–9999).
    pub fn parse(s: &str) -> Result<Self, PartialDateError> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, PartialDateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| PartialDateError::Format)
            } else {
                Err(PartialDateError::Format)
            }
        };
        let year = num(parts[0], 4)?;
        if year < 1000 {
            return Err(PartialDateError::NoSuchDate);
        }
        let year = year as i32;
        match parts.len() {
            1 => Ok(PartialDate::Year(year)),
            2 => {
                let m = num(parts[1], 2)?;
                if (1..=12).contains(&m) { Ok(PartialDate::Month(year, m)) } else { Err(PartialDateError::NoSuchDate) }
            }
            3 => {
                let (m, d) = (num(parts[1], 2)?, num(parts[2], 2)?);
                NaiveDate::from_ymd_opt(year, m, d).map(PartialDate::Day).ok_or(PartialDateError::NoSuchDate)
            }
            _ => Err(PartialDateError::Format),
        }
    }

    /// The year, always known.
    pub fn year(&self) -> i32 {
        match self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => *y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// The month, when known.
    pub fn month(&self) -> Option<u32> {
        match self {
            PartialDate::Year(_) => None,
            PartialDate::Month(_, m) => Some(*m),
            PartialDate::Day(d) => Some(d.month()),
        }
    }

    /// The day, when known.
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            PartialDate::Day(d) => Some(*d),
            _ => None,
        }
    }

    /// The first day the date can mean (1 January for a year, the 1st for a month).
    pub fn first_day(&self) -> NaiveDate {
        match self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(*y, 1, 1),
            PartialDate::Month(y, m) => NaiveDate::from_ymd_opt(*y, *m, 1),
            PartialDate::Day(d) => Some(*d),
        }
        .unwrap_or(NaiveDate::MIN)
    }

    /// The last day the date can mean (31 December for a year, the month's last day for a month).
    pub fn last_day(&self) -> NaiveDate {
        match self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(*y, 12, 31),
            PartialDate::Month(y, m) => {
                let (ny, nm) = if *m == 12 { (*y + 1, 1) } else { (*y, *m + 1) };
                NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
            }
            PartialDate::Day(d) => Some(*d),
        }
        .unwrap_or(NaiveDate::MAX)
    }

    /// Whether this date can lie in the future relative to `today` (compared at its own precision).
    pub fn is_after(&self, today: NaiveDate) -> bool {
        match self {
            PartialDate::Year(y) => *y > today.year(),
            PartialDate::Month(y, m) => (*y, *m) > (today.year(), today.month()),
            PartialDate::Day(d) => *d > today,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).map_err(|_| serde::de::Error::custom("expected YYYY, YYYY-MM or YYYY-MM-DD"))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for PartialDate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^\d{4}(-\d{2}(-\d{2})?)?$"))
            .description(Some("A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD"))
            .examples(["1985-04"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for PartialDate {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_year_month_and_day_precision() {
        assert_eq!(PartialDate::parse("2004"), Ok(PartialDate::Year(2004)));
        assert_eq!(PartialDate::parse("1985-04"), Ok(PartialDate::Month(1985, 4)));
        let d = PartialDate::parse("1983-01-14").expect("valid day");
        assert_eq!(d.day(), NaiveDate::from_ymd_opt(1983, 1, 14));
    }

    #[test]
    fn refuses_days_that_do_not_exist() {
        assert_eq!(PartialDate::parse("2023-02-30"), Err(PartialDateError::NoSuchDate));
        assert_eq!(PartialDate::parse("2023-13"), Err(PartialDateError::NoSuchDate));
        assert_eq!(PartialDate::parse("2024-02-29").map(|d| d.to_string()), Ok("2024-02-29".into()));
    }

    #[test]
    fn refuses_malformed_text() {
        for s in ["", "85", "1985/04", "1985-4", "1985-04-01-02", "abcd", "１９８５"] {
            assert_eq!(PartialDate::parse(s), Err(PartialDateError::Format), "{s}");
        }
    }

    #[test]
    fn text_form_round_trips_and_sorts_chronologically() {
        let mut v: Vec<String> =
            ["2004", "1985-04", "1983-01-14", "1985-09-20"].iter().map(|s| PartialDate::parse(s).expect("valid").to_string()).collect();
        v.sort();
        assert_eq!(v, ["1983-01-14", "1985-04", "1985-09-20", "2004"]);
    }

    #[test]
    fn first_and_last_days_span_the_precision() {
        let m = PartialDate::Month(2024, 2);
        assert_eq!(m.first_day().to_string(), "2024-02-01");
        assert_eq!(m.last_day().to_string(), "2024-02-29");
        assert_eq!(PartialDate::Year(2004).last_day().to_string(), "2004-12-31");
        assert_eq!(PartialDate::Month(2023, 12).last_day().to_string(), "2023-12-31");
    }

    #[test]
    fn a_year_only_date_is_in_the_future_only_in_a_later_year() {
        let today = NaiveDate::from_ymd_opt(2023, 4, 19).expect("valid");
        assert!(!PartialDate::Year(2023).is_after(today));
        assert!(PartialDate::Year(2024).is_after(today));
        assert!(PartialDate::Month(2023, 5).is_after(today));
    }
}
