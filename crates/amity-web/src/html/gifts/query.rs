//! The registry's filters as a query string (the list page, its exports and the API share them).

use serde::Deserialize;

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
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl GiftQuery {
    /// The filter, or a validation error naming each bad parameter.
    pub fn filter(&self, paging: Paging) -> Result<GiftFilter, Error> {
        let mut bad = Vec::new();
        let pick = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
        let direction = match pick(&self.direction) {
            Some(v) => GiftDirection::parse(&v).or_else(|| {
                bad.push(FieldError::new("direction", "invalid_choice"));
                None
            }),
            None => None,
        };
        let disclosure = match pick(&self.disclosure) {
            Some(v) => DisclosureStatus::parse(&v).or_else(|| {
                bad.push(FieldError::new("disclosure", "invalid_choice"));
                None
            }),
            None => None,
        };
        let year = match pick(&self.year) {
            Some(v) => v.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y)).or_else(|| {
                bad.push(FieldError::new("year", "invalid_year"));
                None
            }),
            None => None,
        };
        let partnership = match pick(&self.partnership) {
            Some(v) => v.parse::<i64>().ok().or_else(|| {
                bad.push(FieldError::new("partnership", "invalid_number"));
                None
            }),
            None => None,
        };
        if !bad.is_empty() {
            return Err(Error::Validation(bad));
        }
        Ok(GiftFilter { direction, year, partnership, disclosure, paging })
    }

    /// This query's own paging.
    pub fn paging(&self) -> Paging {
        Paging::new(self.page, self.per_page)
    }
}
