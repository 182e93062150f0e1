//! The middleware: answers GET and HEAD requests from the cache when the change counter has not
//! moved since the answer was built, answers `If-None-Match` with 304 from the counter alone, and
//! keeps 200 answers that set no cookie. It runs after the caller is resolved (`auth::resolve`), so
//! a revoked session or token never reaches it, and before each route's permission guard.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use super::key::{CacheKey, KeyParts, etag};
use super::{Entry, ResponseCache};
use crate::auth::{Identity, Via};
use crate::request::negotiate;
use crate::state::AppState;

/// Middleware: see the module note.
pub async fn cache(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let store = &s.settings.response_cache;
    let Some((key, private)) = key_of(&s, &req).filter(|_| store.enabled()) else {
        return next.run(req).await;
    };
    // Read (by `resolve`, or here) before the handler's own reads: an answer kept under this value
    // never shows less than it.
    let counter = match req.extensions().get::<super::Counter>() {
        Some(c) => Ok(c.0),
        None => s.db.read_counter().await,
    };
    let counter = match counter {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "the change counter could not be read; answering without the cache");
            return next.run(req).await;
        }
    };
    let tag = etag(&key, counter);
    if matches_tag(req.headers(), &tag) {
        let mut headers = HeaderMap::new();
        decorate(&mut headers, &tag, private);
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    if let Some(hit) = store.get(&key.0, counter) {
        return answer(hit);
    }
    let head = req.method() == Method::HEAD;
    let response = next.run(req).await;
    keep(store, key, counter, &tag, private, head, response).await
}

/// The key of a cacheable request and whether its answer is private to the caller.
fn key_of(s: &AppState, req: &Request) -> Option<(CacheKey, bool)> {
    let identity = req.extensions().get::<Identity>()?;
    let parts = KeyParts {
        method: req.method(),
        uri: req.uri(),
        headers: req.headers(),
        identity,
        locale: negotiate(req.uri().query(), req.headers()),
        today: s.settings.today(),
        proxy_notice: s.settings.proxy_notice.untrusted(),
    };
    Some((CacheKey::of(&parts)?, identity.via != Via::Nobody))
}

/// Adds the validator and the caching rules to a response's headers.
fn decorate(headers: &mut HeaderMap, tag: &str, private: bool) {
    if let Ok(v) = HeaderValue::from_str(tag) {
        headers.insert(header::ETAG, v);
    }
    // Browsers keep the answer but ask again each time (a 304 costs one read of the counter).
    let rule = if private { "private, no-cache" } else { "no-cache" };
    headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(rule));
    headers.append(header::VARY, HeaderValue::from_static("authorization"));
}

/// Whether `If-None-Match` names the current tag (weak comparison, as RFC 9110 asks for GET).
fn matches_tag(headers: &HeaderMap, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let want = bare(tag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || bare(t) == want)
}

fn answer(e: Entry) -> Response {
    let mut r = Response::new(Body::from(e.body));
    *r.status_mut() = e.status;
    *r.headers_mut() = e.headers;
    r
}

/// Decorates a 200 answer and keeps it when it is small enough; other answers pass untouched.
async fn keep(store: &ResponseCache, key: CacheKey, counter: i64, tag: &str, private: bool, head: bool, response: Response) -> Response {
    let no_store = response
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("no-store") || v.contains("private=") || v.contains("no-cache=")));
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) || no_store {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    decorate(&mut parts.headers, tag, private);
    let small = axum::body::HttpBody::size_hint(&body).exact().is_some_and(|n| usize::try_from(n).is_ok_and(|n| n <= store.max_entry()));
    if head || !small {
        return Response::from_parts(parts, body);
    }
    let bytes = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            tracing::error!(error = %e, "reading an answer to cache it failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    store.put(key.0, Entry { counter, status: parts.status, headers: parts.headers.clone(), body: bytes.clone() });
    Response::from_parts(parts, Body::from(bytes))
}
