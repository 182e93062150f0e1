//! Display strings of a partnership in the reader's language, shared by the list and the record page.

use crate::i18n::{Locale, number, partial_date};
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

/// A country's name in the reader's language.
pub fn country_name(l: Locale, iso2: &str) -> String {
    amity_refdata::country(iso2).map(|c| if l.is_zh() { c.name_zh.clone() } else { c.name_en.clone() }).unwrap_or_else(|| iso2.to_string())
}

/// A population figure, or empty.
pub fn population(p: Option<i64>) -> String {
    p.map(number).unwrap_or_default()
}

/// Every partnership's city name in the reader's language, by partnership id (for lists that name partners).
pub async fn names_by_id(
    s: &crate::state::AppState,
    ctx: &crate::request::Ctx,
) -> Result<std::collections::HashMap<i64, String>, amity_core::Error> {
    let mut out = std::collections::HashMap::new();
    for page in 1.. {
        let filter =
            amity_core::partnership::PartnershipFilter { paging: amity_core::Paging::new(Some(page), Some(500)), ..Default::default() };
        let p = amity_core::partnership::list(&s.db, &ctx.actor, &filter).await?;
        let n = p.items.len();
        out.extend(p.items.into_iter().map(|p| (p.id, p.city.name(ctx.locale.is_zh()).to_string())));
        if n < 500 {
            break;
        }
    }
    Ok(out)
}

/// The city names (reader's language) of just these partnerships, in one query: what a page
/// naming the partners of a few records needs, instead of reading every partnership.
pub async fn names_of(
    s: &crate::state::AppState,
    ctx: &crate::request::Ctx,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, String>, amity_core::Error> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let found = amity_core::partnership::get_many(&s.db, &ctx.actor, &ids).await?;
    Ok(found.into_iter().map(|p| (p.id, p.city.name(ctx.locale.is_zh()).to_string())).collect())
}
