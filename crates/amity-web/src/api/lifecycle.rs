//! `/api/v1/partnerships/{id}/…` of the lifecycle: the status history, changes of status, and
//! approval milestones.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::path_id::{Id, Ids};
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::partnership::{self, Approval, ApprovalInput, Partnership, StatusChange, TransitionInput};

/// The partnership's changes of status, oldest first.
#[utoipa::path(get, operation_id = "lifecycle_history", path = "/api/v1/partnerships/{id}/history", tag = "partnerships", params(("id" = i64, Path)),
    responses((status = 200, body = Page<crate::api::status_history::PartnershipStatusChange>), (status = 404, body = crate::api::ErrorBody)))]
pub async fn history(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<StatusChange>>, ApiError> {
    Ok(Json(Page::all(partnership::history(&s.db, &ctx.actor, id).await?)))
}

/// Moves the partnership to another status. Allowed: prospect → negotiating | ended; negotiating →
/// letter_of_intent | active | prospect | ended; letter_of_intent → active | negotiating | ended;
/// active → suspended | ended; suspended → active | ended; ended is final. `date` and `reason` are
/// required, `condition` for a suspension, `ended_by` for an ending; `version` must be the one read
/// (else 409). An illegal step answers 422 on `status` with code `illegal_transition`. The answer is
/// the partnership as it now is (its new `version` for the next change), as for events and
/// delegations; the change itself is the last entry of `/history`.
#[utoipa::path(post, operation_id = "lifecycle_transition", path = "/api/v1/partnerships/{id}/transitions", tag = "partnerships", params(("id" = i64, Path)),
    request_body = TransitionInput,
    responses((status = 200, body = Partnership), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody),
        (status = 422, body = crate::api::ErrorBody)))]
pub async fn transition(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<TransitionInput>,
) -> Result<Json<Partnership>, ApiError> {
    Ok(Json(partnership::transition(&s.db, &ctx.actor, id, input).await?.partnership))
}

/// The partnership's approval milestones, by date.
#[utoipa::path(get, operation_id = "lifecycle_approvals", path = "/api/v1/partnerships/{id}/approvals", tag = "partnerships", params(("id" = i64, Path)),
    responses((status = 200, body = Page<Approval>), (status = 404, body = crate::api::ErrorBody)))]
pub async fn approvals(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<Approval>>, ApiError> {
    Ok(Json(Page::all(partnership::approvals(&s.db, &ctx.actor, id).await?)))
}

/// Records an approval milestone (council approvals on either side, national approval or notification).
#[utoipa::path(post, operation_id = "lifecycle_add_approval", path = "/api/v1/partnerships/{id}/approvals", tag = "partnerships", params(("id" = i64, Path)),
    request_body = ApprovalInput,
    responses((status = 201, body = Approval), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_approval(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<ApprovalInput>,
) -> Result<impl IntoResponse, ApiError> {
    let a = partnership::add_approval(&s.db, &ctx.actor, id, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/partnerships/{id}/approvals"))], Json(a)))
}

/// Deletes an approval milestone recorded by mistake.
#[utoipa::path(delete, operation_id = "lifecycle_delete_approval", path = "/api/v1/partnerships/{id}/approvals/{approval_id}", tag = "partnerships",
    params(("id" = i64, Path), ("approval_id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete_approval(State(s): State<AppState>, ctx: Ctx, Ids(id, approval_id): Ids) -> Result<StatusCode, ApiError> {
    partnership::delete_approval(&s.db, &ctx.actor, id, approval_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
