//! Errors as responses, mapped in one place: the API's JSON shape and the pages' apology.
//! Internal causes are logged with the request id and never shown.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use amity_core::{Error, FieldError};

use crate::i18n::Locale;
use crate::request;

/// An API failure: a domain error, or a problem with the request itself.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub fields: Vec<FieldError>,
}

impl ApiError {
    /// A request-level failure with no field errors.
    pub fn new(status: StatusCode, code: &'static str) -> Self {
        Self { status, code, fields: Vec::new() }
    }

    /// A body over its route's limit (no field to name).
    pub fn too_large() -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    }

    /// A 422 naming one field.
    pub fn field(field: FieldError) -> Self {
        Self { status: StatusCode::UNPROCESSABLE_ENTITY, code: "validation", fields: vec![field] }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::NotFound { .. } => ApiError::new(StatusCode::NOT_FOUND, "not_found"),
            Error::Validation(fields) if fields.iter().any(is_too_large_field) => ApiError { fields, ..ApiError::too_large() },
            Error::Validation(fields) => ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, code: "validation", fields },
            Error::Conflict { field, code } => {
                ApiError { status: StatusCode::CONFLICT, code: "conflict", fields: vec![FieldError::new(field, &code)] }
            }
            Error::Forbidden => ApiError::new(StatusCode::FORBIDDEN, "forbidden"),
            Error::Internal(cause) => {
                tracing::error!(request_id = %request::current().request_id, %cause, "internal error");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

/// The one "too large" case: a file (or a body) over its limit, as the field error that names
/// it. It is answered 413 instead of 422 — by [`ApiError`], the error page and re-rendered forms,
/// which all ask [`refusal_status`].
pub fn too_large(field: &str) -> Error {
    Error::Validation(vec![FieldError::new(field, "file_too_large").with("max", "20 MiB")])
}

fn is_too_large_field(f: &FieldError) -> bool {
    f.code == "file_too_large"
}

/// The status of refused input: 413 when something is too large, 422 otherwise.
pub fn refusal_status(e: &Error) -> StatusCode {
    match e {
        Error::Validation(f) if f.iter().any(is_too_large_field) => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The translated message of one field error.
pub fn field_message(l: Locale, f: &FieldError) -> String {
    let params: Vec<(&str, String)> = f.params.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    l.t_with(&format!("error.{}", f.code), &params)
}

/// The translated message of a whole error.
pub fn message(l: Locale, code: &str) -> String {
    let info = request::current();
    l.t_with(&format!("error.{code}"), &[("request_id", info.request_id)])
}

/// The most field errors an answer lists; the rest are counted in `more`.
pub const FIELDS_MAX: usize = 50;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let l = request::current().locale;
        let fields: Vec<_> = self
            .fields
            .iter()
            .take(FIELDS_MAX)
            .map(|f| json!({ "field": f.field, "code": f.code, "message": field_message(l, f) }))
            .collect();
        let more = self.fields.len().saturating_sub(FIELDS_MAX);
        let body = json!({ "error": { "code": self.code, "message": message(l, self.code), "fields": fields, "more": more } });
        (self.status, Json(body)).into_response()
    }
}

/// Middleware: under `/api/`, an error answered as anything but JSON (a rejection of axum's own
/// extractors, the body limit, a method the route lacks) becomes the documented JSON error of its
/// status.
pub async fn api_json(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json") || t.contains("+json"));
    if !api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = match status {
        StatusCode::BAD_REQUEST => ApiError::new(status, "bad_request"),
        StatusCode::UNAUTHORIZED => ApiError::new(status, "unauthenticated"),
        StatusCode::FORBIDDEN => ApiError::new(status, "forbidden"),
        StatusCode::NOT_FOUND => ApiError::new(status, "not_found"),
        StatusCode::METHOD_NOT_ALLOWED => ApiError::new(status, "method_not_allowed"),
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(status, "payload_too_large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(status, "unsupported_media_type"),
        StatusCode::UNPROCESSABLE_ENTITY => ApiError::new(status, "validation"),
        StatusCode::REQUEST_TIMEOUT => ApiError::new(status, "request_timeout"),
        s if s.is_server_error() => ApiError::new(status, "internal"),
        _ => ApiError::new(status, "bad_request"),
    };
    let mut answer = error.into_response();
    for name in [axum::http::header::ALLOW, axum::http::header::WWW_AUTHENTICATE] {
        if let Some(v) = response.headers().get(&name) {
            answer.headers_mut().insert(name, v.clone());
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    /// What a layer outside the handlers answers (a timeout's 408, a caught panic's 500) is the
    /// API's JSON error under `/api/`, and left alone elsewhere.
    #[tokio::test]
    async fn plain_text_errors_of_the_layers_become_the_api_json_under_api() {
        let app = Router::new()
            .route("/api/v1/slow", get(|| async { (StatusCode::REQUEST_TIMEOUT, "timed out") }))
            .route("/api/v1/broken", get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "Sorry") }))
            .route("/slow", get(|| async { (StatusCode::REQUEST_TIMEOUT, "timed out") }))
            .layer(axum::middleware::from_fn(super::api_json));
        for (uri, status, code) in [
            ("/api/v1/slow", StatusCode::REQUEST_TIMEOUT, "request_timeout"),
            ("/api/v1/broken", StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        ] {
            let r = app.clone().oneshot(Request::get(uri).body(Body::empty()).expect("request")).await.expect("answer");
            assert_eq!(r.status(), status);
            let body = r.into_body().collect().await.expect("body").to_bytes();
            let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{uri} is not JSON ({e})"));
            assert_eq!(v["error"]["code"], code, "{uri}: {v}");
        }
        let page = app.oneshot(Request::get("/slow").body(Body::empty()).expect("request")).await.expect("answer");
        assert_eq!(page.into_body().collect().await.expect("body").to_bytes(), "timed out");
    }
}
