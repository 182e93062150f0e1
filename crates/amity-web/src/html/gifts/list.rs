//! `GET /gifts` and its CSV and XLSX: the registry with its filters (kept in the query string,
//! the pager and the exports).

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{GiftRow, directions, disclosures, export_head, export_row, names_for, partnership_opts};
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::query::gift::GiftQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::gift::{self, GiftFilter};
use amity_core::{Error, Paging};
use askama::Template;
use askama_web::WebTemplate;

#[derive(Template, WebTemplate)]
#[template(path = "gifts/list.html")]
pub struct ListPage {
    c: Chrome,
    q: GiftQuery,
    rows: Vec<GiftRow>,
    total: i64,
    page: u32,
    pages: u32,
    directions: Vec<Opt>,
    disclosures: Vec<Opt>,
    partnerships: Vec<Opt>,
    groups: Vec<Opt>,
    errors: FormErrors,
    /// The filters as a query string, for the export links and paging.
    export: String,
}

/// `GET /gifts`: the registry with its filters.
pub async fn list(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let raw = raw.unwrap_or_default();
    let q: GiftQuery = serde_html_form::from_str(&raw).unwrap_or_default();
    let (page, errors) = match q.filter() {
        Ok(filter) => match FormErrors::listed(ctx.locale, gift::list(&s.db, &ctx.actor, &filter).await)? {
            (Some(page), errors) => (page, errors),
            (None, errors) => (amity_core::Page::all(Vec::new()), errors),
        },
        Err(e) => {
            ctx.actor.require_read()?;
            let errors = FormErrors::from_error(ctx.locale, &e).unwrap_or_default();
            (amity_core::Page::all(Vec::new()), errors)
        }
    };
    let names = names_for(&s, &ctx, &page.items).await?;
    let status = errors.status();
    let body = ListPage {
        c: Chrome::new(&ctx, "gifts", ctx.locale.t("gifts.title")),
        rows: page.items.iter().map(|g| GiftRow::new(ctx.locale, g, &names)).collect(),
        total: page.total,
        page: page.page,
        pages: page.pages(),
        directions: directions(&ctx, q.direction.trim()),
        disclosures: disclosures(&ctx, q.disclosure.trim()),
        partnerships: partnership_opts(&s, &ctx, &q.partnership).await?,
        groups: crate::view::group_options(&s, &ctx, &q.group).await?,
        export: crate::view::kept_filters(&raw),
        errors,
        q,
    };
    Ok((status, body).into_response())
}

/// Every gift matching the query (all pages), for the exports.
async fn export_rows(s: &AppState, ctx: &Ctx, raw: Option<String>) -> Result<(Vec<String>, Vec<Vec<String>>), HtmlError> {
    let q: GiftQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let filter = GiftFilter { paging: Paging::everything(), ..q.filter()? };
    let page = gift::list(&s.db, &ctx.actor, &filter).await?;
    let names = names_for(s, ctx, &page.items).await?;
    Ok((export_head(ctx.locale), page.items.iter().map(|g| export_row(ctx.locale, g, &names)).collect()))
}

/// `GET /gifts.csv`.
pub async fn export_csv(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (head, rows) = export_rows(&s, &ctx, raw).await?;
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    Ok(crate::export::csv_response("amity-gifts.csv", &head, rows))
}

/// `GET /gifts.xlsx`.
pub async fn export_xlsx(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (head, rows) = export_rows(&s, &ctx, raw).await?;
    let bytes = crate::export::xlsx(&ctx.locale.t("gifts.title"), &head, &rows).map_err(|e| Error::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"amity-gifts.xlsx\""),
        ],
        bytes,
    )
        .into_response())
}
