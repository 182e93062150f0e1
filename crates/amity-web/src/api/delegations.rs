//! `/api/v1/delegations`: inbound and outbound visits with their lists, status changes (completing
//! a visit logs it in the cooperation log, once per partnership), and the activities logged.

use crate::extract::Query;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::path_id::{Id, Ids};
use crate::query::delegation::DelegationQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::activity::Activity;
use amity_core::delegation::{self, Delegation, DelegationInput, DelegationStatusChange, DelegationSummary};
use amity_core::gift::Gift;
use amity_core::transition::TransitionInput;

/// A filtered page of delegations, latest first.
#[utoipa::path(get, operation_id = "delegations_list", path = "/api/v1/delegations", tag = "delegations", params(DelegationQuery),
    responses((status = 200, body = Page<DelegationSummary>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DelegationQuery>,
) -> Result<Json<Page<DelegationSummary>>, ApiError> {
    Ok(Json(delegation::list(&s.db, &ctx.actor, &q.filter()?).await?))
}

/// One delegation with members, transport, accommodation, interpreters and itinerary (travel
/// documents are at `/travel-documents`, for those allowed to see them).
#[utoipa::path(get, operation_id = "delegations_show", path = "/api/v1/delegations/{id}", tag = "delegations", params(("id" = i64, Path)),
    responses((status = 200, body = Delegation), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Delegation>, ApiError> {
    Ok(Json(delegation::get(&s.db, &ctx.actor, id).await?))
}

/// Records a delegation (status `proposed`). Bad rows are named by path, e.g. `members[2].name`,
/// `itinerary[0].starts_at`; nothing is written then.
#[utoipa::path(post, operation_id = "delegations_create", path = "/api/v1/delegations", tag = "delegations", request_body = DelegationInput,
    responses((status = 201, body = Delegation), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    JsonBody(input): JsonBody<DelegationInput>,
) -> Result<impl IntoResponse, ApiError> {
    let d = delegation::create(&s.db, &ctx.actor, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/delegations/{}", d.id))], Json(d)))
}

/// Replaces a delegation and its lists (not its status); `version` must be the one read. Give a
/// member's `id` to keep them (and their travel documents).
#[utoipa::path(put, operation_id = "delegations_update", path = "/api/v1/delegations/{id}", tag = "delegations", params(("id" = i64, Path)), request_body = DelegationInput,
    responses((status = 200, body = Delegation), (status = 403, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<DelegationInput>,
) -> Result<Json<Delegation>, ApiError> {
    Ok(Json(delegation::update(&s.db, &ctx.actor, id, input).await?))
}

/// Deletes a delegation with its lists, travel documents and budget (logged activities stay).
#[utoipa::path(delete, operation_id = "delegations_delete", path = "/api/v1/delegations/{id}", tag = "delegations", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<StatusCode, ApiError> {
    delegation::delete(&s.db, &ctx.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A delegation's new status.
/// Changes the status (the body every record with a status takes; `reason` optional, `date`
/// defaults to the office's today): forward (steps may be skipped), one step back, cancelled before the visit is
/// held, a cancelled one reopened as proposed. `reported` needs the report. `completed` or
/// `reported` logs the visit for each partnership, once.
#[utoipa::path(post, operation_id = "delegations_set_status", path = "/api/v1/delegations/{id}/transitions", tag = "delegations", params(("id" = i64, Path)), request_body = TransitionInput,
    responses((status = 200, body = Delegation), (status = 403, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_status(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<TransitionInput>,
) -> Result<Json<Delegation>, ApiError> {
    Ok(Json(delegation::set_status(&s.db, &ctx.actor, id, input, s.settings.today()).await?))
}

/// The delegation's changes of status, oldest first.
#[utoipa::path(get, operation_id = "delegations_history", path = "/api/v1/delegations/{id}/history", tag = "delegations", params(("id" = i64, Path)),
    responses((status = 200, body = Page<crate::api::status_history::DelegationStatusChange>), (status = 404, body = crate::api::ErrorBody)))]
pub async fn history(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<DelegationStatusChange>>, ApiError> {
    Ok(Json(Page::all(delegation::history(&s.db, &ctx.actor, id).await?)))
}

/// The visit activities logged in the cooperation log (one per partnership), with their follow-up
/// commitments: add commitments at `/api/v1/activities/{id}/commitments`.
#[utoipa::path(get, operation_id = "delegations_activities", path = "/api/v1/delegations/{id}/activities", tag = "delegations", params(("id" = i64, Path)),
    responses((status = 200, body = Page<Activity>), (status = 404, body = crate::api::ErrorBody)))]
pub async fn activities(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<Activity>>, ApiError> {
    delegation::get(&s.db, &ctx.actor, id).await?;
    Ok(Json(Page::all(delegation::logged_activities(&s.db, &ctx.actor, id).await?)))
}

/// The gift to link.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct GiftLink {
    /// Id of a gift in the registry (`/api/v1/gifts`).
    pub gift_id: Option<i64>,
}

/// Gifts given and received during the visit, from the gift registry.
#[utoipa::path(get, operation_id = "delegations_gifts", path = "/api/v1/delegations/{id}/gifts", tag = "delegations", params(("id" = i64, Path)),
    responses((status = 200, body = Page<Gift>), (status = 404, body = crate::api::ErrorBody)))]
pub async fn gifts(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<Gift>>, ApiError> {
    Ok(Json(Page::all(delegation::gifts::list(&s.db, &ctx.actor, id).await?)))
}

/// Links a gift of the registry to the delegation (again: no change). An unknown gift is 422 on `gift_id`.
#[utoipa::path(post, operation_id = "delegations_link_gift", path = "/api/v1/delegations/{id}/gifts", tag = "delegations", params(("id" = i64, Path)), request_body = GiftLink,
    responses((status = 201, body = Gift), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn link_gift(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<GiftLink>,
) -> Result<impl IntoResponse, ApiError> {
    Ok((StatusCode::CREATED, Json(delegation::gifts::link(&s.db, &ctx.actor, id, input.gift_id).await?)))
}

/// Removes a gift's link to the delegation (the gift stays in the registry).
#[utoipa::path(delete, operation_id = "delegations_unlink_gift", path = "/api/v1/delegations/{id}/gifts/{gift_id}", tag = "delegations", params(("id" = i64, Path), ("gift_id" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn unlink_gift(State(s): State<AppState>, ctx: Ctx, Ids(id, gift_id): Ids) -> Result<StatusCode, ApiError> {
    delegation::gifts::unlink(&s.db, &ctx.actor, id, gift_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
