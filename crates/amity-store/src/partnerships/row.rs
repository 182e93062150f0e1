//! The row a partnership query returns (partnership joined with its city) and its conversion.

use amity_core::partnership::{ForeignCity, Partnership, PartnershipKind, PartnershipStatus};
use amity_core::{PartialDate, Result};
use chrono::{DateTime, Utc};

use crate::error::corrupt;

/// The `SELECT … FROM` every partnership query starts with; `p` is the partnership, `c` its city.
pub(crate) const SELECT: &str = "SELECT p.id, p.home_unit_id, p.kind, p.status, p.established, p.established_basis, \
     p.source_url, p.notes, p.version, p.created_at, p.updated_at, \
     c.id AS city_id, c.geonameid, c.name_en, c.name_zh, c.name_zh_verified, c.name_native, c.country, \
     c.admin1, c.lat, c.lon, c.population, c.timezone \
     FROM partnerships p JOIN foreign_cities c ON c.id = p.city_id";

/// One partnership with its city, as both databases return it.
#[derive(sqlx::FromRow)]
pub(crate) struct PartnershipRow {
    id: i64,
    home_unit_id: i64,
    kind: String,
    status: String,
    established: Option<String>,
    established_basis: Option<String>,
    source_url: Option<String>,
    notes: Option<String>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    city_id: i64,
    geonameid: Option<i64>,
    name_en: String,
    name_zh: Option<String>,
    name_zh_verified: bool,
    name_native: Option<String>,
    country: String,
    admin1: Option<String>,
    lat: f64,
    lon: f64,
    population: Option<i64>,
    timezone: Option<String>,
}

impl PartnershipRow {
    /// The domain value, with the focus field codes loaded separately.
    pub(crate) fn into_partnership(self, fields: Vec<String>) -> Result<Partnership> {
        let kind = PartnershipKind::parse(&self.kind).ok_or_else(|| corrupt("partnership kind", &self.kind))?;
        let status = PartnershipStatus::parse(&self.status).ok_or_else(|| corrupt("partnership status", &self.status))?;
        let established = match self.established.as_deref() {
            Some(s) => Some(PartialDate::parse(s).map_err(|_| corrupt("established date", s))?),
            None => None,
        };
        let city = ForeignCity {
            id: self.city_id,
            geonameid: self.geonameid,
            name_en: self.name_en,
            name_zh: self.name_zh,
            name_zh_verified: self.name_zh_verified,
            name_native: self.name_native,
            country: self.country,
            admin1: self.admin1,
            lat: self.lat,
            lon: self.lon,
            population: self.population,
            timezone: self.timezone,
        };
        Ok(Partnership {
            id: self.id,
            home_unit_id: self.home_unit_id,
            city,
            kind,
            status,
            established,
            established_basis: self.established_basis,
            fields,
            source_url: self.source_url,
            notes: self.notes,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }

    /// The partnership's id.
    pub(crate) fn id(&self) -> i64 {
        self.id
    }
}

/// A focus field of a partnership (one row per link).
#[derive(sqlx::FromRow)]
pub(crate) struct FieldLink {
    pub(crate) partnership_id: i64,
    pub(crate) code: String,
}

/// The home page figures in one row.
#[derive(sqlx::FromRow)]
pub(crate) struct StatsRow {
    pub(crate) partnerships: i64,
    pub(crate) sister_cities: i64,
    pub(crate) friendly_cooperation: i64,
    pub(crate) countries: i64,
}
