//! The partnership list's query string, shared by the page and the API, turned into a validated filter.

use serde::Deserialize;

use crate::error::ApiError;
use crate::form_fields::{number, opt};
use amity_core::error::Problems;
use amity_core::partnership::{PartnershipFilter, PartnershipKind, PartnershipSort, PartnershipStatus};
use amity_core::{Error, Paging};

/// Filters, sort and paging as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct PartnershipQuery {
    /// ISO 3166-1 alpha-2 code of the partner's country.
    pub country: String,
    /// `sister_city` or `friendly_cooperation`.
    pub kind: String,
    /// Lifecycle status, e.g. `active`.
    pub status: String,
    /// Id of the home unit.
    pub unit: String,
    /// Id of a country group: only partners in its member countries.
    pub group: String,
    /// Any part of the city's or country's name, in any language.
    pub q: String,
    /// `name`, `country`, `established` or `-established`.
    pub sort: String,
    pub page: String,
    pub per_page: String,
}

impl PartnershipQuery {
    /// The filter, or a 422 naming each bad parameter.
    pub fn to_filter(&self) -> Result<PartnershipFilter, ApiError> {
        self.validate().map_err(ApiError::from)
    }

    /// The filter, or the domain's validation error.
    pub fn validate(&self) -> Result<PartnershipFilter, Error> {
        let mut p = Problems::default();
        let country = p.take(opt(&self.country, |s| amity_core::validate::country_code("country", s))).flatten();
        let kind = p.take(opt(&self.kind, |s| PartnershipKind::parse_field("kind", s))).flatten();
        let status = p.take(opt(&self.status, |s| PartnershipStatus::parse_field("status", s))).flatten();
        let unit = p.take(number("unit", &self.unit)).flatten();
        let group = p.take(number("group", &self.group)).flatten();
        let sort = p.take(opt(&self.sort, |s| PartnershipSort::parse_field("sort", s))).flatten();
        let page = p.take(number("page", &self.page)).flatten();
        let per_page = p.take(number("per_page", &self.per_page)).flatten();
        let q = p.take(amity_core::validate::optional_text("q", &self.q, amity_core::validate::NAME_MAX)).flatten();
        p.finish()?;
        Ok(PartnershipFilter { country, kind, status, unit, group, q, sort, paging: Paging::new(page, per_page) })
    }
}
