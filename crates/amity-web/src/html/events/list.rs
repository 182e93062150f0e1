//! `GET /events`: events filtered by kind, status, year, organiser unit and series (kept in the URL).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};

use super::{both_titles, kind_opts, status_opts};
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::i18n::{Locale, event_when, number};
use crate::query::event::EventQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::event::{Event, EventSeries};
use amity_core::{event, unit};

/// One event, ready to print.
pub struct Row {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub kind: String,
    pub status: String,
    pub status_code: &'static str,
    pub unit: String,
    pub series: String,
    pub public: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/list.html")]
pub struct ListPage {
    c: Chrome,
    q: EventQuery,
    rows: Vec<Row>,
    count: String,
    errors: FormErrors,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    units: Vec<Opt>,
    series: Vec<Opt>,
    groups: Vec<Opt>,
    prev: Option<String>,
    next: Option<String>,
    /// The filters as a query string, for the CSV and XLSX links.
    export: String,
}

/// The event's series with its edition (`World Sister City Forum, edition 11`), or empty.
pub fn series_label(l: Locale, e: &Event, all_series: &[EventSeries]) -> String {
    let zh = l.is_zh();
    match (e.series_id.and_then(|id| all_series.iter().find(|x| x.id == id)), e.edition) {
        (Some(x), Some(n)) => l.t_with("events.edition_of", &[("n", n.to_string()), ("series", x.name(zh).to_string())]),
        (Some(x), None) => x.name(zh).to_string(),
        _ => String::new(),
    }
}

/// The list page.
pub async fn list(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let q: EventQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let (page, errors) = match q.filter() {
        Ok(f) => FormErrors::listed(l, event::list(&s.db, &ctx.actor, &f).await)?,
        Err(e) => (None, FormErrors::from_error(l, &e).unwrap_or_default()),
    };
    let units = unit::list(&s.db, &ctx.actor).await?;
    let all_series = event::list_series(&s.db, &ctx.actor).await?;
    let rows = page
        .iter()
        .flat_map(|p| p.items.iter())
        .map(|e| Row {
            id: e.id,
            title: both_titles(l, e),
            when: event_when(l, e),
            kind: l.t(&format!("event_kind.{}", e.kind)),
            status: l.t(&format!("event_status.{}", e.status)),
            status_code: e.status.as_str(),
            unit: units.iter().find(|u| u.id == e.organiser_unit_id).map(|u| u.name(zh).to_string()).unwrap_or_default(),
            series: series_label(l, e, &all_series),
            public: e.public,
        })
        .collect();
    let qs = serde_html_form::to_string(q.pairs()).unwrap_or_default();
    let link = |n: u32| format!("/events?{qs}&page={n}");
    let (prev, next) = match &page {
        Some(p) => (if p.page > 1 { Some(link(p.page - 1)) } else { None }, if p.page < p.pages() { Some(link(p.page + 1)) } else { None }),
        None => (None, None),
    };
    let opts = |items: Vec<(String, String)>, cur: &str| -> Vec<Opt> {
        items.into_iter().map(|(value, label)| Opt { selected: value == cur.trim(), value, label }).collect()
    };
    Ok(ListPage {
        c: Chrome::new(&ctx, "events", l.t("events.title")),
        count: l.t_with("events.count", &[("count", number(page.as_ref().map_or(0, |p| p.total)))]),
        kinds: kind_opts(l, &q.kind),
        statuses: status_opts(l, &q.status),
        units: opts(units.iter().filter(|u| u.offered(&[&q.unit])).map(|u| (u.id.to_string(), u.name(zh).to_string())).collect(), &q.unit),
        series: opts(all_series.iter().map(|x| (x.id.to_string(), x.name(zh).to_string())).collect(), &q.series),
        groups: crate::view::group_options(&s, &ctx, &q.group).await?,
        rows,
        errors,
        prev,
        next,
        export: qs,
        q,
    })
}
