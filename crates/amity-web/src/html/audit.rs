//! `/audit`: the audit log, filtered, and its CSV export (auditors and admins).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::response::Response;

use super::{Chrome, FormErrors, HtmlError};
use crate::i18n::number;
use crate::query::audit::AuditQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::audit::{self, AuditEntry};

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
pub struct AuditPage {
    c: Chrome,
    q: AuditQuery,
    rows: Vec<AuditEntry>,
    count: String,
    errors: FormErrors,
    export: String,
    prev: Option<String>,
    next: Option<String>,
}

/// `GET /audit`.
pub async fn list(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<AuditPage, HtmlError> {
    let l = ctx.locale;
    let q: AuditQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let (page, errors) = match q.filter() {
        Ok(f) => (Some(audit::list(&s.db, &ctx.actor, &f).await?), FormErrors::default()),
        Err(e) => (None, FormErrors::from_error(l, &e).unwrap_or_default()),
    };
    let qs = q.query_string();
    let link = |n: u32| format!("/audit?{qs}&page={n}");
    let (prev, next) = match &page {
        Some(p) => (if p.page > 1 { Some(link(p.page - 1)) } else { None }, if p.page < p.pages() { Some(link(p.page + 1)) } else { None }),
        None => (None, None),
    };
    Ok(AuditPage {
        c: Chrome::new(&ctx, "audit", l.t("audit.title")),
        count: l.t_with("audit.count", &[("count", number(page.as_ref().map_or(0, |p| p.total)))]),
        rows: page.map(|p| p.items).unwrap_or_default(),
        export: format!("/audit.csv?{qs}"),
        q,
        errors,
        prev,
        next,
    })
}

/// The most rows one CSV export carries; beyond it the last line says where it stopped.
pub const CSV_CAP: usize = 100_000;

/// `GET /audit.csv`: every matching entry, newest first, read in one snapshot. When more than
/// [`CSV_CAP`] match, the file ends with a line saying how many of how many it holds and how to
/// get the rest (narrower dates), and the `X-Amity-Truncated` header says `shown/total`.
pub async fn export_csv(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let q: AuditQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let filter = q.filter()?;
    let (entries, total) = audit::export(&s.db, &ctx.actor, &filter, CSV_CAP).await?;
    let shown = entries.len();
    let mut rows: Vec<Vec<String>> = entries
        .into_iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                e.at.to_rfc3339(),
                e.actor,
                e.ip.unwrap_or_default(),
                e.action,
                e.entity,
                e.entity_id.unwrap_or_default(),
                e.before.unwrap_or_default(),
                e.after.unwrap_or_default(),
            ]
        })
        .collect();
    let cut = i64::try_from(shown).map_or(true, |n| n < total);
    if cut {
        let note = ctx.locale.t_with("audit.export_stopped", &[("shown", number(shown as i64)), ("total", number(total))]);
        rows.push(vec![
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "export_stopped".into(),
            String::new(),
            String::new(),
            note,
            String::new(),
        ]);
    }
    let header = ["id", "at", "actor", "ip", "action", "entity", "entity_id", "before", "after"];
    let mut response = crate::export::csv_response("amity-audit.csv", &header, rows);
    if cut && let Ok(v) = axum::http::HeaderValue::from_str(&format!("{shown}/{total}")) {
        response.headers_mut().insert("x-amity-truncated", v);
    }
    Ok(response)
}
