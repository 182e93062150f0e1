//! The office-wide contacts list's query string, shared by the page and the API, turned into a
//! validated filter (a bad parameter is a 422 naming it).

use serde::Deserialize;

use crate::form_fields::{number, opt};
use amity_core::contact::ContactFilter;
use amity_core::error::Problems;
use amity_core::validate::{NAME_MAX, country_code, optional_text};
use amity_core::{Error, Paging};

/// `?country=&group=&q=&page=&per_page=`; empty values mean "any".
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ContactQuery {
    /// ISO 3166-1 alpha-2 code of the partner city's country.
    pub country: String,
    /// Id of a country group: only contacts of partnerships in its member countries (an unknown id is a 422 naming `group`).
    pub group: String,
    /// Any part of the contact's names or organisation, or of the partner city's names, in any script.
    pub q: String,
    pub page: String,
    pub per_page: String,
}

impl ContactQuery {
    /// The filter, or a validation error naming each bad parameter.
    pub fn filter(&self) -> Result<ContactFilter, Error> {
        let mut p = Problems::default();
        let f = ContactFilter {
            country: p.take(opt(&self.country, |s| country_code("country", s))).flatten(),
            group: p.take(number("group", &self.group)).flatten(),
            q: p.take(optional_text("q", &self.q, NAME_MAX)).flatten(),
            paging: Paging::new(p.take(number("page", &self.page)).flatten(), p.take(number("per_page", &self.per_page)).flatten()),
        };
        p.finish()?;
        Ok(f)
    }
}
