//! `GET /assets/{file}`: our CSS and small scripts, embedded in the binary.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &str)] = &[
    ("app.css", "text/css; charset=utf-8", include_str!("../../assets/app.css")),
    ("city-picker.js", "text/javascript; charset=utf-8", include_str!("../../assets/city-picker.js")),
];

/// Serves an embedded asset, cached for a day.
pub async fn show(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, ct, body)) => ([(header::CONTENT_TYPE, *ct), (header::CACHE_CONTROL, "public, max-age=86400")], *body).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
