//! `/api/v1/cities`: search the reference cities (GeoNames, 15,000 inhabitants or more) by any name.

use crate::extract::Query;
use axum::Json;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::path_id::Id;
use amity_core::FieldError;

/// A reference city as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CityView {
    /// GeoNames id.
    pub id: i64,
    pub name: String,
    pub ascii_name: String,
    pub name_zh: Option<String>,
    /// False when the Chinese name is an untagged alternate name that may be Japanese or dated usage.
    pub name_zh_verified: bool,
    pub country: String,
    pub country_name_en: String,
    pub country_name_zh: String,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub timezone: String,
}

impl From<&amity_refdata::City> for CityView {
    fn from(c: &amity_refdata::City) -> Self {
        let country = amity_refdata::country(&c.country);
        Self {
            id: c.id,
            name: c.name.clone(),
            ascii_name: c.ascii_name.clone(),
            name_zh: c.name_zh.clone(),
            name_zh_verified: c.name_zh_verified,
            country: c.country.clone(),
            country_name_en: country.map(|k| k.name_en.clone()).unwrap_or_default(),
            country_name_zh: country.map(|k| k.name_zh.clone()).unwrap_or_default(),
            admin1: c.admin1.clone(),
            lat: c.lat,
            lon: c.lon,
            population: c.population,
            timezone: c.timezone.clone(),
        }
    }
}

/// Query of a city search.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct CityQuery {
    /// Any part of a name: English, ASCII, native or Chinese.
    pub q: String,
    /// ISO 3166-1 alpha-2 code to restrict the search to.
    pub country: Option<String>,
    /// At most this many results (default 20, at most 100).
    pub limit: Option<String>,
}

/// Cities whose names start with or contain `q`: prefix matches first, then by population.
#[utoipa::path(get, operation_id = "cities_search", path = "/api/v1/cities", tag = "reference", params(CityQuery),
    responses((status = 200, body = Vec<CityView>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn search(Query(q): Query<CityQuery>) -> Result<Json<Vec<CityView>>, ApiError> {
    let country = match q.country.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Some(amity_core::validate::country_code("country", c).map_err(ApiError::field)?),
        None => None,
    };
    let limit = match q.limit.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| ApiError::field(FieldError::new("limit", "out_of_range").with("min", 1).with("max", 100)))?,
        None => 20,
    };
    let found = amity_refdata::search_cities(&q.q, country.as_deref(), limit);
    Ok(Json(found.into_iter().map(CityView::from).collect()))
}

/// One reference city by GeoNames id.
#[utoipa::path(get, operation_id = "cities_show", path = "/api/v1/cities/{id}", tag = "reference",
    params(("id" = i64, Path, description = "GeoNames id")),
    responses((status = 200, body = CityView), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(Id(id): Id) -> Result<Json<CityView>, ApiError> {
    amity_refdata::city(id).map(|c| Json(c.into())).ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found"))
}
