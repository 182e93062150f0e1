//! The activity list's and the coverage matrix's query strings, shared by pages and the API,
//! turned into validated filters (a bad parameter is a 422 naming it, never a crash).

use chrono::{Months, NaiveDate};
use serde::Deserialize;

use crate::form_fields::{day, number, opt};
use amity_core::activity::{ActivityFilter, ActivityKind, ActivityStatus};
use amity_core::coverage::{CoverageFilter, CoverageSort};
use amity_core::error::Problems;
use amity_core::partnership::{PartnershipKind, PartnershipStatus};
use amity_core::{Error, FieldError, Paging};

/// Filters of the activity list as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ActivityQuery {
    /// Id of a partnership the activity names.
    pub partnership: String,
    /// Id of the owner unit.
    pub unit: String,
    pub kind: String,
    /// `planned` or `done`.
    pub status: String,
    /// Code of a cooperation field.
    pub field: String,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, `YYYY-MM-DD` (included).
    pub to: String,
    /// Any part of the title, summary or outcome.
    pub q: String,
    /// Id of a country group: only records naming a partnership in its member countries (an unknown id is a 422 naming `group`).
    pub group: String,
    pub page: String,
    pub per_page: String,
}

impl ActivityQuery {
    /// The validated filter.
    pub fn filter(&self) -> Result<ActivityFilter, Error> {
        let mut p = Problems::default();
        let f = ActivityFilter {
            partnership: p.take(number("partnership", &self.partnership)).flatten(),
            unit: p.take(number("unit", &self.unit)).flatten(),
            kind: p.take(opt(&self.kind, |s| ActivityKind::parse_field("kind", s))).flatten(),
            status: p.take(opt(&self.status, |s| ActivityStatus::parse_field("status", s))).flatten(),
            field: Some(self.field.trim().to_string()).filter(|s| !s.is_empty()),
            from: p.take(day("from", &self.from)).flatten(),
            to: p.take(day("to", &self.to)).flatten(),
            q: p.take(amity_core::validate::optional_text("q", &self.q, amity_core::validate::NAME_MAX)).flatten(),
            group: p.take(number("group", &self.group)).flatten(),
            paging: Paging::new(p.take(number("page", &self.page)).flatten(), p.take(number("per_page", &self.per_page)).flatten()),
        };
        p.finish()?;
        Ok(f)
    }
}

/// The coverage matrix's filters as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct CoverageQuery {
    /// First day, `YYYY-MM-DD` (default: 365 days before `to`).
    pub from: String,
    /// Last day, `YYYY-MM-DD` (default: today in the office's time zone).
    pub to: String,
    pub kind: String,
    pub status: String,
    /// Continent code: AF AN AS EU NA OC SA.
    pub continent: String,
    /// Id of the home unit.
    pub unit: String,
    /// Id of a country group (an unknown id is a 422 naming `group`).
    pub group: String,
    /// Row order: `name` (default), `name_zh` (pinyin), `total` (most activities first), `gaps` (most
    /// empty cells first), `no_field` (most activities with no field first) or `field:<code>` (most
    /// activities in that cooperation field first, e.g. `field:culture`).
    pub sort: String,
}

impl CoverageQuery {
    /// The validated filter; the period defaults to the last 365 days up to `today`.
    pub fn filter(&self, today: NaiveDate) -> Result<CoverageFilter, Error> {
        let mut p = Problems::default();
        let to = p.take(day("to", &self.to)).flatten().unwrap_or(today);
        let from = p.take(day("from", &self.from)).flatten().unwrap_or_else(|| to.checked_sub_months(Months::new(12)).unwrap_or(to));
        let continent = match self.continent.trim().to_ascii_uppercase().as_str() {
            "" => None,
            c @ ("AF" | "AN" | "AS" | "EU" | "NA" | "OC" | "SA") => Some(c.to_string()),
            _ => {
                p.push(FieldError::new("continent", "invalid_choice").with("allowed", "AF, AN, AS, EU, NA, OC, SA"));
                None
            }
        };
        let f = CoverageFilter {
            from,
            to,
            kind: p.take(opt(&self.kind, |s| PartnershipKind::parse_field("kind", s))).flatten(),
            status: p.take(opt(&self.status, |s| PartnershipStatus::parse_field("status", s))).flatten(),
            continent,
            unit: p.take(number("unit", &self.unit)).flatten(),
            group: p.take(number("group", &self.group)).flatten(),
            sort: p.take(CoverageSort::parse(&self.sort)).unwrap_or_default(),
        };
        if f.to < f.from {
            p.push(FieldError::new("to", "end_before_start"));
        }
        p.finish()?;
        Ok(f)
    }
}
