//! The units list's and an event's registration list's query strings (the pages and the API
//! share them): which units, and the page. A bad parameter is a 422 naming it.

use serde::Deserialize;

use crate::form_fields::number;
use amity_core::error::Problems;
use amity_core::unit::UnitFilter;
use amity_core::{Error, FieldError, Paging};

/// `?archived=&page=&per_page=`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// `true`: archived units only; `false`: active ones only; empty: all.
    pub archived: String,
    pub page: String,
    pub per_page: String,
}

impl UnitQuery {
    /// The validated filter.
    pub fn filter(&self) -> Result<UnitFilter, Error> {
        let mut p = Problems::default();
        let archived = match self.archived.trim() {
            "" => None,
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => {
                p.push(FieldError::new("archived", "invalid_choice").with("allowed", "true, false"));
                None
            }
        };
        let paging = paging(&mut p, &self.page, &self.per_page);
        p.finish()?;
        Ok(UnitFilter { archived, paging })
    }
}

/// `?page=&per_page=` of a list that has no other filter (an event's registrations).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    pub page: String,
    pub per_page: String,
}

impl PageQuery {
    /// The validated page.
    pub fn paging(&self) -> Result<Paging, Error> {
        let mut p = Problems::default();
        let paging = paging(&mut p, &self.page, &self.per_page);
        p.finish()?;
        Ok(paging)
    }
}

fn paging(p: &mut Problems, page: &str, per_page: &str) -> Paging {
    Paging::new(p.take(number("page", page)).flatten(), p.take(number("per_page", per_page)).flatten())
}
