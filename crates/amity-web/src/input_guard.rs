//! The one check at the edge on the text a request carries, before any handler reads it: the
//! path, the query string, a form body (`application/x-www-form-urlencoded`) and a JSON body.
//!
//! - text must be UTF-8 without control characters other than tab, line feed and carriage return
//!   (a NUL byte cannot be stored by PostgreSQL, others are never meant): else 422 naming the
//!   field, `invalid_encoding` or `control_characters`;
//! - a list — a JSON array, or a key repeated in a query string or form — holds at most
//!   [`LIST_MAX`] items: else 422 naming the field, `too_many` with `max`.
//!
//! A bad path is 404 like any unknown path. The answer is the API's JSON under `/api/`, the error
//! page elsewhere. Multipart bodies (files) are left to `upload`, which checks its text parts.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::ApiError;
use crate::html::HtmlError;
use amity_core::{Error, FieldError};

/// The most items any list in a request may hold (ids of partnerships, members, fields, the
/// values of a repeated parameter …). Documented in docs/API.md.
pub const LIST_MAX: usize = 1000;

/// Middleware: refuses a request whose text is not clean (see the module's description).
pub async fn guard(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    if !clean_path(req.uri().path()) {
        return refuse(api, Error::not_found("page", "path"));
    }
    if let Some(q) = req.uri().query()
        && let Err(e) = check_pairs(q.as_bytes())
    {
        return refuse(api, Error::Validation(vec![e]));
    }
    let kind = BodyKind::of(req.headers());
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    // A body over the limit is the route's to refuse (413 naming it).
    if kind == BodyKind::Other || declared.is_some_and(|n| n > crate::BODY_LIMIT) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::BODY_LIMIT).await else {
        return if api {
            ApiError::too_large().into_response()
        } else {
            HtmlError(Error::Validation(vec![FieldError::new("body", "file_too_large").with("max", "1 MiB")])).into_response()
        };
    };
    let checked = match kind {
        BodyKind::Form => check_pairs(&bytes),
        _ => check_json(&bytes),
    };
    if let Err(e) = checked {
        return refuse(api, Error::Validation(vec![e]));
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn refuse(api: bool, e: Error) -> Response {
    if api { ApiError::from(e).into_response() } else { HtmlError(e).into_response() }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Form,
    Json,
    Other,
}

impl BodyKind {
    fn of(headers: &HeaderMap) -> Self {
        let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
        let mime = ct.split(';').next().unwrap_or("").trim().to_string();
        if mime == "application/x-www-form-urlencoded" {
            BodyKind::Form
        } else if mime == "application/json" || mime.ends_with("+json") {
            BodyKind::Json
        } else {
            BodyKind::Other
        }
    }
}

/// Whether a character may be stored in text: not a control character, except tab and line breaks.
pub fn allowed_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

fn clean_text(field: &str, s: &str) -> Result<(), FieldError> {
    if s.chars().all(allowed_char) { Ok(()) } else { Err(FieldError::new(field, "control_characters")) }
}

/// A field's name as echoed in an error: its first 100 characters.
fn field_name(key: &str) -> String {
    amity_core::validate::truncate(key, 100)
}

fn clean_path(path: &str) -> bool {
    String::from_utf8(percent_decode(path.as_bytes(), false)).is_ok_and(|p| p.chars().all(|c| !c.is_control()))
}

/// `%XX` decoded (and `+` as a space when `plus` is set); a malformed escape is kept as it is.
fn percent_decode(s: &[u8], plus: bool) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok());
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'%' if i + 2 < s.len() => match (hex(s[i + 1]), hex(s[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// The pairs of a query string or form: each key and value UTF-8 without control characters, no
/// key more than [`LIST_MAX`] times.
fn check_pairs(s: &[u8]) -> Result<(), FieldError> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for pair in s.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let mut kv = pair.splitn(2, |b| *b == b'=');
        let key = percent_decode(kv.next().unwrap_or_default(), true);
        let value = percent_decode(kv.next().unwrap_or_default(), true);
        let key = String::from_utf8(key).map_err(|_| FieldError::new("body", "invalid_encoding"))?;
        let field = field_name(&key);
        clean_text(&field, &key)?;
        let value = String::from_utf8(value).map_err(|_| FieldError::new(field.clone(), "invalid_encoding"))?;
        clean_text(&field, &value)?;
        let n = counts.entry(key).or_insert(0);
        *n += 1;
        if *n > LIST_MAX {
            return Err(FieldError::new(field, "too_many").with("max", LIST_MAX));
        }
    }
    Ok(())
}

/// A JSON body's strings and keys without control characters and its arrays no longer than
/// [`LIST_MAX`], the first problem named by its path (`members[2].name`). A body that is not JSON
/// is left to the body reader, which says so.
fn check_json(bytes: &[u8]) -> Result<(), FieldError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => check_value("", &v),
        Err(_) => Ok(()),
    }
}

fn check_value(path: &str, v: &Value) -> Result<(), FieldError> {
    let here = || if path.is_empty() { "body".to_string() } else { path.to_string() };
    match v {
        Value::String(s) => clean_text(&here(), s),
        Value::Array(items) => {
            if items.len() > LIST_MAX {
                return Err(FieldError::new(here(), "too_many").with("max", LIST_MAX));
            }
            items.iter().enumerate().try_for_each(|(i, item)| check_value(&format!("{}[{i}]", path), item))
        }
        Value::Object(map) => map.iter().try_for_each(|(k, item)| {
            let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            clean_text(&field_name(&p), k)?;
            check_value(&p, item)
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_in_a_query_value_names_its_field() {
        let e = check_pairs(b"actor=ro%00ot&page=1").expect_err("nul");
        assert_eq!((e.field.as_str(), e.code.as_str()), ("actor", "control_characters"));
        assert!(check_pairs(b"notes=line%0Aline%09tab&q=%E6%B5%8E%E5%8D%97").is_ok());
    }

    #[test]
    fn invalid_utf8_in_a_form_is_refused() {
        let e = check_pairs(b"name=%FF%FE").expect_err("latin-1");
        assert_eq!((e.field.as_str(), e.code.as_str()), ("name", "invalid_encoding"));
    }

    #[test]
    fn a_repeated_key_is_bounded() {
        let many = "fields=1&".repeat(LIST_MAX + 1);
        let e = check_pairs(many.as_bytes()).expect_err("too many");
        assert_eq!((e.field.as_str(), e.code.as_str()), ("fields", "too_many"));
    }

    #[test]
    fn json_problems_are_named_by_path() {
        let e = check_json(br#"{"members":[{"name":"a"},{"name":"b\u0000"}]}"#).expect_err("nul");
        assert_eq!(e.field, "members[1].name");
        let ids: Vec<usize> = (0..=LIST_MAX).collect();
        let body = serde_json::json!({ "partnership_ids": ids }).to_string();
        assert_eq!(check_json(body.as_bytes()).expect_err("long").field, "partnership_ids");
        assert!(check_json(br#"{"notes":"two\nlines"}"#).is_ok());
    }

    #[test]
    fn a_path_with_a_control_character_is_not_clean() {
        assert!(!clean_path("/api/v1/countries/%00"));
        assert!(clean_path("/api/v1/countries/CN"));
    }
}
