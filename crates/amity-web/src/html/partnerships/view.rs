//! Display strings of a partnership in the reader's language, shared by the list and the record page.

use crate::i18n::{Locale, partial_date};
use crate::view::country_name;
use amity_core::Partnership;
use amity_core::unit::Unit;

/// One partnership, ready to print.
pub struct PartnershipRow {
    pub id: i64,
    /// The name in the reader's language.
    pub name: String,
    /// The name in the other language (shown smaller), if different.
    pub other_name: String,
    pub native: String,
    pub country: String,
    pub country_code: String,
    pub kind: String,
    pub status: String,
    pub status_code: &'static str,
    pub established: String,
    pub basis: String,
    pub unit: String,
}

impl PartnershipRow {
    /// Builds the row; `units` names the home unit.
    pub fn new(l: Locale, p: &Partnership, units: &[Unit]) -> Self {
        let zh = l.is_zh();
        let name = p.city.name(zh).to_string();
        let other = p.city.name(!zh).to_string();
        Self {
            id: p.id,
            other_name: if other == name { String::new() } else { other },
            name,
            native: p.city.name_native.clone().filter(|n| n != p.city.name(zh) && n != p.city.name(!zh)).unwrap_or_default(),
            country: country_name(l, &p.city.country),
            country_code: p.city.country.clone(),
            kind: l.t(&format!("kind.{}", p.kind.as_str())),
            status: l.t(&format!("status.{}", p.status.as_str())),
            status_code: p.status.as_str(),
            established: p.established.as_ref().map(|d| partial_date(l, d)).unwrap_or_else(|| l.t("partnerships.date_unknown")),
            basis: p.established_basis.clone().unwrap_or_default(),
            unit: units.iter().find(|u| u.id == p.home_unit_id).map(|u| u.name(zh).to_string()).unwrap_or_default(),
        }
    }
}
