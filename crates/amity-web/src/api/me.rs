//! `/api/v1/me`: the caller's own account, password and API tokens.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::extract::{JsonBody, Query};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::auth::{ApiToken, User, service, tokens};
use amity_core::{Error, Page};

/// The caller's account.
#[utoipa::path(get, operation_id = "me_show", path = "/api/v1/me", tag = "account", responses((status = 200, body = User), (status = 401, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx) -> Result<Json<User>, ApiError> {
    let id = ctx.actor.user_id().ok_or(Error::Forbidden)?;
    Ok(Json(service::get(&s.db, &ctx.actor, id).await?))
}

/// A password change.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PasswordChange {
    pub current_password: String,
    /// At least 12 characters.
    pub new_password: String,
    /// Also revoke every API token of the caller (in the same transaction); default false.
    pub revoke_tokens: bool,
}

/// Changes the caller's password; every session ends, and with `revoke_tokens` every API token too.
#[utoipa::path(post, operation_id = "me_change_password", path = "/api/v1/me/password", tag = "account", request_body = PasswordChange,
    responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn change_password(State(s): State<AppState>, ctx: Ctx, JsonBody(b): JsonBody<PasswordChange>) -> Result<StatusCode, ApiError> {
    service::change_own_password(&s.db, &ctx.actor, &b.current_password, &b.new_password, b.revoke_tokens).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's API tokens, newest first, a page at a time (secrets are never shown again).
#[utoipa::path(get, operation_id = "me_list_tokens", path = "/api/v1/me/tokens", tag = "account", params(crate::query::paging::PageQuery),
    responses((status = 200, body = Page<ApiToken>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list_tokens(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<crate::query::paging::PageQuery>,
) -> Result<Json<Page<ApiToken>>, ApiError> {
    Ok(Json(tokens::page(&s.db, &ctx.actor, q.paging()).await?))
}

/// A token to create.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewToken {
    /// What the token is for, e.g. "nightly export".
    pub name: String,
}

/// A token just created, with its secret: shown this once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    pub token: ApiToken,
    /// Send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

/// Creates an API token with the caller's role.
#[utoipa::path(post, operation_id = "me_create_token", path = "/api/v1/me/tokens", tag = "account", request_body = NewToken,
    responses((status = 201, body = CreatedToken), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create_token(State(s): State<AppState>, ctx: Ctx, JsonBody(b): JsonBody<NewToken>) -> Result<impl IntoResponse, ApiError> {
    let id = ctx.actor.user_id().ok_or(Error::Forbidden)?;
    let (token, secret) = tokens::create(&s.db, &ctx.actor, id, &b.name).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, secret })))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, operation_id = "me_revoke_token", path = "/api/v1/me/tokens/{id}", tag = "account", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::api::ErrorBody)))]
pub async fn revoke_token(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<StatusCode, ApiError> {
    tokens::revoke(&s.db, &ctx.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
