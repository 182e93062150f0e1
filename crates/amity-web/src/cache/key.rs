//! What a cached answer is keyed by: everything the answer may depend on besides the database.
//!
//! - the method, path and query (`?lang=`, filters, pages);
//! - the negotiated language and the office's date (health, reminders, "in N days");
//! - the caller: the public as one class; a browser session by the hash of its id (pages carry the
//!   user's name and the session's CSRF token); an API token by the hash of the token. Keying by
//!   credential rather than by role and unit never shares an answer between two people, at the
//!   price of one entry per caller;
//! - the host the request named (the calendar's feed page writes absolute links from it) and the
//!   untrusted-proxy notice admins are shown (held in the process, not the database). The sample
//!   office's banner is read from the database, and loading the sample is a write: no key part.
//!
//! A request that carries an Amity cookie other than the session and language ones is not cached.

use axum::http::{HeaderMap, Method, Uri, header};

use crate::auth::{Identity, SESSION_COOKIE, Via};
use crate::i18n::{LANG_COOKIE, Locale};
use amity_core::auth::sha256_hex;

/// Headers whose value a page may show (absolute links): part of the key.
const SHOWN_HEADERS: [&str; 3] = ["host", "x-forwarded-host", "x-forwarded-proto"];

/// The key of one cacheable request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey(pub String);

/// What the key is built from.
pub struct KeyParts<'a> {
    pub method: &'a Method,
    pub uri: &'a Uri,
    pub headers: &'a HeaderMap,
    pub identity: &'a Identity,
    pub locale: Locale,
    pub today: chrono::NaiveDate,
    pub proxy_notice: Option<String>,
}

impl CacheKey {
    /// The key, or `None` when the request must not be answered from the cache.
    pub fn of(p: &KeyParts<'_>) -> Option<CacheKey> {
        if p.method != Method::GET && p.method != Method::HEAD {
            return None;
        }
        if carries_other_cookie(p.headers) {
            return None;
        }
        let class = match &p.identity.via {
            Via::Nobody => "public".to_string(),
            Via::Session { id, .. } => format!("session {}", sha256_hex(id)),
            Via::Token => format!("token {}", sha256_hex(bearer(p.headers)?)),
        };
        let path = p.uri.path_and_query().map_or("/", |pq| pq.as_str());
        let mut key = format!("{} {path}\n{}\n{}\n{class}", p.method, p.locale.code(), p.today);
        for name in SHOWN_HEADERS {
            if let Some(v) = p.headers.get(name) {
                key.push('\n');
                key.push_str(name);
                key.push('=');
                key.push_str(&String::from_utf8_lossy(v.as_bytes()));
            }
        }
        if let Some(peer) = p.identity.principal.as_ref().and(p.proxy_notice.as_deref()) {
            key.push_str("\nproxy=");
            key.push_str(peer);
        }
        Some(CacheKey(key))
    }
}

/// The weak ETag of the answer to `key` while the counter stands at `counter`: the same on every
/// server (a SHA-256 of the key, not a per-process hash). Weak because an answer may differ in bytes
/// that do not matter (the time stamp of a calendar feed) while saying the same.
pub fn etag(key: &CacheKey, counter: i64) -> String {
    let hash = sha256_hex(&key.0);
    format!("W/\"{counter}-{}\"", &hash[..16])
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

/// Whether the request carries an Amity cookie that may change the answer (the sign-in form's
/// one); cookies of other applications on the host are never read.
fn carries_other_cookie(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).any(|kv| {
        let name = kv.trim().split('=').next().unwrap_or("");
        name.starts_with("amity_") && name != SESSION_COOKIE && name != LANG_COOKIE
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn key(headers: &HeaderMap, identity: &Identity, locale: Locale) -> Option<CacheKey> {
        let uri: Uri = "/api/v1/partnerships?page=2".parse().expect("uri");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date");
        CacheKey::of(&KeyParts { method: &Method::GET, uri: &uri, headers, identity, locale, today, proxy_notice: None })
    }

    #[test]
    fn languages_and_sessions_never_share_a_key() {
        let h = HeaderMap::new();
        let public = Identity::default();
        let a = Identity { via: Via::Session { id: "a".into(), csrf: "x".into() }, ..Default::default() };
        let b = Identity { via: Via::Session { id: "b".into(), csrf: "x".into() }, ..Default::default() };
        let keys = [key(&h, &public, Locale::En), key(&h, &public, Locale::Zh), key(&h, &a, Locale::En), key(&h, &b, Locale::En)];
        for (i, k) in keys.iter().enumerate() {
            assert!(k.is_some());
            assert!(keys[i + 1..].iter().all(|other| other != k), "{k:?} shared");
        }
    }

    #[test]
    fn the_sign_in_cookie_bypasses_the_cache_and_foreign_cookies_do_not() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("_ga=1; amity_lang=zh-CN"));
        assert!(key(&h, &Identity::default(), Locale::Zh).is_some());
        h.insert(header::COOKIE, HeaderValue::from_static("amity_pre=abc"));
        assert!(key(&h, &Identity::default(), Locale::En).is_none());
    }
}
