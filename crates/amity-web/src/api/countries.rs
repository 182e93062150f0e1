//! `/api/v1/countries`: the ISO 3166-1 countries with their names and national days.

use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use serde::Serialize;

use crate::error::ApiError;

/// A country as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CountryView {
    pub iso2: String,
    pub iso3: String,
    pub numeric: String,
    pub name_en: String,
    pub name_zh: String,
    pub official_en: String,
    pub capital: String,
    pub continent: String,
    pub region: String,
    pub subregion: String,
    pub calling_codes: Vec<String>,
    pub currencies: Vec<String>,
    pub lat: f64,
    pub lng: f64,
    pub national_day: Option<NationalDayView>,
}

/// A country's national day.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NationalDayView {
    /// `MM-DD`, or null when the date changes every year.
    pub month_day: Option<String>,
    pub name_en: String,
    pub name_zh: String,
    pub basis: String,
    pub source_url: String,
    /// `high`, `medium` or `low`.
    pub confidence: String,
}

impl From<&amity_refdata::Country> for CountryView {
    fn from(c: &amity_refdata::Country) -> Self {
        Self {
            iso2: c.iso2.clone(),
            iso3: c.iso3.clone(),
            numeric: c.numeric.clone(),
            name_en: c.name_en.clone(),
            name_zh: c.name_zh.clone(),
            official_en: c.official_en.clone(),
            capital: c.capital.clone(),
            continent: c.continent.clone(),
            region: c.region.clone(),
            subregion: c.subregion.clone(),
            calling_codes: c.calling_codes.clone(),
            currencies: c.currencies.clone(),
            lat: c.lat,
            lng: c.lng,
            national_day: c.national_day.as_ref().map(|d| NationalDayView {
                month_day: d.month_day.map(|(m, day)| format!("{m:02}-{day:02}")),
                name_en: d.name_en.clone(),
                name_zh: d.name_zh(c),
                basis: d.basis.clone(),
                source_url: d.source_url.clone(),
                confidence: format!("{:?}", d.confidence).to_ascii_lowercase(),
            }),
        }
    }
}

/// Every country, by ISO code.
#[utoipa::path(get, operation_id = "countries_list", path = "/api/v1/countries", tag = "reference",
    responses((status = 200, description = "All countries", body = Vec<CountryView>)))]
pub async fn list() -> Json<Vec<CountryView>> {
    Json(amity_refdata::countries().iter().map(CountryView::from).collect())
}

/// One country by its ISO 3166-1 alpha-2 code (any case).
#[utoipa::path(get, operation_id = "countries_show", path = "/api/v1/countries/{iso2}", tag = "reference",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2 code")),
    responses((status = 200, body = CountryView), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(Path(iso2): Path<String>) -> Result<Json<CountryView>, ApiError> {
    amity_refdata::country(&iso2).map(|c| Json(c.into())).ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found"))
}
