//! A partnership as a form, the API or an import gives it, and its validation into `NewPartnership`.

use serde::Deserialize;

use super::{NewForeignCity, PartnershipKind, PartnershipStatus};
use crate::PartialDate;
use crate::error::{FieldError, Problems, Result};
use crate::validate::{
    NAME_MAX, NOTE_MAX, country_code, latitude, longitude, optional_text, optional_url, required_text, search_key, sort_key,
};

/// Unvalidated partnership fields. Either `city_id` names a reference city (GeoNames id), whose names
/// and coordinates are copied, or the city is entered by hand with `city_name_en`, `country`, `lat`, `lon`.
/// A `city_name_zh` given with a reference city corrects its Chinese name.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PartnershipInput {
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub home_unit_id: Option<i64>,
    pub city_id: Option<i64>,
    pub city_name_en: String,
    pub city_name_zh: String,
    pub city_name_native: String,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub kind: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub status: String,
    pub established: String,
    pub established_basis: String,
    pub fields: Vec<String>,
    pub source_url: String,
    pub notes: String,
    /// Required on update: the version the editor saw.
    pub version: Option<i64>,
    /// The city as a read answers it (`city`), so that a record read can be sent back as it is:
    /// used only when `city_id`, `city_name_en`, `country`, `lat` and `lon` are all empty.
    pub city: Option<CityAsRead>,
}

/// The partner city as [`super::Partnership`] shows it; its `id` and other read-only parts are
/// ignored.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CityAsRead {
    pub geonameid: Option<i64>,
    pub name_en: String,
    pub name_zh: Option<String>,
    pub name_zh_verified: bool,
    pub name_native: Option<String>,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl PartnershipInput {
    /// The input with its flat city fields taken from `city` when they are all empty.
    fn with_city_as_read(&self) -> std::borrow::Cow<'_, Self> {
        let flat_empty = self.city_id.is_none()
            && self.city_name_en.trim().is_empty()
            && self.country.trim().is_empty()
            && self.lat.is_none()
            && self.lon.is_none();
        let Some(c) = self.city.as_ref().filter(|_| flat_empty) else { return std::borrow::Cow::Borrowed(self) };
        let mut i = self.clone();
        i.city_id = c.geonameid;
        i.city_name_en = c.name_en.clone();
        if self.city_name_zh.trim().is_empty() && (c.geonameid.is_none() || c.name_zh_verified) {
            i.city_name_zh = c.name_zh.clone().unwrap_or_default();
        }
        if self.city_name_native.trim().is_empty() {
            i.city_name_native = c.name_native.clone().unwrap_or_default();
        }
        if c.geonameid.is_none() {
            i.country = c.country.clone();
            i.lat = c.lat;
            i.lon = c.lon;
        }
        std::borrow::Cow::Owned(i)
    }
}

/// The validated foreign city of a partnership.
pub type CityChoice = NewForeignCity;

/// A validated partnership, ready to store (home unit and field codes are checked against the store).
#[derive(Debug, Clone)]
pub struct NewPartnership {
    pub home_unit_id: i64,
    pub city: CityChoice,
    pub kind: PartnershipKind,
    pub status: PartnershipStatus,
    pub established: Option<PartialDate>,
    pub established_basis: Option<String>,
    pub fields: Vec<String>,
    pub source_url: Option<String>,
    pub notes: Option<String>,
}

impl NewPartnership {
    /// Validates every field against the rules and the reference data, reporting all problems at once.
    pub fn validate(input: &PartnershipInput) -> Result<Self> {
        let input = &*input.with_city_as_read();
        let mut p = Problems::default();
        if input.home_unit_id.is_none() {
            p.push(FieldError::new("home_unit_id", "required"));
        }
        let city = p.take_default(city(input));
        let kind = p.take_or(PartnershipKind::parse_field("kind", &input.kind), PartnershipKind::ALL[0]);
        let status = p.take_or(PartnershipStatus::parse_field("status", &input.status), PartnershipStatus::ALL[0]);
        let established = p.take_default(established(&input.established));
        let established_basis = p.take_default(optional_text("established_basis", &input.established_basis, NAME_MAX));
        let source_url = p.take_default(optional_url("source_url", &input.source_url));
        let notes = p.take_default(optional_text("notes", &input.notes, NOTE_MAX));
        let fields = crate::field::codes(&mut p, &input.fields);
        p.finish()?;
        let home_unit_id = input.home_unit_id.unwrap_or_default();
        Ok(Self { home_unit_id, city, kind, status, established, established_basis, fields, source_url, notes })
    }
}

fn established(s: &str) -> Result<Option<PartialDate>, FieldError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    PartialDate::parse(s).map(Some).map_err(|e| match e {
        crate::PartialDateError::Format => FieldError::new("established", "invalid_partial_date"),
        crate::PartialDateError::NoSuchDate => FieldError::new("established", "no_such_date"),
    })
}

fn city(input: &PartnershipInput) -> Result<NewForeignCity, FieldError> {
    let name_zh = optional_text("city_name_zh", &input.city_name_zh, NAME_MAX)?;
    let name_native = optional_text("city_name_native", &input.city_name_native, NAME_MAX)?;
    let mut city = match input.city_id {
        Some(id) => reference_city(id, input)?,
        None => manual_city(input)?,
    };
    if let Some(zh) = name_zh {
        city.name_zh = Some(zh);
        city.name_zh_verified = true;
    }
    city.name_native = name_native.or(city.name_native);
    let country = amity_refdata::country(&city.country);
    let mut names: Vec<&str> = vec![&city.name_en];
    names.extend(city.name_zh.as_deref());
    names.extend(city.name_native.as_deref());
    if let Some(c) = country {
        names.extend([c.name_en.as_str(), c.name_zh.as_str()]);
    }
    city.search_key = search_key(names);
    city.sort_key = sort_key(&city.name_en);
    Ok(city)
}

fn reference_city(id: i64, input: &PartnershipInput) -> Result<NewForeignCity, FieldError> {
    let r = amity_refdata::city(id).ok_or_else(|| FieldError::new("city_id", "unknown_city").with("value", id))?;
    let name_en = match optional_text("city_name_en", &input.city_name_en, NAME_MAX)? {
        Some(n) => n,
        None => r.name.clone(),
    };
    Ok(NewForeignCity {
        geonameid: Some(r.id),
        name_en,
        name_zh: r.name_zh.clone(),
        name_zh_verified: r.name_zh_verified,
        name_native: None,
        country: r.country.clone(),
        admin1: r.admin1.clone(),
        lat: r.lat,
        lon: r.lon,
        population: i64::try_from(r.population).ok(),
        timezone: Some(r.timezone.clone()),
        search_key: String::new(),
        sort_key: String::new(),
    })
}

fn manual_city(input: &PartnershipInput) -> Result<NewForeignCity, FieldError> {
    let name_en = required_text("city_name_en", &input.city_name_en, NAME_MAX)?;
    let country = country_code("country", &input.country)?;
    let lat = latitude("lat", input.lat.ok_or_else(|| FieldError::new("lat", "required"))?)?;
    let lon = longitude("lon", input.lon.ok_or_else(|| FieldError::new("lon", "required"))?)?;
    Ok(NewForeignCity {
        geonameid: None,
        name_en,
        name_zh: None,
        name_zh_verified: false,
        name_native: None,
        country,
        admin1: None,
        lat,
        lon,
        population: None,
        timezone: None,
        search_key: String::new(),
        sort_key: String::new(),
    })
}
