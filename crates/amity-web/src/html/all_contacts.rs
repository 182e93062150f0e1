//! `GET /contacts`: every partnership's contacts on one page, filtered by the partner's country, a
//! country group or text (kept in the query string and the pager), each row naming its partnership.
//! Personal data: the route admits only roles that see it, as one partnership's list does.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::contacts::ContactRow;
use super::{Chrome, FormErrors, HtmlError};
use crate::query::contact::ContactQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::{Opt, country_name, country_options, group_options};
use amity_core::Page;
use amity_core::contact::{self, ListedContact};

/// A contact and the partnership it belongs to, ready to print.
pub struct ListedRow {
    pub partnership_id: i64,
    pub partner: String,
    pub country: String,
    pub contact: ContactRow,
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts/all.html")]
pub struct ListPage {
    c: Chrome,
    q: ContactQuery,
    rows: Vec<ListedRow>,
    total: i64,
    page: u32,
    pages: u32,
    countries: Vec<Opt>,
    groups: Vec<Opt>,
    errors: FormErrors,
    /// The filters as a query string, for paging.
    filters: String,
}

/// `GET /contacts`.
pub async fn list(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let l = ctx.locale;
    let raw = raw.unwrap_or_default();
    let q: ContactQuery = serde_html_form::from_str(&raw).unwrap_or_default();
    let (page, errors) = match q.filter() {
        Ok(filter) => match FormErrors::listed(l, contact::list_all(&s.db, &ctx.actor, &filter).await)? {
            (Some(page), errors) => (page, errors),
            (None, errors) => (Page::all(Vec::new()), errors),
        },
        Err(e) => {
            ctx.actor.require_personal()?;
            (Page::all(Vec::new()), FormErrors::from_error(l, &e).unwrap_or_default())
        }
    };
    let status = if errors.any() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let rows = page
        .items
        .iter()
        .map(|c: &ListedContact| ListedRow {
            partnership_id: c.contact.partnership_id,
            partner: c.partner_name(l.is_zh()).to_string(),
            country: country_name(l, &c.partner_country),
            contact: ContactRow::new(l, c.contact.clone()),
        })
        .collect();
    let body = ListPage {
        c: Chrome::new(&ctx, "partners", l.t("contacts.all_title")),
        rows,
        total: page.total,
        page: page.page,
        pages: page.pages(),
        countries: country_options(l, &q.country),
        groups: group_options(&s, &ctx, &q.group).await?,
        filters: crate::view::kept_filters(&raw),
        errors,
        q,
    };
    Ok((status, body).into_response())
}
