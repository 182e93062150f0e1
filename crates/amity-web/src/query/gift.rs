//! The registry's filters as a query string (the list page, its exports and the API share them).

use serde::Deserialize;

use crate::form_fields::{number, opt};
use amity_core::error::Problems;
use amity_core::gift::{DisclosureStatus, GiftDirection, GiftFilter};
use amity_core::{Error, FieldError, Paging};

/// `?direction=&year=&partnership=&disclosure=&page=&per_page=`; empty values mean "any".
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct GiftQuery {
    /// `given` or `received`.
    pub direction: String,
    /// Year given, e.g. `1993`.
    pub year: String,
    /// Partnership id.
    pub partnership: String,
    /// `not_required`, `pending`, `disclosed` or `handed_over`.
    pub disclosure: String,
    /// Id of a country group: only records naming a partnership in its member countries (an unknown id is a 422 naming `group`).
    pub group: String,
    // Text, like every list's query, so a bad number is a 422 naming it rather than axum's plain-text 400.
    pub page: String,
    pub per_page: String,
}

impl GiftQuery {
    /// The filter, or a validation error naming each bad parameter.
    pub fn filter(&self) -> Result<GiftFilter, Error> {
        let mut p = Problems::default();
        let direction = p.take(opt(&self.direction, |v| GiftDirection::parse_field("direction", v))).flatten();
        let disclosure = p.take(opt(&self.disclosure, |v| DisclosureStatus::parse_field("disclosure", v))).flatten();
        let year = p
            .take(opt(&self.year, |v| {
                v.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y)).ok_or_else(|| FieldError::new("year", "invalid_year"))
            }))
            .flatten();
        let partnership = p.take(number("partnership", &self.partnership)).flatten();
        let group = p.take(number("group", &self.group)).flatten();
        let paging = Paging::new(p.take(number("page", &self.page)).flatten(), p.take(number("per_page", &self.per_page)).flatten());
        p.finish()?;
        Ok(GiftFilter { direction, year, partnership, disclosure, group, paging })
    }
}
