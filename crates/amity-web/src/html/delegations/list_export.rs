//! `GET /delegations.csv` and `GET /delegations.xlsx`: every delegation the list's filters match (all
//! pages), with headers and labels in the reader's language. The number of members only: no member's
//! name and no travel document (restricted personal data) is exported.

use axum::extract::{RawQuery, State};
use axum::response::Response;

use crate::html::HtmlError;
use crate::i18n::Locale;
use crate::query::delegation::DelegationQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::country_names;
use crate::view::names_of;
use amity_core::Paging;
use amity_core::delegation::{self, DelegationSummary, Direction};
use amity_core::unit;

/// Header keys, in column order.
const HEAD: [&str; 14] = [
    "export.id",
    "delegations.direction",
    "delegations.name_en",
    "delegations.name_zh",
    "delegations.purpose",
    "delegations.purpose_zh",
    "delegations.partners",
    "delegations.countries",
    "delegations.starts_on",
    "delegations.ends_on",
    "activities.unit",
    "filter.status",
    "delegations.member_count",
    "delegations.approval_number",
];

/// The header row and one row per matching delegation.
async fn table(s: &AppState, ctx: &Ctx, raw: Option<&str>) -> Result<(Vec<String>, Vec<Vec<String>>), HtmlError> {
    let l = ctx.locale;
    let q: DelegationQuery = serde_html_form::from_str(raw.unwrap_or("")).unwrap_or_default();
    let mut filter = q.filter()?;
    filter.paging = Paging::everything();
    let items = delegation::list(&s.db, &ctx.actor, &filter).await?.items;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let names = names_of(s, ctx, items.iter().flat_map(|d| d.partnership_ids.iter().copied())).await?;
    // Approval numbers belong to outbound visits only.
    let outbound: Vec<i64> = items.iter().filter(|d| d.direction == Direction::Outbound).map(|d| d.id).collect();
    let approvals = delegation::approval_numbers(&s.db, &ctx.actor, &outbound).await?;
    let rows = items
        .iter()
        .map(|d| {
            let unit = units.iter().find(|u| u.id == d.owner_unit_id).map(|u| u.name(l.is_zh()).to_string()).unwrap_or_default();
            let partners: Vec<String> = d.partnership_ids.iter().filter_map(|id| names.get(id).cloned()).collect();
            row(l, d, partners.join("; "), unit, approvals.get(&d.id).cloned().unwrap_or_default())
        })
        .collect();
    Ok((HEAD.iter().map(|k| l.t(k)).collect(), rows))
}

/// One delegation as export cells; days as `YYYY-MM-DD` so they sort.
fn row(l: Locale, d: &DelegationSummary, partners: String, unit: String, approval: String) -> Vec<String> {
    vec![
        d.id.to_string(),
        l.t(&format!("delegation_direction.{}", d.direction)),
        d.title.clone(),
        d.title_zh.clone(),
        d.purpose.clone().unwrap_or_default(),
        d.purpose_zh.clone().unwrap_or_default(),
        partners,
        country_names(l, &d.countries).join("; "),
        d.starts_on.format("%Y-%m-%d").to_string(),
        d.ends_on.format("%Y-%m-%d").to_string(),
        unit,
        l.t(&format!("delegation_status.{}", d.status)),
        d.members.to_string(),
        approval,
    ]
}

/// `GET /delegations.csv`: the filtered delegation list as CSV.
pub async fn list_csv(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (head, rows) = table(&s, &ctx, raw.as_deref()).await?;
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    Ok(crate::export::csv_response("amity-delegations.csv", &head, rows))
}

/// `GET /delegations.xlsx`: the same as a workbook.
pub async fn list_xlsx(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (head, rows) = table(&s, &ctx, raw.as_deref()).await?;
    Ok(crate::export::xlsx_response("amity-delegations.xlsx", &ctx.locale.t("delegations.title"), &head, &rows))
}
