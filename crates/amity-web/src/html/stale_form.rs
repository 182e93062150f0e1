//! What a browser sees when a form cannot be sent because of its session, instead of raw JSON:
//! an ended session goes to the sign-in page (which brings the user back to the form's page), and
//! a stale CSRF token from a live session shows the typed entries again with a fresh token, to
//! check and send again. Entries are echoed only for a same-origin URL-encoded form (never for a
//! cross-site post, which could otherwise turn a forged request into a one-click confirmation),
//! and never password fields.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::chrome::encode;
use super::lang::safe_next;
use super::{Chrome, HtmlError};
use crate::auth::Identity;
use crate::request::{Ctx, negotiate};
use amity_core::Error;

/// One entry of the refused form.
pub struct Entry {
    pub name: String,
    pub value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "stale_form.html")]
pub struct StaleFormPage {
    c: Chrome,
    /// Where the form posts to.
    action: String,
    /// The entries to send again (empty when they may not be echoed).
    entries: Vec<Entry>,
    /// The page the form was on, to go back to.
    back: String,
}

/// The path (and query) of the page the form was on, when the request came from this site.
fn same_site_page(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok())?;
    let from_here = |url: &str| {
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
        let (authority, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(a, p)| (a, format!("/{p}")));
        (authority == host).then_some(path)
    };
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && from_here(origin).is_none()
    {
        return None;
    }
    headers.get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(from_here).map(|p| safe_next(&p))
}

/// `303` to the sign-in page, which says the session ended and comes back to the form's page.
pub fn session_ended(headers: &HeaderMap, path: &str, had_session: bool) -> Response {
    let next = same_site_page(headers).unwrap_or_else(|| safe_next(path));
    let ended = if had_session { "&ended=1" } else { "" };
    Redirect::to(&format!("/login?next={}{ended}", encode(&next))).into_response()
}

/// `403` with the page that offers to send the form again with the session's current token.
pub async fn stale_token(identity: &Identity, uri: &axum::http::Uri, headers: &HeaderMap, body: Body) -> Response {
    let l = negotiate(uri.query(), headers);
    let here = uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
    let actor = identity.principal.clone().map_or(amity_core::Actor::Anonymous, amity_core::Actor::User);
    let ctx = Ctx { actor, locale: l, here: here.clone(), csrf: identity.csrf().to_string(), identity: identity.clone(), sample: false };
    let page = same_site_page(headers);
    let form =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let entries = match (&page, form) {
        (Some(_), true) => {
            // A body that cannot be read (or decoded) is an error page, not the form emptied.
            let read =
                axum::body::to_bytes(body, crate::upload::UPLOAD_BODY_LIMIT).await.map_err(|_| Error::invalid("body", "invalid_form"));
            let pairs: Vec<(String, String)> = match read.and_then(|bytes| super::form::read(&bytes)) {
                Ok(pairs) => pairs,
                Err(e) => return HtmlError(e).into_response(),
            };
            pairs.into_iter().filter(|(k, _)| k != "_csrf" && !k.contains("password")).map(|(name, value)| Entry { name, value }).collect()
        }
        _ => Vec::new(),
    };
    let c = Chrome::new(&ctx, "", l.t("form.stale_title"));
    let back = page.unwrap_or_else(|| "/".into());
    (StatusCode::FORBIDDEN, StaleFormPage { c, action: here, entries, back }).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Through the whole app a URL-encoded body is read before it gets here (`input_guard`), so the
    /// read that fails is tried on the handler itself.
    #[tokio::test]
    async fn a_body_that_cannot_be_read_is_an_error_page_not_the_form_emptied() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "amity.example.gov".parse().expect("host"));
        headers.insert(header::REFERER, "https://amity.example.gov/partnerships/new".parse().expect("referer"));
        headers.insert(header::CONTENT_TYPE, "application/x-www-form-urlencoded".parse().expect("type"));
        let uri: axum::http::Uri = "/partnerships".parse().expect("uri");
        let broken: Vec<Result<axum::body::Bytes, std::io::Error>> = vec![Err(std::io::Error::other("connection reset"))];
        let r = stale_token(&Identity::default(), &uri, &headers, Body::from_stream(futures_util::stream::iter(broken))).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let typed = vec![Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"_csrf=old&notes=Typed"))];
        let r = stale_token(&Identity::default(), &uri, &headers, Body::from_stream(futures_util::stream::iter(typed))).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "a body that reads is the form again");
    }
}
