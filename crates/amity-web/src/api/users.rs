//! `/api/v1/users`: accounts, for admins.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::extract::{JsonBody, Query};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::auth::{User, UserInput, service};

/// The accounts by username, a page at a time.
#[utoipa::path(get, operation_id = "users_list", path = "/api/v1/users", tag = "users", params(crate::query::paging::PageQuery),
    responses((status = 200, body = Page<User>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<crate::query::paging::PageQuery>,
) -> Result<Json<Page<User>>, ApiError> {
    Ok(Json(service::page(&s.db, &ctx.actor, q.paging()).await?))
}

/// One account.
#[utoipa::path(get, operation_id = "users_show", path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)), responses((status = 200, body = User), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<User>, ApiError> {
    Ok(Json(service::get(&s.db, &ctx.actor, id).await?))
}

/// An account just created; `password` is set only when Amity generated it, and is shown once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedUser {
    pub user: User,
    pub password: Option<String>,
}

/// Creates an account. Leave `password` empty to have one generated.
#[utoipa::path(post, operation_id = "users_create", path = "/api/v1/users", tag = "users", request_body = UserInput,
    responses((status = 201, body = CreatedUser), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(s): State<AppState>, ctx: Ctx, JsonBody(input): JsonBody<UserInput>) -> Result<impl IntoResponse, ApiError> {
    let c = service::create(&s.db, &ctx.actor, input).await?;
    let location = format!("/api/v1/users/{}", c.user.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(CreatedUser { user: c.user, password: c.generated_password })))
}

/// Changes an account (name, role, unit, disabled); `version` must be the one read.
#[utoipa::path(put, operation_id = "users_update", path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)), request_body = UserInput,
    responses((status = 200, body = User), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, JsonBody(input): JsonBody<UserInput>) -> Result<Json<User>, ApiError> {
    Ok(Json(service::update(&s.db, &ctx.actor, id, input).await?))
}

/// A password reset: give `password`, or leave it empty to have one generated and returned.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PasswordReset {
    pub password: String,
}

/// The generated password, when one was generated.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResetResult {
    pub password: Option<String>,
}

/// Sets a new password for a user; their sessions end and any sign-in lock on the account is lifted.
#[utoipa::path(post, operation_id = "users_reset_password", path = "/api/v1/users/{id}/password", tag = "users", params(("id" = i64, Path)), request_body = PasswordReset,
    responses((status = 200, body = ResetResult), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn reset_password(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(b): JsonBody<PasswordReset>,
) -> Result<Json<ResetResult>, ApiError> {
    let given = Some(b.password.as_str()).filter(|p| !p.is_empty());
    let password = service::reset_password(&s.db, &ctx.actor, id, given).await?;
    Ok(Json(ResetResult { password }))
}

/// What an unlock did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Unlocked {
    /// Sign-in locks that were in force and are now lifted (0: the account was not locked).
    pub locks_lifted: u64,
}

/// Lifts the account's sign-in locks and forgets its failed attempts; audited as `unlock`.
#[utoipa::path(post, operation_id = "users_unlock", path = "/api/v1/users/{id}/unlock", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = Unlocked), (status = 404, body = crate::api::ErrorBody)))]
pub async fn unlock(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Unlocked>, ApiError> {
    Ok(Json(Unlocked { locks_lifted: service::unlock(&s.db, &ctx.actor, id).await? }))
}

/// What an erasure did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErasedResult {
    /// Audit entries in which the person's name or address was redacted.
    pub redacted_entries: usize,
}

/// Erases a person's data on request: the account is anonymised and disabled, and the name and
/// address are redacted in the audit log; the erasure itself is audited.
#[utoipa::path(post, operation_id = "users_erase", path = "/api/v1/users/{id}/erase", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = ErasedResult), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody)))]
pub async fn erase(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<ErasedResult>, ApiError> {
    let done = amity_core::auth::erase::erase_user(&s.db, &ctx.actor, id).await?;
    Ok(Json(ErasedResult { redacted_entries: done.redacted_entries }))
}
