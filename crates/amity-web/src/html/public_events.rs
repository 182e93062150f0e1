//! The public portal's events under `/p/`: published events and the public registration form
//! with its confirmation page. Only public events past the idea stage exist here; no internal
//! field and no other registrant ever appears. Abuse is held off without a third-party CAPTCHA:
//! submissions per client address are counted in the database, a hidden honeypot field catches
//! bots (they get a confirmation, nothing is stored), and bodies and fields have size limits.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::api::public_events::PUBLIC_BODY_MAX;
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::i18n::{Locale, partial_date};
use crate::i18n::{utc_offset, wall};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Paging;
use amity_core::event::{self, EventFilter, EventSort, EventStatus, PublicEvent, PublicOutcome, PublicReceipt, PublicRegistrationInput};

/// A published event, ready to print.
pub struct PublicRow {
    pub e: PublicEvent,
    pub title: String,
    pub when: String,
    pub kind: String,
}

fn row(l: Locale, e: PublicEvent) -> PublicRow {
    let when = match (e.starts_local, e.ends_local, e.planned_on) {
        (Some(s), Some(x), _) => {
            let zone = match (e.time_zone.parse::<chrono_tz::Tz>(), e.starts_at) {
                (Ok(tz), Some(t)) => format!(" ({} {})", e.time_zone, utc_offset(tz, t)),
                _ => String::new(),
            };
            if s == x {
                format!("{}{zone}", wall(l, s, !e.all_day))
            } else {
                format!("{} – {}{zone}", wall(l, s, !e.all_day), wall(l, x, !e.all_day))
            }
        }
        (_, _, Some(d)) => l.t_with("events.date_tbd", &[("date", partial_date(l, &d))]),
        _ => String::new(),
    };
    PublicRow { title: e.title(l.is_zh()).to_string(), kind: l.t(&format!("event_kind.{}", e.kind)), when, e }
}

#[derive(Template, WebTemplate)]
#[template(path = "public/events.html")]
pub struct ListPage {
    c: Chrome,
    rows: Vec<PublicRow>,
}

/// `GET /p/events`: published events, soonest first.
pub async fn list(State(s): State<AppState>, ctx: Ctx) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let filter = EventFilter { sort: Some(EventSort::Date), paging: Paging::new(Some(1), Some(200)), ..Default::default() };
    let page = event::public_list(&s.db, &filter).await?;
    Ok(ListPage { c: Chrome::new(&ctx, "public", l.t("public.events_title")), rows: page.items.into_iter().map(|e| row(l, e)).collect() })
}

/// The public registration form as posted. `website` is the honeypot.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PublicForm {
    pub name: String,
    pub name_zh: String,
    pub organisation: String,
    pub country_code: String,
    pub email: String,
    pub language: String,
    pub dietary: String,
    pub interpreter_needed: String,
    pub website: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/event.html")]
pub struct EventPage {
    c: Chrome,
    r: PublicRow,
    f: PublicForm,
    errors: FormErrors,
}

async fn render(s: &AppState, ctx: &Ctx, id: i64, f: PublicForm, errors: FormErrors) -> Result<EventPage, HtmlError> {
    let l = ctx.locale;
    let e = event::public_get(&s.db, id).await?;
    let r = row(l, e);
    Ok(EventPage { c: Chrome::new(ctx, "public", r.title.clone()), r, f, errors })
}

/// `GET /p/events/{id}`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<EventPage, HtmlError> {
    render(&s, &ctx, id, PublicForm::default(), FormErrors::default()).await
}

#[derive(Template, WebTemplate)]
#[template(path = "public/registered.html")]
pub struct ConfirmationPage {
    c: Chrome,
    r: PublicRow,
    receipt: PublicReceipt,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/refused.html")]
pub struct RefusedPage {
    c: Chrome,
    event_id: i64,
    message: String,
}

/// `POST /p/events/{id}/register`: registers, then shows the confirmation (reference, status,
/// place on the waiting list) — and nothing about anyone else.
pub async fn register(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let l = ctx.locale;
    let refused = |status: StatusCode, key: &str| {
        let page = RefusedPage { c: Chrome::new(&ctx, "public", l.t("public.refused_title")), event_id: id, message: l.t(key) };
        (status, page).into_response()
    };
    if body.len() > PUBLIC_BODY_MAX {
        return Ok(refused(StatusCode::PAYLOAD_TOO_LARGE, "error.payload_too_large"));
    }
    let f: PublicForm = crate::html::form::read(&body)?;
    let input = PublicRegistrationInput {
        name: f.name.clone(),
        name_zh: f.name_zh.clone(),
        organisation: f.organisation.clone(),
        country_code: f.country_code.clone(),
        email: f.email.clone(),
        language: f.language.clone(),
        dietary: f.dietary.clone(),
        interpreter_needed: !f.interpreter_needed.is_empty(),
        website: f.website.clone(),
    };
    let outcome = event::register_public(&s.db, id, ctx.identity.ip.as_deref(), input).await;
    let done = |o| async {
        Ok::<_, HtmlError>(match o {
            PublicOutcome::Received(receipt) => {
                let r = row(l, event::public_get(&s.db, id).await?);
                ConfirmationPage { c: Chrome::new(&ctx, "public", l.t("public.registered_title")), r, receipt }.into_response()
            }
            PublicOutcome::Throttled => {
                (crate::api::public_events::retry_after(), refused(StatusCode::TOO_MANY_REQUESTS, "error.too_many_requests"))
                    .into_response()
            }
        })
    };
    super::form::answer_with(l, outcome, done, |errors| render(&s, &ctx, id, f, errors)).await
}
