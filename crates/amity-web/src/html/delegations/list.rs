//! `GET /delegations`: inbound and outbound visits, filtered in the URL, latest first; admins set
//! the travel-document retention here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};

use crate::html::{Chrome, FormErrors, HtmlError};
use crate::i18n::{number, span};
use crate::query::delegation::DelegationQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::names_of;
use crate::view::{Opt, country_names};
use amity_core::delegation::{self, DelegationStatus, Direction, documents};
use amity_core::unit;

/// One delegation, ready to print.
pub struct Row {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub direction: String,
    pub status: String,
    pub status_code: &'static str,
    pub partners: String,
    pub unit: String,
    pub members: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "delegations/list.html")]
pub struct ListPage {
    c: Chrome,
    q: DelegationQuery,
    rows: Vec<Row>,
    count: String,
    errors: FormErrors,
    directions: Vec<Opt>,
    statuses: Vec<Opt>,
    units: Vec<Opt>,
    groups: Vec<Opt>,
    prev: Option<String>,
    next: Option<String>,
    retention_days: i64,
    retention_note: String,
    /// The filters as a query string, for the CSV and XLSX links.
    export: String,
}

fn opts(items: impl Iterator<Item = (String, String)>, cur: &str) -> Vec<Opt> {
    items.map(|(value, label)| Opt { selected: value == cur.trim(), value, label }).collect()
}

/// The list page.
pub async fn list(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let q: DelegationQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let (page, errors) = match q.filter() {
        Ok(f) => FormErrors::listed(l, delegation::list(&s.db, &ctx.actor, &f).await)?,
        Err(e) => (None, FormErrors::from_error(l, &e).unwrap_or_default()),
    };
    let units = unit::list(&s.db, &ctx.actor).await?;
    let names = names_of(&s, &ctx, page.iter().flat_map(|p| p.items.iter()).flat_map(|d| d.partnership_ids.iter().copied())).await?;
    let rows = page
        .iter()
        .flat_map(|p| p.items.iter())
        .map(|d| {
            let mut partners: Vec<String> = d.partnership_ids.iter().filter_map(|id| names.get(id).cloned()).collect();
            partners.extend(country_names(l, &d.countries));
            Row {
                id: d.id,
                title: d.title_in(zh).to_string(),
                when: span(l, d.starts_on, d.ends_on),
                direction: l.t(&format!("delegation_direction.{}", d.direction)),
                status: l.t(&format!("delegation_status.{}", d.status)),
                status_code: d.status.as_str(),
                partners: partners.join(&l.t("list.sep")),
                unit: units.iter().find(|u| u.id == d.owner_unit_id).map(|u| u.name(zh).to_string()).unwrap_or_default(),
                members: d.members,
            }
        })
        .collect();
    let retention_days = documents::retention_days(&s.db, &ctx.actor).await?;
    let qs = q.to_query();
    let link = |n: u32| format!("/delegations?{qs}&page={n}");
    let (prev, next) = match &page {
        Some(p) => (if p.page > 1 { Some(link(p.page - 1)) } else { None }, if p.page < p.pages() { Some(link(p.page + 1)) } else { None }),
        None => (None, None),
    };
    Ok(ListPage {
        c: Chrome::new(&ctx, "delegations", l.t("delegations.title")),
        count: l.t_with("delegations.count", &[("count", number(page.as_ref().map_or(0, |p| p.total)))]),
        directions: opts(Direction::ALL.iter().map(|k| (k.as_str().to_string(), l.t(&format!("delegation_direction.{k}")))), &q.direction),
        statuses: opts(DelegationStatus::ALL.iter().map(|k| (k.as_str().to_string(), l.t(&format!("delegation_status.{k}")))), &q.status),
        units: opts(units.iter().filter(|u| u.offered(&[&q.unit])).map(|u| (u.id.to_string(), u.name(zh).to_string())), &q.unit),
        groups: crate::view::group_options(&s, &ctx, &q.group).await?,
        retention_note: l.t_with("delegations.retention_now", &[("days", number(retention_days))]),
        retention_days,
        rows,
        errors,
        prev,
        next,
        export: qs,
        q,
    })
}
