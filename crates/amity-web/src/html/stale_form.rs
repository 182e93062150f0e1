//! What a browser sees when a form cannot be sent because of its session, instead of raw JSON:
//! an ended session goes to the sign-in page (which brings the user back to the form's page), and
//! a stale CSRF token from a live session shows the typed entries again with a fresh token, to
//! check and send again. Entries are echoed only for a same-origin URL-encoded form (never for a
//! cross-site post, which could otherwise turn a forged request into a one-click confirmation),
//! and never password fields.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::Chrome;
use super::chrome::encode;
use super::lang::safe_next;
use crate::auth::Identity;
use crate::request::{Ctx, negotiate};

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
            let bytes: Bytes = axum::body::to_bytes(body, crate::upload::UPLOAD_BODY_LIMIT).await.unwrap_or_default();
            serde_html_form::from_bytes::<Vec<(String, String)>>(&bytes)
                .unwrap_or_default()
                .into_iter()
                .filter(|(k, _)| k != "_csrf" && !k.contains("password"))
                .map(|(name, value)| Entry { name, value })
                .collect()
        }
        _ => Vec::new(),
    };
    let c = Chrome::new(&ctx, "", l.t("form.stale_title"));
    let back = page.unwrap_or_else(|| "/".into());
    (StatusCode::FORBIDDEN, StaleFormPage { c, action: here, entries, back }).into_response()
}
