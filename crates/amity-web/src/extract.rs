//! The API's body readers, with errors a user can act on (wrong content type, empty body,
//! malformed JSON, a field of the wrong type — named by its path): `JsonBody` for JSON routes,
//! [`json_or_multipart`] for routes that also take a file, [`multipart`] for file-only routes; and
//! [`Query`], a query string read with errors that name the parameter.

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

/// Decodes a JSON document, naming the offending field on a type error. Characters after the
/// document are refused (`trailing_characters`); a member whose value is `null` counts as absent, so
/// an optional field a GET answered as `null` can be sent back as it is (every input is
/// `#[serde(default)]`: absent is empty).
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "empty_body"));
    }
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.classify() == serde_json::error::Category::Syntax && e.to_string().starts_with("trailing characters") {
            ApiError::new(StatusCode::BAD_REQUEST, "trailing_characters")
        } else {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_json")
        }
    })?;
    drop_nulls(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_string() } else { path };
        ApiError::field(FieldError::new(field, "wrong_type"))
    })
}

/// Removes every object member whose value is `null`, at any depth.
fn drop_nulls(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|_, item| !item.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// A query string decoded into `T` (as axum's `Query`, with repeated keys as lists). What does not
/// decode is a 422 naming its parameter: a value of the wrong type (`wrong_type`), or a parameter
/// given twice where one value is expected (`repeated_parameter`, where axum answered a plain-text
/// 400; found by the fuzzer, `scripts/fuzz-api`) — the API's JSON under `/api/`, the error page
/// elsewhere.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = axum::response::Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        query(parts.uri.query().unwrap_or("")).map(Query).map_err(|err| {
            if parts.uri.path().starts_with("/api/") {
                ApiError::from(err).into_response()
            } else {
                crate::html::HtmlError(err).into_response()
            }
        })
    }
}

/// Query string `q` decoded into `T`, or the validation error naming the parameter that does not
/// decode (as [`Query`] answers it), for a page that shows it above its form.
pub fn query<T: DeserializeOwned>(q: &str) -> Result<T, amity_core::Error> {
    serde_path_to_error::deserialize(serde_html_form::Deserializer::from_bytes(q.as_bytes())).map_err(|e| {
        let path = e.path().to_string();
        let problem = match repeated(q) {
            Some(key) if path == "." || path == key => FieldError::new(amity_core::validate::truncate(&key, 60), "repeated_parameter"),
            _ => FieldError::new(if path == "." { "query".to_string() } else { path }, "wrong_type"),
        };
        amity_core::Error::Validation(vec![problem])
    })
}

/// The first parameter a query string gives twice.
fn repeated(query: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_html_form::from_str(query).unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    pairs.into_iter().map(|(k, _)| k).find(|k| !seen.insert(k.clone()))
}
