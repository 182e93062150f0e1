//! `/api/v1/activities`: the cooperation log, and the commitments made at each activity.

use crate::extract::Query;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::path_id::Id;
use crate::query::activity::ActivityQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::activity::{self, Activity, ActivityInput, Commitment, CommitmentInput};

/// A filtered page of activities, newest first.
#[utoipa::path(get, operation_id = "activities_list", path = "/api/v1/activities", tag = "activities", params(ActivityQuery),
    responses((status = 200, body = Page<Activity>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<ActivityQuery>) -> Result<Json<Page<Activity>>, ApiError> {
    Ok(Json(activity::list(&s.db, &ctx.actor, &q.filter()?).await?))
}

/// One activity with its commitments.
#[utoipa::path(get, operation_id = "activities_show", path = "/api/v1/activities/{id}", tag = "activities", params(("id" = i64, Path)),
    responses((status = 200, body = Activity), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Activity>, ApiError> {
    Ok(Json(activity::get(&s.db, &ctx.actor, id).await?))
}

/// Logs an activity (with any commitments). A suspended or ended partnership takes no new activity.
#[utoipa::path(post, operation_id = "activities_create", path = "/api/v1/activities", tag = "activities", request_body = ActivityInput,
    responses((status = 201, body = Activity), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(s): State<AppState>, ctx: Ctx, JsonBody(input): JsonBody<ActivityInput>) -> Result<impl IntoResponse, ApiError> {
    let a = activity::create(&s.db, &ctx.actor, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/activities/{}", a.id))], Json(a)))
}

/// Replaces an activity (commitments are managed one by one); `version` must be the one read.
#[utoipa::path(put, operation_id = "activities_update", path = "/api/v1/activities/{id}", tag = "activities", params(("id" = i64, Path)), request_body = ActivityInput,
    responses((status = 200, body = Activity), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<ActivityInput>,
) -> Result<Json<Activity>, ApiError> {
    Ok(Json(activity::update(&s.db, &ctx.actor, id, input).await?))
}

/// Deletes an activity and its commitments.
#[utoipa::path(delete, operation_id = "activities_delete", path = "/api/v1/activities/{id}", tag = "activities", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<StatusCode, ApiError> {
    activity::delete(&s.db, &ctx.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a follow-up commitment; it cannot be due before the activity.
#[utoipa::path(post, operation_id = "activities_add_commitment", path = "/api/v1/activities/{id}/commitments", tag = "activities", params(("id" = i64, Path)), request_body = CommitmentInput,
    responses((status = 201, body = Commitment), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_commitment(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<CommitmentInput>,
) -> Result<impl IntoResponse, ApiError> {
    Ok((StatusCode::CREATED, Json(activity::add_commitment(&s.db, &ctx.actor, id, input).await?)))
}

/// A commitment's new status.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CommitmentStatusChange {
    /// `open`, `done` or `dropped`.
    pub status: String,
    pub version: Option<i64>,
}

/// Marks a commitment open, done or dropped.
#[utoipa::path(put, operation_id = "activities_set_commitment", path = "/api/v1/commitments/{id}", tag = "activities", params(("id" = i64, Path)), request_body = CommitmentStatusChange,
    responses((status = 200, body = Commitment), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_commitment(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(b): JsonBody<CommitmentStatusChange>,
) -> Result<Json<Commitment>, ApiError> {
    Ok(Json(activity::set_commitment_status(&s.db, &ctx.actor, id, &b.status, b.version).await?))
}
