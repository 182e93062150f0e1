//! What every request carries through its handling: its language and its id, set by one middleware
//! and read by error responses (a task-local, never a process-global setting).

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::Identity;
use crate::i18n::{LANG_COOKIE, Locale};
use amity_core::Actor;

/// The language and id of the request being handled.
#[derive(Debug, Clone)]
pub struct RequestInfo {
    pub locale: Locale,
    pub request_id: String,
}

tokio::task_local! {
    static CURRENT: RequestInfo;
}

/// The current request's info (English and no id outside a request).
pub fn current() -> RequestInfo {
    CURRENT.try_with(Clone::clone).unwrap_or(RequestInfo { locale: Locale::En, request_id: String::new() })
}

/// Chooses the locale: `?lang=` on the URL, then the cookie set by the language switch, then `Accept-Language`.
pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> Locale {
    let from_query = query.and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("lang=")).and_then(Locale::parse));
    from_query
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(|v| Locale::parse(&v)))
        .or_else(|| headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Locale::from_accept_language))
        .unwrap_or_default()
}

/// The value of one cookie.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// Middleware: works out the request's locale and id and makes them current while it is handled.
pub async fn scope(req: Request, next: Next) -> Response {
    let locale = negotiate(req.uri().query(), req.headers());
    let request_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let mut response = CURRENT.scope(RequestInfo { locale, request_id }, next.run(req)).await;
    response.headers_mut().insert(header::CONTENT_LANGUAGE, header::HeaderValue::from_static(locale.code()));
    response.headers_mut().append(header::VARY, header::HeaderValue::from_static("accept-language, cookie"));
    response
}

/// Extractor: who is acting and in which language, plus the path (for the language switch to return to).
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The signed-in user, or `Anonymous`.
    pub actor: Actor,
    pub locale: Locale,
    /// Path and query of this request.
    pub here: String,
    /// The session's CSRF token, for the forms of the page (empty without a session).
    pub csrf: String,
    /// The resolved identity (address, scheme, how it signed in).
    pub identity: Identity,
    /// The database holds the invented sample office (pages show a banner saying so).
    pub sample: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let here = parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
        let identity = parts.extensions.get::<Identity>().cloned().unwrap_or_default();
        let actor = identity.principal.clone().map_or(Actor::Anonymous, Actor::User);
        // Only pages show the banner: the API answers `GET /api/v1/data-set` instead.
        let sample = match parts.extensions.get::<crate::state::AppState>() {
            Some(s) if !here.starts_with("/api/") => crate::state::holds_sample(&s.db).await,
            _ => false,
        };
        Ok(Ctx { actor, locale: negotiate(parts.uri.query(), &parts.headers), here, csrf: identity.csrf().to_string(), identity, sample })
    }
}

impl Ctx {
    /// A context for responses built outside a handler (error pages).
    pub fn bare(locale: Locale) -> Self {
        Ctx { actor: Actor::Anonymous, locale, here: "/".into(), csrf: String::new(), identity: Identity::default(), sample: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn query_beats_cookie_beats_accept_language() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("zh-CN"));
        assert_eq!(negotiate(None, &h), Locale::Zh);
        h.insert(header::COOKIE, HeaderValue::from_static("x=1; amity_lang=en"));
        assert_eq!(negotiate(None, &h), Locale::En);
        assert_eq!(negotiate(Some("page=2&lang=zh-CN"), &h), Locale::Zh);
        assert_eq!(negotiate(None, &HeaderMap::new()), Locale::En);
    }
}
