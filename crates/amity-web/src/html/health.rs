//! `GET /healthz`: whether the server and its database answer.

use amity_core::store::Store;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::state::AppState;

/// 200 with `{"status":"ok","database":"ok"}`, or 503 when the database does not answer.
pub async fn show(State(s): State<AppState>) -> (StatusCode, Json<Value>) {
    match s.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok", "backend": s.db.backend().as_str() }))),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unreachable", "backend": s.db.backend().as_str() })),
            )
        }
    }
}
