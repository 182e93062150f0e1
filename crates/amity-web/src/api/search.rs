//! `GET /api/v1/search?q=`: partnerships, activities and (for roles that see personal data) contacts.

use crate::extract::Query;
use axum::Json;
use axum::extract::State;

use crate::error::ApiError;
use crate::query::search::SearchQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::search::{self, Found};

/// Up to 20 of each kind matching `q` in any name and script, with the totals.
#[utoipa::path(get, operation_id = "search_search", path = "/api/v1/search", tag = "cooperation", params(SearchQuery),
    responses((status = 200, body = Found), (status = 422, body = crate::api::ErrorBody)))]
pub async fn search(State(s): State<AppState>, ctx: Ctx, Query(q): Query<SearchQuery>) -> Result<Json<Found>, ApiError> {
    Ok(Json(search::all(&s.db, &ctx.actor, &q.q).await?))
}
