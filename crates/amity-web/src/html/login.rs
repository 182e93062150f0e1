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
use crate::auth::{PRE_CSRF_COOKIE, SESSION_COOKIE, Via, clear_cookie, clear_cookie_at, pre_csrf_ok, session_cookie};
use crate::i18n::in_zone;
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
    /// Why the user is asked to sign in (a session that ended while they worked).
    notice: String,
}

/// The query of the sign-in page: where to go next, and `ended=1` when a session ended.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Next {
    pub next: String,
    pub ended: String,
}

/// What the sign-in page answers: its status, message and, for a refusal that passes, when to retry.
struct Answer {
    status: StatusCode,
    error: String,
    retry_after: Option<i64>,
}

impl Answer {
    fn ok() -> Self {
        Self { status: StatusCode::OK, error: String::new(), retry_after: None }
    }

    fn refused(status: StatusCode, error: String) -> Self {
        Self { status, error, retry_after: None }
    }
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

fn page(ctx: &Ctx, token: &str, next: &str, username: &str, notice: String, a: Answer) -> Result<Response, HtmlError> {
    let mut c = Chrome::new(ctx, "login", ctx.locale.t("login.title"));
    c.csrf = token.to_string();
    let body = LoginPage { c, next: next.to_string(), username: username.to_string(), error: a.error, notice };
    let mut r = (a.status, body).into_response();
    let value = format!(
        "{PRE_CSRF_COOKIE}={token}; Path={PRE_CSRF_PATH}; Max-Age=3600; HttpOnly; SameSite=Strict{}",
        if ctx.identity.https { "; Secure" } else { "" }
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    if let Some(secs) = a.retry_after {
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
    }
    Ok(r)
}

/// The path the sign-in form's cookie is set for (and must be cleared with).
const PRE_CSRF_PATH: &str = "/login";

/// `GET /login`: the form (or straight on, when already signed in).
pub async fn form(ctx: Ctx, Query(q): Query<Next>) -> Result<Response, HtmlError> {
    if ctx.identity.principal.is_some() {
        return Ok(Redirect::to(&safe_next(&q.next)).into_response());
    }
    let notice = if q.ended.is_empty() { String::new() } else { ctx.locale.t("login.session_ended") };
    page(&ctx, &random_token(32)?, &q.next, "", notice, Answer::ok())
}

/// `POST /login`: checks the form's token and the credentials, then opens a session.
pub async fn submit(State(s): State<AppState>, ctx: Ctx, headers: axum::http::HeaderMap, body: Bytes) -> Result<Response, HtmlError> {
    let f: SignInForm = serde_html_form::from_bytes(&body).unwrap_or_default();
    let l = ctx.locale;
    let fresh = random_token(32)?;
    if !pre_csrf_ok(cookie(&headers, PRE_CSRF_COOKIE).as_deref(), &f.csrf) {
        let a = Answer::refused(StatusCode::BAD_REQUEST, l.t("login.expired"));
        return page(&ctx, &fresh, &f.next, &f.username, String::new(), a);
    }
    let ip = ctx.identity.ip.as_deref();
    let answer = match sign_in::sign_in(&s.db, &f.username, &f.password, ip, &s.settings.policy).await? {
        Ok(signed) => {
            if let Err(e) = sign_in::purge(&s.db, &s.settings.policy).await {
                tracing::warn!(error = %e, "could not purge ended sessions");
            }
            let mut r = Redirect::to(&safe_next(&f.next)).into_response();
            let https = ctx.identity.https;
            let cookies = [session_cookie(&signed.session_id, https), clear_cookie_at(PRE_CSRF_COOKIE, PRE_CSRF_PATH, https)];
            for c in cookies {
                if let Ok(v) = HeaderValue::from_str(&c) {
                    r.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            return Ok(r);
        }
        Err(refused) => refusal(&s, l, refused),
    };
    page(&ctx, &fresh, &f.next, &f.username, String::new(), answer)
}

/// The message and status of a refused sign-in. Locks are told with their end (office time);
/// an unknown username gets the same answers as a known one.
fn refusal(s: &AppState, l: crate::i18n::Locale, refused: Refused) -> Answer {
    let now = s.settings.clock.now().instant;
    let until = |t| in_zone(l, t, s.settings.office_tz());
    match refused {
        Refused::BadCredentials { locked_until: None } => Answer::refused(StatusCode::UNAUTHORIZED, l.t("login.failed")),
        Refused::BadCredentials { locked_until: Some(t) } => {
            let msg = format!("{} {}", l.t("login.failed"), l.t_with("login.now_locked", &[("until", until(t))]));
            Answer::refused(StatusCode::UNAUTHORIZED, msg)
        }
        Refused::Locked { until: t } => Answer {
            status: StatusCode::TOO_MANY_REQUESTS,
            error: l.t_with("login.locked", &[("until", until(t))]),
            retry_after: Some((t - now).num_seconds()),
        },
        Refused::Throttled { retry_after } => Answer {
            status: StatusCode::TOO_MANY_REQUESTS,
            error: l.t_with("login.throttled", &[("minutes", retry_after.num_minutes().max(1).to_string())]),
            retry_after: Some(retry_after.num_seconds()),
        },
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
