//! CSRF protection. Signed-in browsers must send their session's token with every state-changing
//! request: the `_csrf` form field (URL-encoded or multipart) or the `X-CSRF-Token` header. The
//! sign-in form, which has no session yet, uses a double-submit cookie instead. Requests with an API token carry no cookies
//! and need no CSRF token.

use axum::body::{Body, Bytes};
use axum::http::Request;
use axum::response::Response;
use serde::Deserialize;

use amity_core::auth::same_secret;

/// Cookie holding the sign-in form's token.
pub const PRE_CSRF_COOKIE: &str = "amity_pre";

#[derive(Deserialize, Default)]
#[serde(default)]
struct Field {
    #[serde(rename = "_csrf")]
    csrf: String,
}

/// The `_csrf` field of a URL-encoded form body (empty when absent).
pub fn form_token(body: &[u8]) -> String {
    serde_html_form::from_bytes::<Field>(body).map(|f| f.csrf).unwrap_or_default()
}

/// Whether the request carries `expected`, in the header or the form body (URL-encoded, or
/// multipart with `_csrf` among its fields). Returns the request rebuilt with its body, since
/// reading the form consumes it; a body over its route's limit is answered with 413 instead.
pub async fn check(req: Request<Body>, expected: &str) -> Result<(bool, Request<Body>), Response> {
    if let Some(h) = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        let ok = !expected.is_empty() && same_secret(h, expected);
        return Ok((ok, req));
    }
    let api = req.uri().path().starts_with("/api/");
    let (parts, body) = req.into_parts();
    // The route's own limit (BODY_LIMIT, or the upload limit) already bounds the body.
    let bytes: Bytes = match axum::body::to_bytes(body, crate::upload::UPLOAD_BODY_LIMIT).await {
        Ok(b) => b,
        Err(e) if crate::upload::is_length_limit(&e) => {
            return Err(if parts.extensions.get::<crate::upload::UploadRoute>().is_some() {
                crate::upload::too_large(api, "file")
            } else {
                axum::response::IntoResponse::into_response(crate::error::ApiError::too_large())
            });
        }
        // A body that cannot be read is an error, not an empty form with no token.
        Err(_) => return Err(refuse_unreadable(api)),
    };
    let token = if crate::upload::is_multipart(&parts.headers) {
        crate::upload::multipart_token(&parts.headers, bytes.clone()).await
    } else {
        form_token(&bytes)
    };
    let ok = !expected.is_empty() && same_secret(&token, expected);
    Ok((ok, Request::from_parts(parts, Body::from(bytes))))
}

/// Whether the sign-in form's token matches its cookie.
pub fn pre_csrf_ok(cookie: Option<&str>, field: &str) -> bool {
    matches!(cookie, Some(c) if c.len() >= 32 && same_secret(c, field))
}

/// The answer to a body that cannot be read: the form could not be read (422 naming `body`).
fn refuse_unreadable(api: bool) -> Response {
    use axum::response::IntoResponse;
    let e = amity_core::Error::invalid("body", "invalid_form");
    if api { crate::error::ApiError::from(e).into_response() } else { crate::html::HtmlError(e).into_response() }
}
