//! `GET /api/v1/openapi.json`: the OpenAPI document, complete by construction from the route registry.
//! It is serialised once, when [`crate::app`] builds the router, and handed to this handler as an extension.

use axum::Extension;
use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;

/// The document as served: pretty JSON, shared by every request (cloning it shares the bytes).
#[derive(Debug, Clone)]
pub struct Document(Bytes);

impl Document {
    /// Serialises the document that `routes::build` produced alongside the router.
    pub fn new(doc: &utoipa::openapi::OpenApi) -> Self {
        let json = doc.to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        Self(Bytes::from(json))
    }
}

/// Serves the document.
pub async fn show(Extension(doc): Extension<Document>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], doc.0)
}
