//! The calendar's query string: view (month or agenda), the month or period shown, and the filters.
//! Shared by the pages, the JSON API and the feeds, so all read a period and filters the same way.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;

use crate::form_fields::{day, number, opt};
use amity_core::Error;
use amity_core::calendar::{CalendarFilter, ItemKind};
use amity_core::error::Problems;

/// Days the agenda shows when no end is given.
pub const AGENDA_DAYS: i64 = 90;

/// The calendar's parameters as the query string carries them (all optional).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct CalendarQuery {
    /// `month` (default) or `agenda`.
    pub view: String,
    /// The month shown, `YYYY-MM` (default: this month).
    pub month: String,
    /// The agenda's first day, `YYYY-MM-DD` (default: today).
    pub from: String,
    /// The agenda's last day, `YYYY-MM-DD` (default: 90 days after `from`).
    pub to: String,
    /// One kind of item: national_day, partnership_anniversary, diplomatic_anniversary, event, delegation, commitment_due, agreement_expiry.
    pub kind: String,
    /// Id of the responsible unit.
    pub unit: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Id of a country group: only items of its member countries (an unknown id is a 422 naming `group`).
    pub group: String,
}

impl CalendarQuery {
    /// Whether the agenda (rather than the month grid) is asked for.
    pub fn agenda(&self) -> bool {
        self.view == "agenda"
    }

    /// The first day of the month shown (`today`'s month by default).
    pub fn month_start(&self, today: NaiveDate) -> Result<NaiveDate, Error> {
        let m = self.month.trim();
        if m.is_empty() {
            return Ok(today.with_day(1).unwrap_or(today));
        }
        NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").map_err(|_| Error::invalid("month", "invalid_month"))
    }

    /// The agenda's period: `from` (default today) to `to` (default 90 days on).
    pub fn period(&self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), Error> {
        let mut p = Problems::default();
        let from = p.take(day("from", &self.from)).flatten();
        let to = p.take(day("to", &self.to)).flatten();
        p.finish()?;
        let from = from.unwrap_or(today);
        let to = to.unwrap_or(from + Duration::days(AGENDA_DAYS));
        amity_core::calendar::check_period(from, to)?;
        Ok((from, to))
    }

    /// The filters, each checked.
    pub fn filter(&self) -> Result<CalendarFilter, Error> {
        let mut p = Problems::default();
        let kinds = p.take(opt(&self.kind, |k| ItemKind::parse_field("kind", k))).flatten().into_iter().collect();
        let unit = p.take(number("unit", &self.unit)).flatten();
        let country = p.take(opt(&self.country, |c| amity_core::validate::country_code("country", c))).flatten();
        let group = p.take(number("group", &self.group)).flatten();
        p.finish()?;
        Ok(CalendarFilter { kinds, unit, country, group })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")
    }

    #[test]
    fn the_agenda_defaults_to_ninety_days_from_today() {
        let (from, to) = CalendarQuery::default().period(today()).expect("period");
        assert_eq!((from, (to - from).num_days()), (today(), AGENDA_DAYS));
    }

    #[test]
    fn bad_parameters_name_their_field() {
        let q = CalendarQuery { from: "30/11/2026".into(), kind: "party".into(), ..Default::default() };
        let fields = |e: Error| match e {
            Error::Validation(v) => v.into_iter().map(|f| f.field).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(fields(q.period(today()).expect_err("bad from")), ["from"]);
        assert_eq!(fields(q.filter().expect_err("bad kind")), ["kind"]);
        let reversed = CalendarQuery { from: "2026-12-01".into(), to: "2026-11-01".into(), ..Default::default() };
        assert_eq!(fields(reversed.period(today()).expect_err("reversed")), ["to"]);
    }
}
