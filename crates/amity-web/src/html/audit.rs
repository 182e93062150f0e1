//! `/audit`: the audit log, filtered, and its CSV export (auditors and admins).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use chrono::{NaiveDate, TimeZone, Utc};
use serde::Deserialize;

use super::chrome::encode;
use super::{Chrome, FormErrors, HtmlError};
use crate::form_fields::{self, day, text};
use crate::i18n::number;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::audit::{self, AuditEntry, AuditFilter};
use amity_core::error::Problems;
use amity_core::{Error, Paging};

/// The audit log's filters as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub entity: String,
    pub entity_id: String,
    pub actor: String,
    pub action: String,
    /// First day, `YYYY-MM-DD` (UTC).
    pub from: String,
    /// Last day, `YYYY-MM-DD` (UTC), included.
    pub to: String,
    pub page: String,
    pub per_page: String,
}

impl AuditQuery {
    /// The validated filter.
    pub fn filter(&self) -> Result<AuditFilter, Error> {
        let mut p = Problems::default();
        let from = p.take(day("from", &self.from)).flatten();
        let to = p.take(day("to", &self.to)).flatten();
        let page = p.take(form_fields::number("page", &self.page)).flatten();
        let per_page = p.take(form_fields::number("per_page", &self.per_page)).flatten();
        p.finish()?;
        let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t));
        Ok(AuditFilter {
            entity: text(&self.entity, 100),
            entity_id: text(&self.entity_id, 100),
            actor: text(&self.actor, 100),
            action: text(&self.action, 100),
            from: from.and_then(start),
            to: to.and_then(|d| d.succ_opt()).and_then(start),
            paging: Paging::new(page, per_page),
        })
    }

    fn query_string(&self) -> String {
        let pairs = [
            ("entity", &self.entity),
            ("entity_id", &self.entity_id),
            ("actor", &self.actor),
            ("action", &self.action),
            ("from", &self.from),
            ("to", &self.to),
        ];
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }
}

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

/// `GET /audit.csv`: every matching entry (up to 100,000), newest first.
pub async fn export_csv(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let q: AuditQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let mut filter = q.filter()?;
    let mut rows = Vec::new();
    for page in 1..=200u32 {
        filter.paging = Paging::new(Some(page), Some(500));
        let p = audit::list(&s.db, &ctx.actor, &filter).await?;
        let done = p.items.len() < 500;
        rows.extend(p.items.into_iter().map(|e| {
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
        }));
        if done {
            break;
        }
    }
    let header = ["id", "at", "actor", "ip", "action", "entity", "entity_id", "before", "after"];
    Ok(crate::export::csv_response("amity-audit.csv", &header, rows))
}
