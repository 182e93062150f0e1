//! `GET /events/{id}/registrations`: who registered (personal data), their seats or place on the
//! waiting list, confirmation and check-in on the day; the form that adds a person or delegation.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::both_titles;
use crate::form_fields::{number, number_field};
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::path_id::Id;
use crate::query::unit::PageQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use crate::view::names_by_id;
use amity_core::error::Problems;
use amity_core::event::{self, Event, Registration, RegistrationInput, RegistrationKind, RegistrationStatus, Seats, registrations as regs};
use amity_core::{Error, Paging};

/// One registration, ready to print.
pub struct Row {
    pub r: Registration,
    pub kind: String,
    pub status: String,
    pub partner: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/registrations.html")]
pub struct RegistrationsPage {
    c: Chrome,
    e: Event,
    title: String,
    rows: Vec<Row>,
    /// Registrations in all, and this page of them.
    total: i64,
    page: u32,
    pages: u32,
    seats: Seats,
    can_write: bool,
    f: RegistrationForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    partners: Vec<Opt>,
}

/// The add-a-registration form as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub kind: String,
    pub name: String,
    pub name_zh: String,
    pub organisation: String,
    pub country_code: String,
    pub partnership_id: String,
    pub role: String,
    pub language: String,
    pub party_size: String,
    pub arrival: String,
    pub departure: String,
    pub accommodation: String,
    pub dietary: String,
    pub interpreter_needed: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub version: String,
}

impl RegistrationForm {
    pub(super) fn from_registration(r: &Registration) -> Self {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            kind: r.kind.as_str().into(),
            name: r.name.clone(),
            name_zh: r.name_zh.clone(),
            organisation: o(&r.organisation),
            country_code: o(&r.country_code),
            partnership_id: r.partnership_id.map(|p| p.to_string()).unwrap_or_default(),
            role: o(&r.role),
            language: o(&r.language),
            party_size: r.party_size.to_string(),
            arrival: o(&r.arrival),
            departure: o(&r.departure),
            accommodation: o(&r.accommodation),
            dietary: o(&r.dietary),
            interpreter_needed: if r.interpreter_needed { "on".into() } else { String::new() },
            email: o(&r.email),
            phone: o(&r.phone),
            notes: o(&r.notes),
            version: r.version.to_string(),
        }
    }

    pub(super) fn to_input(&self) -> Result<RegistrationInput, Error> {
        let mut p = Problems::default();
        let partnership_id = p.take(number("partnership_id", &self.partnership_id)).flatten();
        let party_size = p.take(number("party_size", &self.party_size)).flatten();
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        Ok(RegistrationInput {
            kind: self.kind.clone(),
            name: self.name.clone(),
            name_zh: self.name_zh.clone(),
            organisation: self.organisation.clone(),
            country_code: self.country_code.clone(),
            partnership_id,
            role: self.role.clone(),
            language: self.language.clone(),
            party_size,
            arrival: self.arrival.clone(),
            departure: self.departure.clone(),
            accommodation: self.accommodation.clone(),
            dietary: self.dietary.clone(),
            interpreter_needed: !self.interpreter_needed.is_empty(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            notes: self.notes.clone(),
            version,
        })
    }
}

pub(super) fn kind_opts(l: crate::i18n::Locale, current: &str) -> Vec<Opt> {
    RegistrationKind::ALL
        .iter()
        .map(|k| Opt { selected: k.as_str() == current.trim(), value: k.as_str().into(), label: l.t(&format!("registration_kind.{k}")) })
        .collect()
}

pub(super) async fn partner_opts(s: &AppState, ctx: &Ctx, current: &str) -> Result<Vec<Opt>, HtmlError> {
    let names = names_by_id(s, ctx).await?;
    let mut opts: Vec<Opt> = names
        .iter()
        .map(|(pid, n)| Opt { selected: pid.to_string() == current.trim(), value: pid.to_string(), label: n.clone() })
        .collect();
    opts.sort_by_key(|o| crate::view::name_key(ctx.locale, &o.label));
    Ok(opts)
}

async fn render(s: &AppState, ctx: &Ctx, id: i64, f: RegistrationForm, errors: FormErrors) -> Result<RegistrationsPage, HtmlError> {
    render_page(s, ctx, id, Paging::default(), f, errors).await
}

