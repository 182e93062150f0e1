//! `/api/v1/units`: the home city and its districts, counties, bureaus and zones.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::{JsonBody, Query};
use crate::path_id::Id;
use crate::query::unit::UnitQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::unit::UnitArchiveInput;
use amity_core::{Page, Unit, UnitInput, unit};

/// A page of units, the top unit first, then by name; `archived=false` leaves out archived
/// units (what a picker offers), `archived=true` lists only them.
#[utoipa::path(get, operation_id = "units_list", path = "/api/v1/units", tag = "units", params(UnitQuery),
    responses((status = 200, body = Page<Unit>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<UnitQuery>) -> Result<Json<Page<Unit>>, ApiError> {
    let filter = q.filter()?;
    Ok(Json(unit::page(&s.db, &ctx.actor, &filter).await?))
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

/// Archives a unit (`archived: true`: kept on the records and users that name it, offered in no
/// picker) or restores it (`archived: false`); `version` must be the one read. The top unit stays active.
#[utoipa::path(post, operation_id = "units_archive", path = "/api/v1/units/{id}/archive", tag = "units", params(("id" = i64, Path)), request_body = UnitArchiveInput,
    responses((status = 200, body = Unit), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn archive(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<UnitArchiveInput>,
) -> Result<Json<Unit>, ApiError> {
    Ok(Json(unit::set_archived(&s.db, &ctx.actor, id, input).await?))
}

/// Deletes a unit nothing names; a unit with sub-units, users or records is refused with 409
/// (`unit`, `in_use`): archive it instead.
#[utoipa::path(delete, operation_id = "units_delete", path = "/api/v1/units/{id}", tag = "units", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<StatusCode, ApiError> {
    unit::delete(&s.db, &ctx.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
