//! CSRF protection. Signed-in browsers must send their session's token with every state-changing
//! request: the `_csrf` form field or the `X-CSRF-Token` header. The sign-in form, which has no
//! session yet, uses a double-submit cookie instead. Requests with an API token carry no cookies
//! and need no CSRF token.

use axum::body::{Body, Bytes};
use axum::http::Request;
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

/// Whether the request carries `expected`, in the header or the form body. Returns the request
/// rebuilt with its body, since reading the form consumes it.
pub async fn check(req: Request<Body>, expected: &str) -> (bool, Request<Body>) {
    if let Some(h) = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        let ok = !expected.is_empty() && same_secret(h, expected);
        return (ok, req);
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, crate::BODY_LIMIT).await.unwrap_or_default();
    let ok = !expected.is_empty() && same_secret(&form_token(&bytes), expected);
    (ok, Request::from_parts(parts, Body::from(bytes)))
}

/// Whether the sign-in form's token matches its cookie.
pub fn pre_csrf_ok(cookie: Option<&str>, field: &str) -> bool {
    matches!(cookie, Some(c) if c.len() >= 32 && same_secret(c, field))
}
