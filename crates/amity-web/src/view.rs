//! View helpers every area shares: the option of a select, country names in the reader's
//! language, and the names of partnerships by id. Areas import these from here, never from
//! another area's module.

use crate::i18n::{Locale, number};

/// An option of a select (a filter or a form field).
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
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

/// Country names in the reader's language.
pub fn country_names(l: Locale, codes: &[String]) -> Vec<String> {
    codes.iter().map(|c| country_name(l, c)).collect()
}

/// The key a name sorts by for this reader: pinyin for Chinese, folded letters otherwise.
pub fn name_key(l: Locale, name: &str) -> String {
    if l.is_zh() { amity_core::validate::sort_key_zh(name) } else { amity_core::validate::sort_key(name) }
}

/// Every country, sorted by its name in the reader's language.
pub fn country_options(l: Locale, current: &str) -> Vec<Opt> {
    let mut v: Vec<Opt> = amity_refdata::countries()
        .iter()
        .map(|c| Opt {
            selected: c.iso2.eq_ignore_ascii_case(current.trim()),
            value: c.iso2.clone(),
            label: if l.is_zh() { c.name_zh.clone() } else { c.name_en.clone() },
        })
        .collect();
    v.sort_by_key(|o| name_key(l, &o.label));
    v
}

/// The office's country groups as a filter's options (every list filters by group), the current one selected.
pub async fn group_options(s: &crate::state::AppState, ctx: &crate::request::Ctx, current: &str) -> Result<Vec<Opt>, amity_core::Error> {
    let groups = amity_core::group::list(&s.db, &ctx.actor).await?;
    Ok(groups
        .iter()
        .map(|g| Opt {
            selected: g.id.to_string() == current.trim(),
            value: g.id.to_string(),
            label: g.name(ctx.locale.is_zh()).to_string(),
        })
        .collect())
}

/// A list page's query without its language and page number: what its export links and page
/// links carry forward (`country=JP&group=3`).
pub fn kept_filters(raw: &str) -> String {
    raw.split('&').filter(|kv| !kv.is_empty() && !kv.starts_with("lang=") && !kv.starts_with("page=")).collect::<Vec<_>>().join("&")
}
