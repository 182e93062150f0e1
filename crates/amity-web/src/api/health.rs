//! `/api/v1/health`, `/api/v1/attention`, `/api/v1/coverage`: what the log says about each partner.

use crate::extract::Query;
use axum::Json;
use axum::extract::State;

use super::attention_body::AttentionBody;
use super::coverage_body::CoverageBody;
use crate::error::ApiError;
use crate::query::activity::CoverageQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::coverage;
use amity_core::health::{self, Health};

/// The health of every partnership (active, quiet or dormant, with its figures), today in the office's time zone.
#[utoipa::path(get, operation_id = "health_list", path = "/api/v1/health", tag = "cooperation", responses((status = 200, body = Vec<Health>)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx) -> Result<Json<Vec<Health>>, ApiError> {
    let all = health::all(&s.db, &ctx.actor, s.settings.today()).await?;
    Ok(Json(all.into_iter().map(|(_, h)| h).collect()))
}

/// What needs attention: dormant and quiet partners of active relationships, overdue commitments,
/// current agreements whose validity ends within 90 days (of partnerships that have not ended);
/// `partnerships` describes each partnership they name once.
#[utoipa::path(get, operation_id = "health_attention", path = "/api/v1/attention", tag = "cooperation", responses((status = 200, body = AttentionBody)))]
pub async fn attention(State(s): State<AppState>, ctx: Ctx) -> Result<Json<AttentionBody>, ApiError> {
    let a = health::attention(&s.db, &ctx.actor, s.settings.today()).await?;
    Ok(Json(AttentionBody::new(&s.db, &ctx.actor, a).await?))
}

/// The coverage matrix: done activities per partnership and cooperation field over a period. Rows
/// name their partnership by id; `partnerships` describes each once.
#[utoipa::path(get, operation_id = "health_coverage", path = "/api/v1/coverage", tag = "cooperation", params(CoverageQuery),
    responses((status = 200, body = CoverageBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn coverage(State(s): State<AppState>, ctx: Ctx, Query(q): Query<CoverageQuery>) -> Result<Json<CoverageBody>, ApiError> {
    Ok(Json(coverage::matrix(&s.db, &ctx.actor, &q.filter(s.settings.today())?).await?.into()))
}
