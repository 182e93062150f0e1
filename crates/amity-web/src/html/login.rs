//! Signing in and out of the web interface.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::lang::safe_next;
use super::{Chrome, HtmlError};
use crate::auth::{PRE_CSRF_COOKIE, SESSION_COOKIE, Via, clear_cookie, pre_csrf_ok, session_cookie};
use crate::request::{Ctx, cookie};
use crate::state::AppState;
use amity_core::auth::random_token;
use amity_core::auth::sign_in::{self, Refused};

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    c: Chrome,
    next: String,
    username: String,
    error: String,
}

/// The `next` parameter of the sign-in page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Next {
    pub next: String,
}

/// The sign-in form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    pub username: String,
    pub password: String,
    pub next: String,
    #[serde(rename = "_csrf")]
    pub csrf: String,
}

fn page(ctx: &Ctx, token: &str, next: &str, username: &str, error: String, status: StatusCode) -> Result<Response, HtmlError> {
    let mut c = Chrome::new(ctx, "login", ctx.locale.t("login.title"));
    c.csrf = token.to_string();
    let body = LoginPage { c, next: next.to_string(), username: username.to_string(), error };
    let mut r = (status, body).into_response();
    let value = format!(
        "{PRE_CSRF_COOKIE}={token}; Path=/login; Max-Age=3600; HttpOnly; SameSite=Strict{}",
        if ctx.identity.https { "; Secure" } else { "" }
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}

/// `GET /login`: the form (or straight on, when already signed in).
pub async fn form(ctx: Ctx, Query(q): Query<Next>) -> Result<Response, HtmlError> {
    if ctx.identity.principal.is_some() {
        return Ok(Redirect::to(&safe_next(&q.next)).into_response());
    }
    page(&ctx, &random_token(32)?, &q.next, "", String::new(), StatusCode::OK)
}

/// `POST /login`: checks the form's token and the credentials, then opens a session.
pub async fn submit(State(s): State<AppState>, ctx: Ctx, headers: axum::http::HeaderMap, body: Bytes) -> Result<Response, HtmlError> {
    let f: SignInForm = serde_html_form::from_bytes(&body).unwrap_or_default();
    let l = ctx.locale;
    let fresh = random_token(32)?;
    if !pre_csrf_ok(cookie(&headers, PRE_CSRF_COOKIE).as_deref(), &f.csrf) {
        return page(&ctx, &fresh, &f.next, &f.username, l.t("login.expired"), StatusCode::BAD_REQUEST);
    }
    let ip = ctx.identity.ip.as_deref();
    match sign_in::sign_in(&s.db, &f.username, &f.password, ip, &s.settings.policy).await? {
        Ok(signed) => {
            if let Err(e) = sign_in::purge(&s.db, &s.settings.policy).await {
                tracing::warn!(error = %e, "could not purge ended sessions");
            }
            let mut r = Redirect::to(&safe_next(&f.next)).into_response();
            let cookies = [session_cookie(&signed.session_id, ctx.identity.https), clear_cookie(PRE_CSRF_COOKIE, ctx.identity.https)];
            for c in cookies {
                if let Ok(v) = HeaderValue::from_str(&c) {
                    r.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            Ok(r)
        }
        Err(Refused::BadCredentials) => page(&ctx, &fresh, &f.next, &f.username, l.t("login.failed"), StatusCode::UNAUTHORIZED),
        Err(Refused::Throttled) => page(&ctx, &fresh, &f.next, &f.username, l.t("login.throttled"), StatusCode::TOO_MANY_REQUESTS),
    }
}

/// `POST /logout`: ends the session.
pub async fn sign_out(State(s): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    if let Via::Session { id, .. } = &ctx.identity.via {
        sign_in::sign_out(&s.db, &ctx.actor, id).await?;
    }
    let mut r = Redirect::to("/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&clear_cookie(SESSION_COOKIE, ctx.identity.https)) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}
