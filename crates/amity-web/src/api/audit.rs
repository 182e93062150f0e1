//! `/api/v1/audit`: the audit log, filtered (auditors and admins).

use crate::extract::Query;
use axum::Json;
use axum::extract::State;

use crate::error::ApiError;
use crate::query::audit::AuditQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::audit::{self, AuditEntry};

/// A page of the audit log, newest first. Filters: `entity`, `entity_id`, `actor`, `action`,
/// `from` and `to` (days, `YYYY-MM-DD`, UTC, both included).
#[utoipa::path(get, operation_id = "audit_list", path = "/api/v1/audit", tag = "audit",
    params(("entity" = Option<String>, Query), ("entity_id" = Option<String>, Query), ("actor" = Option<String>, Query), ("action" = Option<String>, Query),
        ("from" = Option<String>, Query), ("to" = Option<String>, Query), ("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses((status = 200, body = Page<AuditEntry>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<AuditQuery>) -> Result<Json<Page<AuditEntry>>, ApiError> {
    Ok(Json(audit::list(&s.db, &ctx.actor, &q.filter()?).await?))
}
