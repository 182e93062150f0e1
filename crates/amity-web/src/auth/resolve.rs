//! Middleware: turns a bearer token or a session cookie into the request's `Identity`.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::principals;
use super::{Identity, SESSION_COOKIE, Via, clear_cookie, client_info};
use crate::cache::Counter;
use crate::error::ApiError;
use crate::request::cookie;
use crate::state::AppState;

/// Resolves the identity; a bearer token that is not valid is refused outright (401).
pub async fn resolve(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let (ip, https) = client_info(&req, &s.settings.trusted_proxies, &s.settings.proxy_notice);
    let mut identity = Identity { ip: ip.clone(), https, ..Default::default() };
    let mut clear_session = false;
    // Read first, before any read it vouches for: the sign-in kept in memory and the cached answer.
    let counter = match s.settings.response_cache.enabled() {
        true => s.db.read_counter().await.map_err(|e| tracing::warn!(error = %e, "the change counter could not be read")).ok(),
        false => None,
    };
    if let Some(c) = counter {
        req.extensions_mut().insert(Counter(c));
    }
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_string);
    if let Some(secret) = bearer {
        match principals::token(&s, &secret, ip.as_deref(), counter).await {
            Ok(Some(p)) => {
                identity.principal = Some(p);
                identity.via = Via::Token;
            }
            Ok(None) => return ApiError::new(axum::http::StatusCode::UNAUTHORIZED, "invalid_token").into_response(),
            Err(e) => return ApiError::from(e).into_response(),
        }
    } else if let Some(id) = cookie(req.headers(), SESSION_COOKIE).filter(|v| !v.is_empty()) {
        match principals::session(&s, &id, ip.as_deref(), counter).await {
            Ok(Some((p, session))) => {
                identity.principal = Some(p);
                identity.via = Via::Session { id, csrf: session.csrf_token };
            }
            Ok(None) => clear_session = true,
            Err(e) => return ApiError::from(e).into_response(),
        }
    }
    req.extensions_mut().insert(identity);
    req.extensions_mut().insert(s.clone());
    let mut resp = next.run(req).await;
    if clear_session
        && !resp.headers().contains_key(header::SET_COOKIE)
        && let Ok(v) = HeaderValue::from_str(&clear_cookie(SESSION_COOKIE, https))
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}
