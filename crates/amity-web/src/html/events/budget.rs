//! The budget form of the event page: add a line (errors re-render the page beside the form) or
//! delete one.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};

use super::show::render;
use crate::html::{HtmlError, Refused, budget};
use crate::path_id::{Id, Ids};
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::budget::{BudgetSubject, subject};

/// `POST /events/{id}/budget`.
pub async fn add_budget_line(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let form: Vec<(String, String)> = crate::html::form::read(&body)?;
    let r = subject::add(&s.db, &ctx.actor, BudgetSubject::Event, id, &budget::input(&form)).await;
    let to = |_: &_| format!("/events/{id}#budget");
    crate::html::form::answer(ctx.locale, r, to, |errors| render(&s, &ctx, id, Refused::new("budget", form, errors))).await
}

/// `POST /events/{id}/budget/{line_id}/delete`.
pub async fn delete_budget_line(State(s): State<AppState>, ctx: Ctx, Ids(id, line_id): Ids) -> Result<Redirect, HtmlError> {
    subject::delete(&s.db, &ctx.actor, BudgetSubject::Event, id, line_id).await?;
    Ok(Redirect::to(&format!("/events/{id}#budget")))
}
