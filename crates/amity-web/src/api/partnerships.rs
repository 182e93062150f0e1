//! `/api/v1/partnerships`: list with filters, show, create, update, delete.

use crate::extract::Query;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::path_id::Id;
use crate::query::partnership::PartnershipQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::{Page, Partnership, PartnershipInput, partnership};

/// A filtered, sorted page of partnerships.
#[utoipa::path(get, operation_id = "partnerships_list", path = "/api/v1/partnerships", tag = "partnerships", params(PartnershipQuery),
    responses((status = 200, body = Page<Partnership>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<PartnershipQuery>) -> Result<Json<Page<Partnership>>, ApiError> {
    let filter = q.to_filter()?;
    Ok(Json(partnership::list(&s.db, &ctx.actor, &filter).await?))
}

/// One partnership.
#[utoipa::path(get, operation_id = "partnerships_show", path = "/api/v1/partnerships/{id}", tag = "partnerships", params(("id" = i64, Path)),
    responses((status = 200, body = Partnership), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Partnership>, ApiError> {
    Ok(Json(partnership::get(&s.db, &ctx.actor, id).await?))
}

/// Creates a partnership. Give `city_id` (a GeoNames id from `/api/v1/cities`) or a hand-entered city
/// (`city_name_en`, `country`, `lat`, `lon`).
#[utoipa::path(post, operation_id = "partnerships_create", path = "/api/v1/partnerships", tag = "partnerships", request_body = PartnershipInput,
    responses((status = 201, body = Partnership), (status = 400, body = crate::api::ErrorBody), (status = 415, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    JsonBody(input): JsonBody<PartnershipInput>,
) -> Result<impl IntoResponse, ApiError> {
    let p = partnership::create(&s.db, &ctx.actor, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/partnerships/{}", p.id))], Json(p)))
}

/// Replaces a partnership; `version` must be the one read, else 409.
#[utoipa::path(put, operation_id = "partnerships_update", path = "/api/v1/partnerships/{id}", tag = "partnerships", params(("id" = i64, Path)), request_body = PartnershipInput,
    responses((status = 200, body = Partnership), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<PartnershipInput>,
) -> Result<Json<Partnership>, ApiError> {
    Ok(Json(partnership::update(&s.db, &ctx.actor, id, input).await?))
}

/// Deletes a partnership.
#[utoipa::path(delete, operation_id = "partnerships_delete", path = "/api/v1/partnerships/{id}", tag = "partnerships", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<StatusCode, ApiError> {
    partnership::delete(&s.db, &ctx.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
