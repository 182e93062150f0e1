//! The search's query string, shared by the page and the API.

use serde::Deserialize;

/// The query.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct SearchQuery {
    /// Any part of a name: a city, country, activity or person, in any script.
    pub q: String,
}
