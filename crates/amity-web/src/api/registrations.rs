//! `/api/v1/events/{id}/registrations` and `/api/v1/registrations/{id}`: people and
//! delegations registered for an event (personal data), the waiting list, confirmation, check-in.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;

use crate::error::ApiError;
use crate::extract::{JsonBody, Query};
use crate::path_id::Id;
use crate::query::unit::PageQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::event::{Registration, RegistrationInput, registrations};

/// A change of a registration's status.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RegistrationStatusBody {
    /// `confirmed`, `registered` (reinstate a cancelled one, or un-confirm) or `cancelled`.
    pub status: String,
    pub version: Option<i64>,
}

/// Checking in (or undoing it).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CheckInBody {
    pub checked_in: bool,
    pub version: Option<i64>,
}

/// A page of the event's registrations by name; waiting ones carry their `waiting_position`.
#[utoipa::path(get, operation_id = "registrations_list", path = "/api/v1/events/{id}/registrations", tag = "registrations", params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<Registration>), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    Query(q): Query<PageQuery>,
) -> Result<Json<Page<Registration>>, ApiError> {
    let paging = q.paging()?;
    Ok(Json(registrations::page(&s.db, &ctx.actor, id, paging).await?))
}

/// Registers a person or a delegation. Beyond capacity it goes to the waiting list (201 with
/// `status` `waiting` and its `waiting_position`); a cancelled event refuses (422 on `event_id`).
#[utoipa::path(post, operation_id = "registrations_create", path = "/api/v1/events/{id}/registrations", tag = "registrations", params(("id" = i64, Path)), request_body = RegistrationInput,
    responses((status = 201, body = Registration), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<RegistrationInput>,
) -> Result<impl IntoResponse, ApiError> {
    let r = registrations::register(&s.db, &ctx.actor, id, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/registrations/{}", r.id))], Json(r)))
}

/// One registration.
#[utoipa::path(get, operation_id = "registrations_show", path = "/api/v1/registrations/{id}", tag = "registrations", params(("id" = i64, Path)),
    responses((status = 200, body = Registration), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(registration_id): Id) -> Result<Json<Registration>, ApiError> {
    Ok(Json(registrations::get(&s.db, &ctx.actor, registration_id).await?))
}

/// Replaces a registration's details (not its status); `version` must be the one read.
#[utoipa::path(put, operation_id = "registrations_update", path = "/api/v1/registrations/{id}", tag = "registrations", params(("id" = i64, Path)), request_body = RegistrationInput,
    responses((status = 200, body = Registration), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(registration_id): Id,
    JsonBody(input): JsonBody<RegistrationInput>,
) -> Result<Json<Registration>, ApiError> {
    Ok(Json(registrations::update(&s.db, &ctx.actor, registration_id, input).await?))
}

/// Confirms, cancels or reinstates a registration; a cancellation moves the waiting list up.
#[utoipa::path(post, operation_id = "registrations_set_status", path = "/api/v1/registrations/{id}/status", tag = "registrations", params(("id" = i64, Path)), request_body = RegistrationStatusBody,
    responses((status = 200, body = Registration), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_status(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(registration_id): Id,
    JsonBody(b): JsonBody<RegistrationStatusBody>,
) -> Result<Json<Registration>, ApiError> {
    Ok(Json(registrations::set_status(&s.db, &ctx.actor, registration_id, &b.status, b.version).await?))
}

/// Checks a registration in on the day (`checked_in: true`) or undoes it.
#[utoipa::path(post, operation_id = "registrations_check_in", path = "/api/v1/registrations/{id}/check-in", tag = "registrations", params(("id" = i64, Path)), request_body = CheckInBody,
    responses((status = 200, body = Registration), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn check_in(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(registration_id): Id,
    JsonBody(b): JsonBody<CheckInBody>,
) -> Result<Json<Registration>, ApiError> {
    Ok(Json(registrations::check_in(&s.db, &ctx.actor, registration_id, b.checked_in, b.version).await?))
}
