//! `/api/v1/people`: every person Amity holds (contacts, event registrants, delegation members),
//! found by name or e-mail, and their erasure on request (admins). See docs/API.md, *People and
//! erasure on request*.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use crate::error::ApiError;
use crate::extract::{JsonBody, Query};
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::person::{self, ErasureInput, ErasureOutcome, PersonRecord};

/// `?q=`: a name or e-mail, or part of one (at least two characters).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Part of a name (any script) or e-mail address.
    pub q: String,
}

/// Records of every kind holding a person whose name or e-mail contains `q`.
///
/// Case and Latin accents are ignored; up to 50 of each kind. Each carries its `kind` and `id` for an erasure.
#[utoipa::path(get, operation_id = "people_search", path = "/api/v1/people", tag = "people", params(PeopleQuery),
    responses((status = 200, body = Page<PersonRecord>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn search(State(s): State<AppState>, ctx: Ctx, Query(q): Query<PeopleQuery>) -> Result<Json<Page<PersonRecord>>, ApiError> {
    Ok(Json(Page::all(person::search(&s.db, &ctx.actor, &q.q).await?)))
}

/// What erasing the selected records would erase; nothing is written.
#[utoipa::path(post, operation_id = "people_preview", path = "/api/v1/people/erasure/preview", tag = "people", request_body = ErasureInput,
    responses((status = 200, body = Page<PersonRecord>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn preview(
    State(s): State<AppState>,
    ctx: Ctx,
    JsonBody(input): JsonBody<ErasureInput>,
) -> Result<Json<Page<PersonRecord>>, ApiError> {
    Ok(Json(Page::all(person::preview(&s.db, &ctx.actor, &input).await?)))
}

/// Erases the selected records in one transaction and redacts them from the audit log.
///
/// The body is `{"records": [{"kind": "contact", "id": 7}, …]}`; the answer counts what was erased.
/// A missing record is 422 naming `records[i].id`, and nothing is erased.
#[utoipa::path(post, operation_id = "people_erase", path = "/api/v1/people/erasure", tag = "people", request_body = ErasureInput,
    responses((status = 200, body = ErasureOutcome), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn erase(State(s): State<AppState>, ctx: Ctx, JsonBody(input): JsonBody<ErasureInput>) -> Result<Json<ErasureOutcome>, ApiError> {
    Ok(Json(person::erase(&s.db, &ctx.actor, &input).await?))
}
