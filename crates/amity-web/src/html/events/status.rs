//! The event page's status and report forms: `POST /events/{id}/transitions` (marking it held names
//! the partnerships that took part, from the page's checklist) and `POST /events/{id}/report`.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::show::render;
use crate::form_fields::{number_field, numbers};
use crate::html::{HtmlError, Refused};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Error;
use amity_core::error::Problems;
use amity_core::event::{self, Event, EventReportInput};
use amity_core::transition::TransitionInput;

/// The status form as posted; the held step's form also carries `took_part_asked` and the ticked
/// `took_part` boxes (none ticked: nobody took part).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
    pub reason: String,
    pub took_part_asked: String,
    pub took_part: Vec<String>,
    pub version: String,
}

/// The report form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub outcomes: String,
    pub notes: String,
    pub version: String,
}

/// The event page on success, else the page again with form `action` (as posted in `body`) refused.
async fn after(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    r: Result<Event, Error>,
    action: &'static str,
    body: &[u8],
) -> Result<Response, HtmlError> {
    let form = crate::html::form::read(body)?;
    crate::html::form::answer(ctx.locale, r, |_| format!("/events/{id}"), |errors| render(s, ctx, id, Refused::new(action, form, errors)))
        .await
}

/// `POST /events/{id}/transitions`: moves the event on (or cancels it with a reason).
pub async fn set_status(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: StatusForm = crate::html::form::read(&body)?;
    let mut p = Problems::default();
    let took_part = (!f.took_part_asked.is_empty()).then(|| numbers(&mut p, "took_part", &f.took_part));
    let r = match (number_field("version", &f.version), p.finish()) {
        (Ok(version), Ok(())) => {
            let input = TransitionInput { status: f.status, reason: f.reason, took_part, version, ..Default::default() };
            event::set_status(&s.db, &ctx.actor, id, input, s.settings.today()).await
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    after(&s, &ctx, id, r, "status", &body).await
}

/// `POST /events/{id}/report`: saves the post-event report.
pub async fn save_report(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: ReportForm = crate::html::form::read(&body)?;
    let r = match number_field("version", &f.version) {
        Ok(version) => event::save_report(&s.db, &ctx.actor, id, EventReportInput { outcomes: f.outcomes, notes: f.notes, version }).await,
        Err(e) => Err(e),
    };
    after(&s, &ctx, id, r, "report", &body).await
}
