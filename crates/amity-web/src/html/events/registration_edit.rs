//! `GET /registrations/{id}/edit` and `POST /registrations/{id}`: one registration's details, corrected.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::registrations::{RegistrationForm, kind_opts, partner_opts};
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::event::{self, registrations as regs};

#[derive(Template, WebTemplate)]
#[template(path = "events/registration_form.html")]
pub struct EditPage {
    c: Chrome,
    id: i64,
    event_id: i64,
    f: RegistrationForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    partners: Vec<Opt>,
}

async fn render_edit(s: &AppState, ctx: &Ctx, id: i64, f: RegistrationForm, errors: FormErrors) -> Result<EditPage, HtmlError> {
    let r = regs::get(&s.db, &ctx.actor, id).await?;
    Ok(EditPage {
        c: Chrome::new(ctx, "events", ctx.locale.t("registrations.edit_title")),
        kinds: kind_opts(ctx.locale, &f.kind),
        partners: partner_opts(s, ctx, &f.partnership_id).await?,
        event_id: r.event_id,
        id,
        f,
        errors,
    })
}

/// `GET /registrations/{id}/edit`.
pub async fn edit_registration(State(s): State<AppState>, ctx: Ctx, Id(registration_id): Id) -> Result<EditPage, HtmlError> {
    let id = registration_id;
    let r = regs::get(&s.db, &ctx.actor, id).await?;
    ctx.actor.require_write_unit(event::get(&s.db, &ctx.actor, r.event_id).await?.organiser_unit_id)?;
    render_edit(&s, &ctx, id, RegistrationForm::from_registration(&r), FormErrors::default()).await
}

/// `POST /registrations/{id}`: saves a registration's details.
pub async fn update_registration(State(s): State<AppState>, ctx: Ctx, Id(registration_id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let id = registration_id;
    let f: RegistrationForm = crate::html::form::read(&body)?;
    let r = match f.to_input() {
        Ok(input) => regs::update(&s.db, &ctx.actor, id, input).await,
        Err(e) => Err(e),
    };
    crate::html::form::answer(
        ctx.locale,
        r,
        |r| format!("/events/{}/registrations#r{}", r.event_id, r.id),
        |errors| render_edit(&s, &ctx, id, f, errors),
    )
    .await
}
