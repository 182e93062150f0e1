//! `/api/v1/gifts`: the gift registry — gifts given and received, their estimated value, where
//! they are kept, their disclosure status and photo. Internal: readers of records only.

use crate::extract::Query;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::{JsonBody, json_or_multipart, multipart};
use crate::path_id::Id;
use crate::query::gift::GiftQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::gift::{self, Gift, GiftInput};
use amity_core::{FieldError, Page};

/// A gift with its photo, for the API document: a `gift` part holding the JSON of a `GiftInput`
/// and an optional `photo` part (an image).
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the multipart upload for OpenAPI only")]
pub struct GiftUpload {
    /// JSON text of a `GiftInput`.
    gift: String,
    #[schema(content_media_type = "application/octet-stream")]
    photo: Option<Vec<u8>>,
}

/// A photo upload, for the API document: one `photo` part (PNG, JPEG, GIF or WebP, at most 20 MiB).
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the multipart upload for OpenAPI only")]
pub struct PhotoUpload {
    #[schema(content_media_type = "application/octet-stream")]
    photo: Vec<u8>,
}

/// The registry, newest first, filtered by direction, year, partnership and disclosure status.
#[utoipa::path(get, operation_id = "gifts_list", path = "/api/v1/gifts", tag = "gifts", params(GiftQuery),
    responses((status = 200, body = Page<Gift>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<GiftQuery>) -> Result<Json<Page<Gift>>, ApiError> {
    let filter = q.filter()?;
    Ok(Json(gift::list(&s.db, &ctx.actor, &filter).await?))
}

/// Records a gift: JSON, or `multipart/form-data` with a `gift` part (the JSON) and a `photo`
/// part. `value` is an amount (`1,200.50`, see docs/API.md, *Amounts*) and needs an ISO 4217 `currency`.
#[utoipa::path(post, operation_id = "gifts_create", path = "/api/v1/gifts", tag = "gifts",
    request_body(content((GiftInput = "application/json"), (GiftUpload = "multipart/form-data"))),
    responses((status = 201, body = Gift), (status = 403, body = crate::api::ErrorBody), (status = 413, body = crate::api::ErrorBody),
        (status = 415, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(s): State<AppState>, ctx: Ctx, headers: HeaderMap, body: Body) -> Result<impl IntoResponse, ApiError> {
    let (input, photo): (GiftInput, _) = json_or_multipart(&headers, body, "gift", "photo").await?;
    let g = gift::create(&s.db, &ctx.actor, input, photo).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/gifts/{}", g.id))], Json(g)))
}

/// One gift (its photo's description; download it at `/api/v1/files/{id}`).
#[utoipa::path(get, operation_id = "gifts_show", path = "/api/v1/gifts/{id}", tag = "gifts", params(("id" = i64, Path)),
    responses((status = 200, body = Gift), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id) -> Result<Json<Gift>, ApiError> {
    Ok(Json(gift::get(&s.db, &ctx.actor, gift_id).await?))
}

/// Replaces a gift's details (not its photo); `version` must be the one read, else 409.
#[utoipa::path(put, operation_id = "gifts_update", path = "/api/v1/gifts/{id}", tag = "gifts", params(("id" = i64, Path)), request_body = GiftInput,
    responses((status = 200, body = Gift), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(gift_id): Id,
    JsonBody(input): JsonBody<GiftInput>,
) -> Result<Json<Gift>, ApiError> {
    Ok(Json(gift::update(&s.db, &ctx.actor, gift_id, input).await?))
}

/// Deletes a gift and its photo.
#[utoipa::path(delete, operation_id = "gifts_delete", path = "/api/v1/gifts/{id}", tag = "gifts", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id) -> Result<StatusCode, ApiError> {
    gift::delete(&s.db, &ctx.actor, gift_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets or replaces the photo: `multipart/form-data` with a `photo` part (an image only; 422
/// `file_not_image` otherwise, 413 over 20 MiB).
#[utoipa::path(post, operation_id = "gifts_set_photo", path = "/api/v1/gifts/{id}/photo", tag = "gifts", params(("id" = i64, Path)),
    request_body(content = PhotoUpload, content_type = "multipart/form-data"),
    responses((status = 200, body = Gift), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody),
        (status = 413, body = crate::api::ErrorBody), (status = 415, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_photo(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(gift_id): Id,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Gift>, ApiError> {
    let id = gift_id;
    let mut posted = multipart(&headers, body).await?;
    let photo = posted.take_file("photo").ok_or_else(|| ApiError::field(FieldError::new("photo", "file_required")))?;
    Ok(Json(gift::set_photo(&s.db, &ctx.actor, id, photo).await?))
}

/// Removes the photo.
#[utoipa::path(delete, operation_id = "gifts_remove_photo", path = "/api/v1/gifts/{id}/photo", tag = "gifts", params(("id" = i64, Path)),
    responses((status = 200, body = Gift), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn remove_photo(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id) -> Result<Json<Gift>, ApiError> {
    Ok(Json(gift::remove_photo(&s.db, &ctx.actor, gift_id).await?))
}
