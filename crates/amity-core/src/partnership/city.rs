//! Foreign cities: linked to a reference city (GeoNames) or entered by hand with coordinates.

use serde::Serialize;

/// A partner city as the office knows it. Names corrected by the office live here and
/// survive a regeneration of the reference data.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForeignCity {
    pub id: i64,
    /// GeoNames id of the reference city, when linked.
    pub geonameid: Option<i64>,
    pub name_en: String,
    pub name_zh: Option<String>,
    /// Whether the Chinese name is confirmed (tagged in GeoNames or entered by the office).
    pub name_zh_verified: bool,
    /// The name in the city's own script, e.g. 和歌山市 or Нижний Новгород.
    pub name_native: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Province or state.
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub population: Option<i64>,
    /// IANA time zone.
    pub timezone: Option<String>,
}

impl ForeignCity {
    /// The name in the reader's language: Chinese when asked and known, else English.
    pub fn name(&self, zh: bool) -> &str {
        match (&self.name_zh, zh) {
            (Some(n), true) => n,
            _ => &self.name_en,
        }
    }
}

/// A foreign city to create (from reference data or by hand).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewForeignCity {
    pub geonameid: Option<i64>,
    pub name_en: String,
    pub name_zh: Option<String>,
    pub name_zh_verified: bool,
    pub name_native: Option<String>,
    pub country: String,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub population: Option<i64>,
    pub timezone: Option<String>,
    pub search_key: String,
    pub sort_key: String,
}
