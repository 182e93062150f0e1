//! `/api/v1/country-groups`: the office's named groups of countries (Caribbean, Africa …) with their members.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::{JsonBody, Query};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::group::{self, CountryGroup, CountryGroupInput};

/// The groups with their member countries (ISO 3166-1 alpha-2), ordered by English name, a page at a time.
#[utoipa::path(get, operation_id = "country_groups_list", path = "/api/v1/country-groups", tag = "country-groups", params(crate::query::paging::PageQuery),
    responses((status = 200, body = Page<CountryGroup>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<crate::query::paging::PageQuery>,
) -> Result<Json<Page<CountryGroup>>, ApiError> {
    Ok(Json(group::page(&s.db, &ctx.actor, q.paging()).await?))
}

/// One group.
#[utoipa::path(get, operation_id = "country_groups_show", path = "/api/v1/country-groups/{id}", tag = "country-groups", params(("id" = i64, Path)),
    responses((status = 200, body = CountryGroup), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<CountryGroup>, ApiError> {
    Ok(Json(group::get(&s.db, &ctx.actor, id).await?))
}

/// Creates a group. `code` is a slug used once; every member must be an ISO 3166-1 code (a bad one is
/// reported as `members[i]`).
#[utoipa::path(post, operation_id = "country_groups_create", path = "/api/v1/country-groups", tag = "country-groups", request_body = CountryGroupInput,
    responses((status = 201, body = CountryGroup), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    JsonBody(input): JsonBody<CountryGroupInput>,
) -> Result<impl IntoResponse, ApiError> {
    let g = group::create(&s.db, &ctx.actor, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/country-groups/{}", g.id))], Json(g)))
}

/// Replaces a group's code, names, note and members; `version` must be the one read, else 409.
#[utoipa::path(put, operation_id = "country_groups_update", path = "/api/v1/country-groups/{id}", tag = "country-groups", params(("id" = i64, Path)), request_body = CountryGroupInput,
    responses((status = 200, body = CountryGroup), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<CountryGroupInput>,
) -> Result<Json<CountryGroup>, ApiError> {
    Ok(Json(group::update(&s.db, &ctx.actor, id, input).await?))
}

/// Deletes a group and its membership.
#[utoipa::path(delete, operation_id = "country_groups_delete", path = "/api/v1/country-groups/{id}", tag = "country-groups", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<StatusCode, ApiError> {
    group::delete(&s.db, &ctx.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
