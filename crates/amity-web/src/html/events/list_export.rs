//! `GET /events.csv` and `GET /events.xlsx`: every event the list's filters match (all pages), with
//! headers and labels in the reader's language. Figures only: no registrant appears.

use axum::extract::{RawQuery, State};
use axum::response::Response;

use super::list::series_label;
use crate::html::HtmlError;
use crate::query::event::EventQuery;
use crate::view::{country_name, names_of};

use crate::i18n::{Locale, event_when};
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Paging;
use amity_core::event::{self, Event};
use amity_core::unit;

/// Header keys, in column order.
const HEAD: [&str; 16] = [
    "export.id",
    "events.kind",
    "events.series",
    "events.title_en",
    "events.title_zh",
    "events.when",
    "events.time_zone",
    "events.venue",
    "events.organiser",
    "events.country",
    "events.invited",
    "events.capacity",
    "events.seats_taken",
    "events.public",
    "filter.status",
    "events.cancel_reason_col",
];

/// The header row and one row per matching event.
async fn table(s: &AppState, ctx: &Ctx, raw: Option<&str>) -> Result<(Vec<String>, Vec<Vec<String>>), HtmlError> {
    let l = ctx.locale;
    let q: EventQuery = serde_html_form::from_str(raw.unwrap_or("")).unwrap_or_default();
    let mut filter = q.filter()?;
    filter.paging = Paging::everything();
    let events = event::list(&s.db, &ctx.actor, &filter).await?.items;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let all_series = event::list_series(&s.db, &ctx.actor).await?;
    let names = names_of(s, ctx, events.iter().flat_map(|e| e.invited_partnership_ids.iter().copied())).await?;
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let taken = event::seats_taken(&s.db, &ctx.actor, &ids).await?;
    let rows = events
        .iter()
        .map(|e| {
            let unit = units.iter().find(|u| u.id == e.organiser_unit_id).map(|u| u.name(l.is_zh()).to_string()).unwrap_or_default();
            let invited: Vec<String> = e.invited_partnership_ids.iter().filter_map(|id| names.get(id).cloned()).collect();
            row(l, e, series_label(l, e, &all_series), unit, invited.join("; "), taken.get(&e.id).copied().unwrap_or(0))
        })
        .collect();
    Ok((HEAD.iter().map(|k| l.t(k)).collect(), rows))
}

/// One event as export cells; the date as the list shows it ("2023, date to be set" stays so).
fn row(l: Locale, e: &Event, series: String, unit: String, invited: String, taken: i64) -> Vec<String> {
    vec![
        e.id.to_string(),
        l.t(&format!("event_kind.{}", e.kind)),
        series,
        e.title_en.clone(),
        e.title_zh.clone(),
        event_when(l, e),
        e.time_zone.clone(),
        e.venue.clone().unwrap_or_default(),
        unit,
        e.country_code.as_deref().map(|c| country_name(l, c)).unwrap_or_default(),
        invited,
        e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        taken.to_string(),
        l.t(if e.public { "export.yes" } else { "export.no" }),
        l.t(&format!("event_status.{}", e.status)),
        e.cancel_reason.clone().unwrap_or_default(),
    ]
}

/// `GET /events.csv`: the filtered event list as CSV.
pub async fn list_csv(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (head, rows) = table(&s, &ctx, raw.as_deref()).await?;
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    Ok(crate::export::csv_response("amity-events.csv", &head, rows))
}

/// `GET /events.xlsx`: the same as a workbook.
pub async fn list_xlsx(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (head, rows) = table(&s, &ctx, raw.as_deref()).await?;
    Ok(crate::export::xlsx_response("amity-events.xlsx", &ctx.locale.t("events.title"), &head, &rows))
}
