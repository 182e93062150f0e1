//! The delegation list's query string, shared by the page and the API, turned into a validated
//! filter (a bad parameter is a 422 naming it, never a crash).

use serde::Deserialize;

use crate::form_fields::{number, opt};
use amity_core::delegation::{DelegationFilter, DelegationStatus, Direction};
use amity_core::error::Problems;
use amity_core::validate::{NAME_MAX, country_code, optional_text};
use amity_core::{Error, FieldError, Paging};

/// Filters of the delegation list as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct DelegationQuery {
    /// `inbound` or `outbound`.
    pub direction: String,
    /// `proposed`, `approved`, `in_progress`, `completed`, `reported` or `cancelled`.
    pub status: String,
    /// Visits overlapping this calendar year.
    pub year: String,
    /// Id of the owner unit.
    pub unit: String,
    /// ISO 3166-1 alpha-2 code of a country visited or sending (also through partnerships).
    pub country: String,
    /// Id of a partnership that takes part.
    pub partnership: String,
    /// Id of a country group: only records naming a partnership, or a country visited or sending, in its member countries (an unknown id is a 422 naming `group`).
    pub group: String,
    /// Any part of the title, purpose, host or a member's name.
    pub q: String,
    pub page: String,
    pub per_page: String,
}

impl DelegationQuery {
    /// The validated filter.
    pub fn filter(&self) -> Result<DelegationFilter, Error> {
        let mut p = Problems::default();
        let year = p.take(number("year", &self.year)).flatten();
        if year.is_some_and(|y| !(1900..=2200).contains(&y)) {
            p.push(FieldError::new("year", "out_of_range").with("min", 1900).with("max", 2200));
        }
        let f = DelegationFilter {
            direction: p.take(opt(&self.direction, |s| Direction::parse_field("direction", s))).flatten(),
            status: p.take(opt(&self.status, |s| DelegationStatus::parse_field("status", s))).flatten(),
            year,
            unit: p.take(number("unit", &self.unit)).flatten(),
            country: p.take(opt(&self.country, |s| country_code("country", s))).flatten(),
            partnership: p.take(number("partnership", &self.partnership)).flatten(),
            q: p.take(optional_text("q", &self.q, NAME_MAX)).flatten(),
            group: p.take(number("group", &self.group)).flatten(),
            paging: Paging::new(p.take(number("page", &self.page)).flatten(), p.take(number("per_page", &self.per_page)).flatten()),
        };
        p.finish()?;
        Ok(f)
    }

    /// The query string of this filter (for paging links), without `page`.
    pub fn to_query(&self) -> String {
        let pairs = [
            ("direction", &self.direction),
            ("status", &self.status),
            ("year", &self.year),
            ("unit", &self.unit),
            ("country", &self.country),
            ("partnership", &self.partnership),
            ("group", &self.group),
            ("q", &self.q),
            ("per_page", &self.per_page),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", crate::html::chrome::encode(v.trim())))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_year_or_status_names_the_parameter() {
        let q = DelegationQuery { year: "20x3".into(), status: "done".into(), ..Default::default() };
        let Err(Error::Validation(e)) = q.filter() else { panic!("refused") };
        let fields: Vec<_> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["year", "status"]);
        let ok = DelegationQuery { year: "2023".into(), country: "tt".into(), ..Default::default() }.filter().expect("valid");
        assert_eq!((ok.year, ok.country.as_deref()), (Some(2023), Some("TT")));
    }
}
