//! `Id` and `Ids`: record ids taken from the path, for pages and the API alike. An id is a positive
//! whole number; anything else (`0`, `-3`, `abc`, `1e3`) is simply not found — a JSON 404 under
//! `/api/`, the not-found page elsewhere — before the handler runs.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::html::HtmlError;

/// The id of the record a route names (its only, or first, path parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Id(pub i64);

/// The two ids of a nested route (`/events/{id}/budget/{line_id}`), in path order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ids(pub i64, pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ids = ids(parts, state).await?;
        ids.first().map(|id| Id(*id)).ok_or_else(|| not_found(parts, ""))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ids {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match ids(parts, state).await?[..] {
            [a, b, ..] => Ok(Ids(a, b)),
            _ => Err(not_found(parts, "")),
        }
    }
}

/// Every path parameter as an id, in path order.
async fn ids<S: Send + Sync>(parts: &mut Parts, state: &S) -> Result<Vec<i64>, Response> {
    let raw = RawPathParams::from_request_parts(parts, state).await.map_err(|_| not_found(parts, ""))?;
    let mut out = Vec::new();
    for (_, value) in &raw {
        out.push(parse(value).ok_or_else(|| not_found(parts, value))?);
    }
    Ok(out)
}

/// A positive id written as plain digits.
pub fn parse(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok().filter(|id| *id > 0)
}

fn not_found(parts: &Parts, raw: &str) -> Response {
    if parts.uri.path().starts_with("/api/") {
        ApiError::new(StatusCode::NOT_FOUND, "not_found").into_response()
    } else {
        HtmlError(amity_core::Error::not_found("record", raw)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn only_positive_plain_numbers_are_ids() {
        assert_eq!(parse("42"), Some(42));
        for bad in ["0", "-3", "+3", "abc", "1e3", "", " 7", "99999999999999999999"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
