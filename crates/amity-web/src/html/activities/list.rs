//! `GET /activities`: the cooperation log, filtered in the URL, newest first.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};

use crate::html::{Chrome, FormErrors, HtmlError};
use crate::i18n::{activity_when, number};
use crate::query::activity::ActivityQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use crate::view::names_of;
use amity_core::activity::{self, ActivityKind, ActivityStatus};
use amity_core::{field, unit};

/// One activity, ready to print.
pub struct Row {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub kind: String,
    pub status: String,
    pub status_code: &'static str,
    pub partners: String,
    pub fields: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "activities/list.html")]
pub struct ListPage {
    c: Chrome,
    q: ActivityQuery,
    rows: Vec<Row>,
    count: String,
    errors: FormErrors,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    fields: Vec<Opt>,
    units: Vec<Opt>,
    groups: Vec<Opt>,
    prev: Option<String>,
    next: Option<String>,
}

fn opts(items: impl Iterator<Item = (String, String)>, cur: &str) -> Vec<Opt> {
    items.map(|(value, label)| Opt { selected: value == cur.trim(), value, label }).collect()
}

/// The list page.
pub async fn list(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let q: ActivityQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let (page, errors) = match q.filter() {
        Ok(f) => FormErrors::listed(l, activity::list(&s.db, &ctx.actor, &f).await)?,
        Err(e) => (None, FormErrors::from_error(l, &e).unwrap_or_default()),
    };
    let all_fields = field::list(&s.db, &ctx.actor).await?;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let names = names_of(&s, &ctx, page.iter().flat_map(|p| p.items.iter()).flat_map(|a| a.partnership_ids.iter().copied())).await?;
    let rows = page
        .iter()
        .flat_map(|p| p.items.iter())
        .map(|a| Row {
            id: a.id,
            title: a.title_in(zh).to_string(),
            when: activity_when(l, a),
            kind: l.t(&format!("activity_kind.{}", a.kind)),
            status: l.t(&format!("activity_status.{}", a.status)),
            status_code: a.status.as_str(),
            partners: a.partnership_ids.iter().filter_map(|id| names.get(id).cloned()).collect::<Vec<_>>().join(&l.t("list.sep")),
            fields: a
                .fields
                .iter()
                .filter_map(|c| all_fields.iter().find(|f| &f.code == c))
                .map(|f| f.name(zh).to_string())
                .collect::<Vec<_>>()
                .join(&l.t("list.sep")),
        })
        .collect();
    let pairs = [
        ("partnership", &q.partnership),
        ("unit", &q.unit),
        ("kind", &q.kind),
        ("status", &q.status),
        ("field", &q.field),
        ("from", &q.from),
        ("to", &q.to),
        ("q", &q.q),
        ("group", &q.group),
    ];
    let kept: Vec<_> = pairs.iter().filter(|(_, v)| !v.is_empty()).collect();
    let qs = serde_html_form::to_string(kept).unwrap_or_default();
    let link = |n: u32| format!("/activities?{qs}&page={n}");
    let (prev, next) = match &page {
        Some(p) => (if p.page > 1 { Some(link(p.page - 1)) } else { None }, if p.page < p.pages() { Some(link(p.page + 1)) } else { None }),
        None => (None, None),
    };
    Ok(ListPage {
        c: Chrome::new(&ctx, "activities", l.t("activities.title")),
        count: l.t_with("activities.count", &[("count", number(page.as_ref().map_or(0, |p| p.total)))]),
        kinds: opts(ActivityKind::ALL.iter().map(|k| (k.as_str().to_string(), l.t(&format!("activity_kind.{k}")))), &q.kind),
        statuses: opts(ActivityStatus::ALL.iter().map(|k| (k.as_str().to_string(), l.t(&format!("activity_status.{k}")))), &q.status),
        fields: opts(all_fields.iter().map(|f| (f.code.clone(), f.name(zh).to_string())), &q.field),
        units: opts(units.iter().filter(|u| u.offered(&[&q.unit])).map(|u| (u.id.to_string(), u.name(zh).to_string())), &q.unit),
        groups: crate::view::group_options(&s, &ctx, &q.group).await?,
        rows,
        errors,
        prev,
        next,
        q,
    })
}
