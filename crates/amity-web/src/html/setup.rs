//! `POST /setup/demo` and `POST /setup/sample`: the choice an admin gets on the first page of an
//! empty database — the sourced Jinan demo, or the invented sample office. Refused, with nothing
//! written, on a database that holds records.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::HtmlError;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::{Error, setup};

/// Loads the Jinan 2023 demo (sourced facts) into an empty database.
pub async fn demo(State(s): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    ctx.actor.require_admin()?;
    answer(&s, &ctx, setup::load_demo(&s.db, &ctx.actor).await.map(drop)).await
}

/// Loads the sample office (invented, marked as sample data) into an empty database.
pub async fn sample(State(s): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    answer(&s, &ctx, setup::load_sample(&s.db, &ctx.actor).await.map(drop)).await
}

/// To the home page when loaded; the home page again with the refusal (409) when the database holds records.
async fn answer(s: &AppState, ctx: &Ctx, result: Result<(), Error>) -> Result<Response, HtmlError> {
    match result {
        Ok(()) => Ok(Redirect::to("/").into_response()),
        Err(Error::Conflict { .. }) => {
            let refusal = ctx.locale.t("sample.not_empty");
            Ok((StatusCode::CONFLICT, super::home::page(s, ctx, Some(refusal)).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
