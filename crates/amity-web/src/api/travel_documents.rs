//! `/api/v1/delegations/{id}/travel-documents` and `/api/v1/travel-documents/…`: members' passports
//! and visas. Restricted personal data: admins, coordinators and editors of the delegation's owner
//! unit only; deleted a retention period (an office setting) after the visit ends.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::delegation::documents::{self, DocumentWarning};
use amity_core::delegation::{TravelDocument, TravelDocumentInput};

/// The delegation's travel documents (documents past retention are deleted first).
#[utoipa::path(get, operation_id = "travel_documents_list", path = "/api/v1/delegations/{id}/travel-documents", tag = "delegations", params(("id" = i64, Path)),
    responses((status = 200, body = Page<TravelDocument>), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<TravelDocument>>, ApiError> {
    Ok(Json(Page::all(documents::list(&s.db, &ctx.actor, id, s.settings.today()).await?)))
}

/// Adds a passport or visa to a member of the delegation.
#[utoipa::path(post, operation_id = "travel_documents_create", path = "/api/v1/delegations/{id}/travel-documents", tag = "delegations", params(("id" = i64, Path)), request_body = TravelDocumentInput,
    responses((status = 201, body = TravelDocument), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<TravelDocumentInput>,
) -> Result<impl IntoResponse, ApiError> {
    Ok((StatusCode::CREATED, Json(documents::add(&s.db, &ctx.actor, id, &input, s.settings.today()).await?)))
}

/// Deletes a travel document.
#[utoipa::path(delete, operation_id = "travel_documents_delete", path = "/api/v1/travel-documents/{id}", tag = "delegations", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(document_id): Id) -> Result<StatusCode, ApiError> {
    documents::delete(&s.db, &ctx.actor, document_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Documents of coming visits that fail a rule: a passport valid less than six months after the
/// return, a visa ending before the visit does. Only the delegations the caller may see.
#[utoipa::path(get, operation_id = "travel_documents_alerts", path = "/api/v1/travel-documents/alerts", tag = "delegations",
    responses((status = 200, body = Page<DocumentWarning>), (status = 403, body = crate::api::ErrorBody)))]
pub async fn alerts(State(s): State<AppState>, ctx: Ctx) -> Result<Json<Page<DocumentWarning>>, ApiError> {
    Ok(Json(Page::all(documents::warnings(&s.db, &ctx.actor, s.settings.today()).await?)))
}

/// The retention period of travel documents.
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Retention {
    /// Days after a delegation's last day at which its travel documents are deleted (0–3650).
    pub days: i64,
}

/// The retention period of travel documents (default 90 days after the visit ends).
#[utoipa::path(get, operation_id = "travel_documents_retention", path = "/api/v1/settings/travel-document-retention", tag = "delegations",
    responses((status = 200, body = Retention)))]
pub async fn retention(State(s): State<AppState>, ctx: Ctx) -> Result<Json<Retention>, ApiError> {
    Ok(Json(Retention { days: documents::retention_days(&s.db, &ctx.actor).await? }))
}

/// Sets the retention period (admins); documents it makes overdue are deleted at once.
#[utoipa::path(put, operation_id = "travel_documents_set_retention", path = "/api/v1/settings/travel-document-retention", tag = "delegations", request_body = Retention,
    responses((status = 200, body = Retention), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_retention(State(s): State<AppState>, ctx: Ctx, JsonBody(input): JsonBody<Retention>) -> Result<Json<Retention>, ApiError> {
    let days = documents::set_retention_days(&s.db, &ctx.actor, &input.days.to_string(), s.settings.today()).await?;
    Ok(Json(Retention { days }))
}
