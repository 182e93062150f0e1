//! The partnership form as the browser posts it, and its conversion into the service's input.

use serde::Deserialize;

use crate::form_fields::number;
use amity_core::error::Problems;
use amity_core::{Error, Partnership, PartnershipInput};

/// The form's fields, all as text (numbers are checked here so the error names the field).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PartnershipForm {
    pub home_unit_id: String,
    pub city_id: String,
    pub city_q: String,
    pub city_name_en: String,
    pub city_name_zh: String,
    pub city_name_native: String,
    pub country: String,
    pub lat: String,
    pub lon: String,
    pub kind: String,
    pub status: String,
    pub established: String,
    pub established_basis: String,
    pub fields: Vec<String>,
    pub source_url: String,
    pub notes: String,
    pub version: String,
    /// `find_city` when the user asked to search cities instead of saving.
    pub action: String,
}

impl PartnershipForm {
    /// The service input, or the fields whose numbers do not parse.
    pub fn to_input(&self) -> Result<PartnershipInput, Error> {
        let mut p = Problems::default();
        let input = PartnershipInput {
            home_unit_id: p.take(number("home_unit_id", &self.home_unit_id)).flatten(),
            city_id: p.take(number("city_id", &self.city_id)).flatten(),
            city_name_en: self.city_name_en.clone(),
            city_name_zh: self.city_name_zh.clone(),
            city_name_native: self.city_name_native.clone(),
            country: self.country.clone(),
            lat: p.take(number("lat", &self.lat)).flatten(),
            lon: p.take(number("lon", &self.lon)).flatten(),
            kind: self.kind.clone(),
            status: self.status.clone(),
            established: self.established.clone(),
            established_basis: self.established_basis.clone(),
            fields: self.fields.clone(),
            source_url: self.source_url.clone(),
            notes: self.notes.clone(),
            version: p.take(number("version", &self.version)).flatten(),
            city: None,
        };
        p.finish()?;
        Ok(input)
    }

    /// The form filled from a stored partnership, for editing.
    pub fn from_partnership(p: &Partnership) -> Self {
        let linked = p.city.geonameid.is_some();
        Self {
            home_unit_id: p.home_unit_id.to_string(),
            city_id: p.city.geonameid.map(|g| g.to_string()).unwrap_or_default(),
            city_q: String::new(),
            city_name_en: p.city.name_en.clone(),
            city_name_zh: p.city.name_zh.clone().unwrap_or_default(),
            city_name_native: p.city.name_native.clone().unwrap_or_default(),
            country: if linked { String::new() } else { p.city.country.clone() },
            lat: if linked { String::new() } else { p.city.lat.to_string() },
            lon: if linked { String::new() } else { p.city.lon.to_string() },
            kind: p.kind.as_str().into(),
            status: p.status.as_str().into(),
            established: p.established.map(|d| d.to_string()).unwrap_or_default(),
            established_basis: p.established_basis.clone().unwrap_or_default(),
            fields: p.fields.clone(),
            source_url: p.source_url.clone().unwrap_or_default(),
            notes: p.notes.clone().unwrap_or_default(),
            version: p.version.to_string(),
            action: String::new(),
        }
    }
}
