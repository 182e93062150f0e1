//! `/api/v1/fields`: the cooperation fields, which the office can extend.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::{JsonBody, Query};
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::field::{self, CooperationField, FieldInput};

/// The fields in display order, a page at a time.
#[utoipa::path(get, operation_id = "fields_list", path = "/api/v1/fields", tag = "fields", params(crate::query::paging::PageQuery),
    responses((status = 200, body = Page<CooperationField>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<crate::query::paging::PageQuery>,
) -> Result<Json<Page<CooperationField>>, ApiError> {
    Ok(Json(field::page(&s.db, &ctx.actor, q.paging()).await?))
}

/// Adds a field.
#[utoipa::path(post, operation_id = "fields_create", path = "/api/v1/fields", tag = "fields", request_body = FieldInput,
    responses((status = 201, body = CooperationField), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(s): State<AppState>, ctx: Ctx, JsonBody(input): JsonBody<FieldInput>) -> Result<impl IntoResponse, ApiError> {
    Ok((StatusCode::CREATED, Json(field::create(&s.db, &ctx.actor, input).await?)))
}
