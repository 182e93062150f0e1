//! `/api/v1/units`: the home city and its districts, counties, bureaus and zones.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::{Page, Unit, UnitInput, unit};

/// Every unit.
#[utoipa::path(get, operation_id = "units_list", path = "/api/v1/units", tag = "units",
    responses((status = 200, body = Page<Unit>)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx) -> Result<Json<Page<Unit>>, ApiError> {
    Ok(Json(Page::all(unit::list(&s.db, &ctx.actor).await?)))
}

/// One unit.
#[utoipa::path(get, operation_id = "units_show", path = "/api/v1/units/{id}", tag = "units", params(("id" = i64, Path)),
    responses((status = 200, body = Unit), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Unit>, ApiError> {
    Ok(Json(unit::get(&s.db, &ctx.actor, id).await?))
}

/// Creates a unit.
#[utoipa::path(post, operation_id = "units_create", path = "/api/v1/units", tag = "units", request_body = UnitInput,
    responses((status = 201, body = Unit), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(s): State<AppState>, ctx: Ctx, JsonBody(input): JsonBody<UnitInput>) -> Result<impl IntoResponse, ApiError> {
    let u = unit::create(&s.db, &ctx.actor, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/units/{}", u.id))], Json(u)))
}

/// Replaces a unit; `version` must be the one read.
#[utoipa::path(put, operation_id = "units_update", path = "/api/v1/units/{id}", tag = "units", params(("id" = i64, Path)), request_body = UnitInput,
    responses((status = 200, body = Unit), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, JsonBody(input): JsonBody<UnitInput>) -> Result<Json<Unit>, ApiError> {
    Ok(Json(unit::update(&s.db, &ctx.actor, id, input).await?))
}
