//! `GET /api/v1/openapi.json`: the OpenAPI document, complete by construction from the route registry.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;

static DOC: LazyLock<String> = LazyLock::new(|| {
    let (_, doc, _) = crate::routes::build();
    doc.to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
});

/// Serves the document.
pub async fn show() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOC.as_str())
}
