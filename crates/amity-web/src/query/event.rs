//! The event list's query string, shared by pages and the API, turned into a validated filter
//! (a bad parameter is a 422 naming it).

use serde::Deserialize;

use crate::form_fields::{number, opt};
use amity_core::error::Problems;
use amity_core::event::{EventFilter, EventKind, EventSort, EventStatus};
use amity_core::{Error, FieldError, Paging};

/// Filters of the event list as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct EventQuery {
    pub kind: String,
    /// `idea`, `planned`, `confirmed`, `held`, `reported` or `cancelled`.
    pub status: String,
    /// Events with a day in this year (a year-only planned date counts for its year).
    pub year: String,
    /// Id of the organiser unit.
    pub unit: String,
    /// Id of a series.
    pub series: String,
    /// Id of a country group: only records naming a partnership (invited or co-organising), or a country, in its member countries (an unknown id is a 422 naming `group`).
    pub group: String,
    /// Any part of the titles or the venue.
    pub q: String,
    /// `date` (soonest first) or `-date` (latest first, the default).
    pub sort: String,
    pub page: String,
    pub per_page: String,
}

impl EventQuery {
    /// The validated filter.
    pub fn filter(&self) -> Result<EventFilter, Error> {
        let mut p = Problems::default();
        let year = p.take(number("year", &self.year)).flatten();
        if let Some(y) = year
            && !(1000..=9999).contains(&y)
        {
            p.push(FieldError::new("year", "out_of_range").with("min", 1000).with("max", 9999));
        }
        let f = EventFilter {
            kind: p.take(opt(&self.kind, |s| EventKind::parse_field("kind", s))).flatten(),
            status: p.take(opt(&self.status, |s| EventStatus::parse_field("status", s))).flatten(),
            year,
            unit: p.take(number("unit", &self.unit)).flatten(),
            series: p.take(number("series", &self.series)).flatten(),
            public_only: false,
            q: p.take(amity_core::validate::optional_text("q", &self.q, amity_core::validate::NAME_MAX)).flatten(),
            sort: p.take(opt(&self.sort, |s| EventSort::parse_field("sort", s))).flatten(),
            group: p.take(number("group", &self.group)).flatten(),
            paging: Paging::new(p.take(number("page", &self.page)).flatten(), p.take(number("per_page", &self.per_page)).flatten()),
        };
        p.finish()?;
        Ok(f)
    }

    /// The filters that are set, as query-string pairs (for paging and export links).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("kind", &self.kind),
            ("status", &self.status),
            ("year", &self.year),
            ("unit", &self.unit),
            ("series", &self.series),
            ("group", &self.group),
            ("q", &self.q),
            ("sort", &self.sort),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_string()))
        .collect()
    }
}
