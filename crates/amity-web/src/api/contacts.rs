//! `/api/v1/contacts` (every partnership's contacts), `/api/v1/partnerships/{id}/contacts` and
//! `/api/v1/contacts/{id}`: the people on both sides of a partnership. Personal data: admins, coordinators and unit editors only; changes need the partnership's unit.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::{JsonBody, Query};
use crate::path_id::Id;
use crate::query::contact::ContactQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::contact::{self, Contact, ContactInput, ListedContact};

/// Every partnership's contacts, by partner city, our side first, then by name; each names its
/// partnership's city and country. Filtered by the partner's `country`, a country `group` or `q`.
#[utoipa::path(get, operation_id = "contacts_list_all", path = "/api/v1/contacts", tag = "contacts", params(ContactQuery),
    responses((status = 200, body = Page<ListedContact>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list_all(State(s): State<AppState>, ctx: Ctx, Query(q): Query<ContactQuery>) -> Result<Json<Page<ListedContact>>, ApiError> {
    let filter = q.filter()?;
    Ok(Json(contact::list_all(&s.db, &ctx.actor, &filter).await?))
}

/// The contacts of one partnership: our side first, then by name.
#[utoipa::path(get, operation_id = "contacts_list", path = "/api/v1/partnerships/{id}/contacts", tag = "contacts", params(("id" = i64, Path)),
    responses((status = 200, body = Page<Contact>), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<Contact>>, ApiError> {
    Ok(Json(Page::all(contact::list(&s.db, &ctx.actor, id).await?)))
}

/// Adds a contact to a partnership. `side` is `home` or `partner`; at least one of `name_native` and
/// `name_romanised` is required.
#[utoipa::path(post, operation_id = "contacts_create", path = "/api/v1/partnerships/{id}/contacts", tag = "contacts", params(("id" = i64, Path)), request_body = ContactInput,
    responses((status = 201, body = Contact), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<ContactInput>,
) -> Result<impl IntoResponse, ApiError> {
    let c = contact::create(&s.db, &ctx.actor, id, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/contacts/{}", c.id))], Json(c)))
}

/// One contact.
#[utoipa::path(get, operation_id = "contacts_show", path = "/api/v1/contacts/{id}", tag = "contacts", params(("id" = i64, Path)),
    responses((status = 200, body = Contact), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(contact_id): Id) -> Result<Json<Contact>, ApiError> {
    Ok(Json(contact::get(&s.db, &ctx.actor, contact_id).await?))
}

/// Replaces a contact's details; `version` must be the one read, else 409.
#[utoipa::path(put, operation_id = "contacts_update", path = "/api/v1/contacts/{id}", tag = "contacts", params(("id" = i64, Path)), request_body = ContactInput,
    responses((status = 200, body = Contact), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(contact_id): Id,
    JsonBody(input): JsonBody<ContactInput>,
) -> Result<Json<Contact>, ApiError> {
    Ok(Json(contact::update(&s.db, &ctx.actor, contact_id, input).await?))
}

/// Deletes a contact.
#[utoipa::path(delete, operation_id = "contacts_delete", path = "/api/v1/contacts/{id}", tag = "contacts", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(contact_id): Id) -> Result<StatusCode, ApiError> {
    contact::delete(&s.db, &ctx.actor, contact_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
