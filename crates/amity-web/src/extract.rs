//! The API's body readers, with errors a user can act on (wrong content type, empty body,
//! malformed JSON, a field of the wrong type — named by its path): `JsonBody` for JSON routes,
//! [`json_or_multipart`] for routes that also take a file, [`multipart`] for file-only routes; and
//! [`ApiQuery`], the query string of an API route.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::upload::{self, Posted};
use amity_core::FieldError;
use amity_core::file::Upload;

/// A JSON request body decoded into `T`.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(unsupported());
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|_| ApiError::too_large())?;
        decode(&bytes).map(JsonBody)
    }
}

/// An API route's query string decoded into `T` (whose parameters are text, checked by the list's
/// filter). What does not decode — a parameter given twice — is a 422 naming the parameter, in the
/// error body, where axum's `Query` answered a plain-text 400 (found by the fuzzer, `scripts/fuzz-api`).
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        serde_html_form::from_str(query).map(ApiQuery).map_err(|_| {
            let pairs: Vec<(String, String)> = serde_html_form::from_str(query).unwrap_or_default();
            let mut seen = std::collections::HashSet::new();
            match pairs.iter().find(|(k, _)| !seen.insert(k.as_str())) {
                Some((k, _)) => ApiError::field(FieldError::new(amity_core::validate::truncate(k, 60), "repeated_parameter")),
                None => ApiError::field(FieldError::new("query", "wrong_type")),
            }
        })
    }
}

/// Whether the body is JSON: `application/json` or any `+json` type.
fn is_json(headers: &HeaderMap) -> bool {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let mime = ct.split(';').next().unwrap_or("").trim();
    mime == "application/json" || mime.ends_with("+json")
}

fn unsupported() -> ApiError {
    ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
}

/// The body of a route that takes a record with an optional file: JSON (as [`JsonBody`] accepts
/// it, at most [`crate::BODY_LIMIT`]), or `multipart/form-data` whose `json_part` holds the JSON
/// and whose `file_part` the file.
pub async fn json_or_multipart<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Body,
    json_part: &str,
    file_part: &str,
) -> Result<(T, Option<Upload>), ApiError> {
    if upload::is_multipart(headers) {
        let mut posted = upload::read(headers, body).await?;
        let file = posted.take_file(file_part);
        let json = posted.text(json_part).ok_or_else(|| ApiError::field(FieldError::new(json_part, "required")))?;
        return Ok((decode(json.as_bytes())?, file));
    }
    if !is_json(headers) {
        return Err(unsupported());
    }
    let bytes = axum::body::to_bytes(body, crate::BODY_LIMIT).await.map_err(|_| ApiError::too_large())?;
    Ok((decode(&bytes)?, None))
}

/// The body of a file-only route: `multipart/form-data`, else 415.
pub async fn multipart(headers: &HeaderMap, body: Body) -> Result<Posted, ApiError> {
    if !upload::is_multipart(headers) {
        return Err(unsupported());
    }
    Ok(upload::read(headers, body).await?)
}

/// Decodes a JSON document, naming the offending field on a type error.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "empty_body"));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() {
            let field = if path == "." { "body".to_string() } else { path };
            ApiError::field(FieldError::new(field, "wrong_type"))
        } else {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_json")
        }
    })
}
