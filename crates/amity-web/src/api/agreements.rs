//! `/api/v1/partnerships/{id}/agreements`, `/api/v1/agreements/{id}` (+ `/files`) and
//! `/api/v1/files/{id}`: a partnership's agreements, their versions and files. Reading needs
//! the right to read records; changes need the partnership's unit. Files are uploaded as
//! `multipart/form-data` with a `file` part.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::extract::{JsonBody, json_or_multipart, multipart};
use crate::path_id::{Id, Ids};
use crate::request::Ctx;
use crate::state::AppState;
use crate::upload;
use amity_core::Page;
use amity_core::agreement::{self, Agreement, AgreementInput};
use amity_core::file::{self, FileInfo};

/// A file upload, for the API document: one `file` part.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the multipart upload for OpenAPI only")]
pub struct FileUpload {
    /// The file (PDF, PNG, JPEG, GIF, WebP, DOC, DOCX, XLS, XLSX or PPTX; at most 20 MiB). Its
    /// part's file name and Content-Type must match its bytes.
    #[schema(content_media_type = "application/octet-stream")]
    file: Vec<u8>,
}

/// An agreement with its first file, for the API document: an `agreement` part holding the JSON
/// of an `AgreementInput`, and an optional `file` part.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the multipart upload for OpenAPI only")]
pub struct AgreementUpload {
    /// JSON text of an `AgreementInput`.
    agreement: String,
    #[schema(content_media_type = "application/octet-stream")]
    file: Option<Vec<u8>>,
}

/// The agreements of one partnership: every version, newest signing first. `superseded_by_id`
/// is set on versions a later one replaces.
#[utoipa::path(get, operation_id = "agreements_list", path = "/api/v1/partnerships/{id}/agreements", tag = "agreements", params(("id" = i64, Path)),
    responses((status = 200, body = Page<Agreement>), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<Agreement>>, ApiError> {
    Ok(Json(Page::all(agreement::list(&s.db, &ctx.actor, id).await?)))
}

/// Records an agreement. JSON body, or `multipart/form-data` with an `agreement` part (the JSON)
/// and a `file` part. `supersedes_id` makes it a new version of an earlier agreement. A signed
/// agreement or renewal is refused while the partnership is a prospect (422 on `kind`); nothing
/// is recorded for an ended partnership (409).
#[utoipa::path(post, operation_id = "agreements_create", path = "/api/v1/partnerships/{id}/agreements", tag = "agreements", params(("id" = i64, Path)),
    request_body(content((AgreementInput = "application/json"), (AgreementUpload = "multipart/form-data"))),
    responses((status = 201, body = Agreement), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody),
        (status = 409, body = crate::api::ErrorBody), (status = 413, body = crate::api::ErrorBody), (status = 415, body = crate::api::ErrorBody),
        (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    headers: HeaderMap,
    body: Body,
) -> Result<impl IntoResponse, ApiError> {
    let (input, file): (AgreementInput, _) = json_or_multipart(&headers, body, "agreement", "file").await?;
    let a = agreement::create(&s.db, &ctx.actor, id, input, file).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/agreements/{}", a.id))], Json(a)))
}

/// One agreement with its files (descriptions; download each at `/api/v1/files/{id}`).
#[utoipa::path(get, operation_id = "agreements_show", path = "/api/v1/agreements/{id}", tag = "agreements", params(("id" = i64, Path)),
    responses((status = 200, body = Agreement), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(agreement_id): Id) -> Result<Json<Agreement>, ApiError> {
    Ok(Json(agreement::get(&s.db, &ctx.actor, agreement_id).await?))
}

/// Replaces an agreement's details; `version` must be the one read, else 409. `supersedes_id`
/// cannot change (record a new version instead).
#[utoipa::path(put, operation_id = "agreements_update", path = "/api/v1/agreements/{id}", tag = "agreements", params(("id" = i64, Path)), request_body = AgreementInput,
    responses((status = 200, body = Agreement), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(agreement_id): Id,
    JsonBody(input): JsonBody<AgreementInput>,
) -> Result<Json<Agreement>, ApiError> {
    Ok(Json(agreement::update(&s.db, &ctx.actor, agreement_id, input).await?))
}

/// Deletes an agreement and its files. A version it superseded becomes current again.
#[utoipa::path(delete, operation_id = "agreements_delete", path = "/api/v1/agreements/{id}", tag = "agreements", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(agreement_id): Id) -> Result<StatusCode, ApiError> {
    agreement::delete(&s.db, &ctx.actor, agreement_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a file to an agreement: `multipart/form-data` with a `file` part. Refused: empty (422
/// `file_empty`), over 20 MiB (413 `file_too_large`), a kind not kept (422 `file_type_not_allowed`)
/// or bytes that are not what the name and type claim (422 `file_type_mismatch`).
#[utoipa::path(post, operation_id = "agreements_add_file", path = "/api/v1/agreements/{id}/files", tag = "agreements", params(("id" = i64, Path)),
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = FileInfo), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody),
        (status = 409, body = crate::api::ErrorBody), (status = 413, body = crate::api::ErrorBody), (status = 415, body = crate::api::ErrorBody),
        (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_file(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(agreement_id): Id,
    headers: HeaderMap,
    body: Body,
) -> Result<impl IntoResponse, ApiError> {
    let id = agreement_id;
    let mut posted = multipart(&headers, body).await?;
    let file = posted.take_file("file").ok_or_else(|| ApiError::field(amity_core::FieldError::new("file", "file_required")))?;
    let info = agreement::attach_file(&s.db, &ctx.actor, id, file).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/files/{}", info.id))], Json(info)))
}

/// Removes one of an agreement's files.
#[utoipa::path(delete, operation_id = "agreements_remove_file", path = "/api/v1/agreements/{id}/files/{file_id}", tag = "agreements",
    params(("id" = i64, Path), ("file_id" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn remove_file(State(s): State<AppState>, ctx: Ctx, Ids(agreement_id, file_id): Ids) -> Result<StatusCode, ApiError> {
    agreement::detach_file(&s.db, &ctx.actor, agreement_id, file_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A stored file's bytes, with the type they show (`X-Content-Type-Options: nosniff`); pictures
/// inline, everything else as an attachment named as uploaded (RFC 6266 `filename*`). Reading
/// needs the right to read what it belongs to.
#[utoipa::path(get, operation_id = "agreements_download", path = "/api/v1/files/{id}", tag = "agreements", params(("id" = i64, Path)),
    responses((status = 200, description = "The file's bytes", content_type = "application/octet-stream"), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn download(State(s): State<AppState>, ctx: Ctx, Id(file_id): Id) -> Result<Response, ApiError> {
    Ok(upload::file_response(file::download(&s.db, &ctx.actor, file_id).await?))
}
