//! `GET /partnerships`: the list, with filters kept in the query string, sortable columns and paging.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};

use super::view::PartnershipRow;
use crate::html::chrome::encode;
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::i18n::{Locale, number};
use crate::query::partnership::PartnershipQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::{Opt, country_options};
use amity_core::partnership::{PartnershipKind, PartnershipStatus};
use amity_core::{group, partnership, programme, unit};

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/list.html")]
pub struct ListPage {
    c: Chrome,
    q: PartnershipQuery,
    rows: Vec<PartnershipRow>,
    count: String,
    declared: Option<String>,
    errors: FormErrors,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    countries: Vec<Opt>,
    units: Vec<Opt>,
    groups: Vec<Opt>,
    sort_links: Vec<(String, String, String)>,
    prev: Option<String>,
    next: Option<String>,
    page_of: String,
}

/// The list page. Bad filters are shown as errors above an empty list, never as a crash.
pub async fn list(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let q: PartnershipQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let units = unit::list(&s.db, &ctx.actor).await?;
    let groups = group::list(&s.db, &ctx.actor).await?;
    let (page, errors) = match q.validate() {
        Ok(mut f) => {
            // Chinese readers get names in pinyin order, not in the order of the English names.
            if l.is_zh() && matches!(f.sort, None | Some(amity_core::partnership::PartnershipSort::Name)) {
                f.sort = Some(amity_core::partnership::PartnershipSort::NameZh);
            }
            FormErrors::listed(l, partnership::list(&s.db, &ctx.actor, &f).await)?
        }
        Err(e) => (None, FormErrors::from_error(l, &e).unwrap_or_default()),
    };
    let rows: Vec<PartnershipRow> = page.iter().flat_map(|p| p.items.iter()).map(|p| PartnershipRow::new(l, p, &units)).collect();
    let total = page.as_ref().map_or(0, |p| p.total);
    let declared = match programme::declared(&s.db, &ctx.actor).await? {
        Some(d) => {
            let all = partnership::stats(&s.db, &ctx.actor).await?.partnerships;
            Some(l.t_with("partnerships.declared", &[("loaded", number(all)), ("declared", number(d.partners))]))
        }
        None => None,
    };
    let (prev, next, page_of) = match &page {
        Some(p) => {
            let link = |n: u32| Some(with_param(&q, "page", &n.to_string()));
            let prev = if p.page > 1 { link(p.page - 1) } else { None };
            let next = if p.page < p.pages() { link(p.page + 1) } else { None };
            (prev, next, l.t_with("list.page_of", &[("page", p.page.to_string()), ("pages", p.pages().to_string())]))
        }
        None => (None, None, String::new()),
    };
    Ok(ListPage {
        c: Chrome::new(&ctx, "partners", l.t("partnerships.title")),
        count: l.t_with("partnerships.count", &[("count", number(total))]),
        kinds: options(PartnershipKind::ALL.iter().map(|k| (k.as_str(), l.t(&format!("kind.{k}")))), &q.kind),
        statuses: options(PartnershipStatus::ALL.iter().map(|k| (k.as_str(), l.t(&format!("status.{k}")))), &q.status),
        countries: country_options(l, &q.country),
        units: options(units.iter().filter(|u| u.offered(&[&q.unit])).map(|u| (u.id.to_string(), u.name(l.is_zh()).to_string())), &q.unit),
        groups: options(groups.iter().map(|g| (g.id.to_string(), g.name(l.is_zh()).to_string())), &q.group),
        sort_links: sort_links(l, &q),
        rows,
        declared,
        errors,
        prev,
        next,
        page_of,
        q,
    })
}

fn options<V: ToString>(items: impl Iterator<Item = (V, String)>, current: &str) -> Vec<Opt> {
    items
        .map(|(v, label)| {
            let value = v.to_string();
            Opt { selected: value == current.trim(), value, label }
        })
        .collect()
}

/// The list's query string with one parameter replaced (and paging reset when sorting).
fn with_param(q: &PartnershipQuery, key: &str, value: &str) -> String {
    let pairs = [
        ("q", q.q.as_str()),
        ("country", q.country.as_str()),
        ("kind", q.kind.as_str()),
        ("status", q.status.as_str()),
        ("unit", q.unit.as_str()),
        ("group", q.group.as_str()),
        ("sort", q.sort.as_str()),
        ("per_page", q.per_page.as_str()),
        ("page", q.page.as_str()),
    ];
    let parts: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            if *k == key {
                (*k, value)
            } else if key == "sort" && *k == "page" {
                (*k, "")
            } else {
                (*k, *v)
            }
        })
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    format!("/partnerships?{}", parts.join("&"))
}

/// Column headers that sort: (label, href, aria-sort).
fn sort_links(l: Locale, q: &PartnershipQuery) -> Vec<(String, String, String)> {
    let cur = q.sort.trim();
    [("name", "partnerships.col_city"), ("country", "partnerships.col_country"), ("established", "partnerships.col_established")]
        .iter()
        .map(|(key, label)| {
            let (target, aria) = match (*key, cur) {
                ("established", "established") => ("-established", "ascending"),
                ("established", "-established") => ("established", "descending"),
                (k, c) if k == c || (k == "name" && c.is_empty()) => (*key, "ascending"),
                _ => (*key, "none"),
            };
            (l.t(label), with_param(q, "sort", target), aria.to_string())
        })
        .collect()
}
