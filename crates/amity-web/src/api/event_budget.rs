//! `/api/v1/events/{id}/budget`: an event's budget and expenses, with the same bodies and answers
//! as a delegation's (owned by the event's organiser unit).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::api::delegation_budget::Budget;
use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::path_id::{Id, Ids};
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::budget::{BudgetInput, BudgetLine, BudgetSubject, subject};

const EVENT: BudgetSubject = BudgetSubject::Event;

/// The event's budget lines and totals per currency.
#[utoipa::path(get, operation_id = "event_budget_list", path = "/api/v1/events/{id}/budget", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Budget), (status = 404, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Budget>, ApiError> {
    let (items, totals) = subject::list(&s.db, &ctx.actor, EVENT, id).await?;
    Ok(Json(Budget { items, totals }))
}

/// Adds a line. Amounts are decimal texts in the currency's unit (`"1234.50"`); more decimals than
/// the currency has are refused, never rounded.
#[utoipa::path(post, operation_id = "event_budget_create", path = "/api/v1/events/{id}/budget", tag = "events", params(("id" = i64, Path)), request_body = BudgetInput,
    responses((status = 201, body = BudgetLine), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<BudgetInput>,
) -> Result<impl IntoResponse, ApiError> {
    Ok((StatusCode::CREATED, Json(subject::add(&s.db, &ctx.actor, EVENT, id, &input).await?)))
}

/// Replaces a line; `version` must be the one read.
#[utoipa::path(put, operation_id = "event_budget_update", path = "/api/v1/events/{id}/budget/{line_id}", tag = "events", params(("id" = i64, Path), ("line_id" = i64, Path)), request_body = BudgetInput,
    responses((status = 200, body = BudgetLine), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Ids(id, line_id): Ids,
    JsonBody(input): JsonBody<BudgetInput>,
) -> Result<Json<BudgetLine>, ApiError> {
    Ok(Json(subject::update(&s.db, &ctx.actor, EVENT, id, line_id, &input).await?))
}

/// Deletes a line.
#[utoipa::path(delete, operation_id = "event_budget_delete", path = "/api/v1/events/{id}/budget/{line_id}", tag = "events", params(("id" = i64, Path), ("line_id" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Ids(id, line_id): Ids) -> Result<StatusCode, ApiError> {
    subject::delete(&s.db, &ctx.actor, EVENT, id, line_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