async fn render_page(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    paging: Paging,
    f: RegistrationForm,
    errors: FormErrors,
) -> Result<RegistrationsPage, HtmlError> {
    let l = ctx.locale;
    let e = event::get(&s.db, &ctx.actor, id).await?;
    let list = regs::page(&s.db, &ctx.actor, id, paging).await?;
    let names = names_by_id(s, ctx).await?;
    let (total, page, pages) = (list.total, list.page, list.pages());
    let rows = list
        .items
        .into_iter()
        .map(|r| Row {
            kind: l.t(&format!("registration_kind.{}", r.kind)),
            status: match r.waiting_position {
                Some(p) => l.t_with("registrations.waiting_at", &[("position", p.to_string())]),
                None => l.t(&format!("registration_status.{}", r.status)),
            },
            partner: r.partnership_id.and_then(|p| names.get(&p).cloned()).unwrap_or_default(),
            r,
        })
        .collect();
    Ok(RegistrationsPage {
        c: Chrome::new(ctx, "events", l.t_with("registrations.title_for", &[("event", both_titles(l, &e))])),
        title: both_titles(l, &e),
        seats: event::seats(&s.db, &ctx.actor, id).await?,
        can_write: ctx.actor.require_write_unit(e.organiser_unit_id).is_ok(),
        kinds: kind_opts(l, &f.kind),
        partners: partner_opts(s, ctx, &f.partnership_id).await?,
        rows,
        total,
        page,
        pages,
        f,
        errors,
        e,
    })
}

/// `GET /events/{id}/registrations?page=`: a page of the registrations and the form that adds one.
pub async fn registrations(State(s): State<AppState>, ctx: Ctx, Id(id): Id, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let q: PageQuery = serde_html_form::from_str(raw.as_deref().unwrap_or_default()).unwrap_or_default();
    let f = RegistrationForm { kind: "person".into(), ..Default::default() };
    match q.paging() {
        Ok(paging) => Ok(render_page(&s, &ctx, id, paging, f, FormErrors::default()).await?.into_response()),
        Err(e) => {
            let errors = FormErrors::from_error(ctx.locale, &e).unwrap_or_default();
            Ok((errors.status(), render(&s, &ctx, id, f, errors).await?).into_response())
        }
    }
}

/// `POST /events/{id}/registrations`: adds a registration (a seat, or the waiting list).
pub async fn add_registration(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: RegistrationForm = crate::html::form::read(&body)?;
    let r = match f.to_input() {
        Ok(input) => regs::register(&s.db, &ctx.actor, id, input).await,
        Err(e) => Err(e),
    };
    crate::html::form::answer(ctx.locale, r, |_| format!("/events/{id}/registrations"), |errors| render(&s, &ctx, id, f, errors)).await
}

/// A row action as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RowAction {
    pub status: String,
    pub checked_in: String,
    pub version: String,
}

/// The registrations page at the row on success, else that page again with the row action's errors.
async fn row_result(s: &AppState, ctx: &Ctx, r: Result<Registration, Error>, id: i64) -> Result<Response, HtmlError> {
    let to = |r: &Registration| format!("/events/{}/registrations#r{}", r.event_id, r.id);
    let again = |errors| async move {
        let event_id = regs::get(&s.db, &ctx.actor, id).await?.event_id;
        render(s, ctx, event_id, RegistrationForm { kind: "person".into(), ..Default::default() }, errors).await
    };
    crate::html::form::answer(ctx.locale, r, to, again).await
}

/// `POST /registrations/{id}/status`: confirm, cancel or reinstate.
pub async fn registration_status(State(s): State<AppState>, ctx: Ctx, Id(registration_id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let id = registration_id;
    let f: RowAction = crate::html::form::read(&body)?;
    let r = match number_field("version", &f.version) {
        Ok(version) => regs::set_status(&s.db, &ctx.actor, id, &f.status, version).await,
        Err(e) => Err(e),
    };
    row_result(&s, &ctx, r, id).await
}

/// `POST /registrations/{id}/check-in`: checks in on the day (or undoes it).
pub async fn check_in(State(s): State<AppState>, ctx: Ctx, Id(registration_id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let id = registration_id;
    let f: RowAction = crate::html::form::read(&body)?;
    let r = match number_field("version", &f.version) {
        Ok(version) => regs::check_in(&s.db, &ctx.actor, id, f.checked_in == "true", version).await,
        Err(e) => Err(e),
    };
    row_result(&s, &ctx, r, id).await
}
