//! A browser's side of the tests: the sign-in form with its cookie token, session cookies, form
//! posts from a given address, and the app seen at another moment or with other web settings.

use std::net::SocketAddr;

use amity_core::clock::Clock;
use amity_web::{AppState, WebSettings, app};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use chrono::{DateTime, TimeZone, Utc};

use super::support::{Resp, TestApp};

/// A fixed moment the tests start from.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).single().expect("valid instant")
}

/// The value of a cookie the response sets.
pub fn cookie_of(r: &Resp, name: &str) -> Option<String> {
    set_cookie_line(r, name).map(|c| c[name.len() + 1..].split(';').next().unwrap_or("").to_string())
}

/// The whole `Set-Cookie` line for a cookie.
pub fn set_cookie_line(r: &Resp, name: &str) -> Option<String> {
    r.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|c| c.starts_with(&format!("{name}="))).map(str::to_string)
}

/// The CSRF token of the first form on a page.
pub fn csrf_in(html: &str) -> String {
    let i = html.find("name=\"_csrf\" value=\"").expect("a form with a CSRF token") + 20;
    html[i..].split('"').next().expect("token").to_string()
}

/// A request from `peer` (a socket address), as the server sees a TCP client.
pub fn from_peer(mut req: Request<Body>, peer: Option<&str>) -> Request<Body> {
    if let Some(p) = peer {
        req.extensions_mut().insert(ConnectInfo(p.parse::<SocketAddr>().expect("addr")));
    }
    req
}

/// POSTs a URL-encoded form with cookies, from `peer`.
pub async fn post_form(app: &TestApp, uri: &str, cookie: &str, body: &str, peer: Option<&str>) -> Resp {
    let req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(Body::from(body.to_string()))
        .expect("req");
    app.send(from_peer(req, peer)).await
}

/// GETs a page with cookies.
pub async fn get_with(app: &TestApp, uri: &str, cookie: &str) -> Resp {
    app.send(Request::get(uri).header("cookie", cookie).body(Body::empty()).expect("req")).await
}

/// The sign-in form's cookie and token (any matching pair will do for several posts).
pub async fn login_form(app: &TestApp) -> (String, String) {
    let form = app.get("/login").await;
    (cookie_of(&form, "amity_pre").expect("pre-sign-in cookie"), csrf_in(&form.body))
}

/// Posts the sign-in form with a given cookie and token pair.
pub async fn post_sign_in(app: &TestApp, pre: &(String, String), user: &str, password: &str, peer: Option<&str>) -> Resp {
    let body = format!("_csrf={}&username={user}&password={}&next=/partnerships", pre.1, password.replace(' ', "+"));
    post_form(app, "/login", &format!("amity_pre={}", pre.0), &body, peer).await
}

/// Signs in through the form; returns the response of the POST.
pub async fn sign_in(app: &TestApp, user: &str, password: &str, peer: Option<&str>) -> Resp {
    let pre = login_form(app).await;
    post_sign_in(app, &pre, user, password, peer).await
}

/// Signs in and returns the `Cookie` header value of the session.
pub async fn session(app: &TestApp, user: &str, password: &str) -> String {
    let r = sign_in(app, user, password, None).await;
    format!("amity_session={}", cookie_of(&r, "amity_session").unwrap_or_else(|| panic!("{} signed in: {}", user, r.body)))
}

/// The same database and requests, served with other web settings.
pub fn with_settings(t: &TestApp, settings: WebSettings) -> TestApp {
    let db = (**t.db).clone().with_clock(settings.clock);
    TestApp { name: t.name, router: app(AppState { db, settings }), db: t.db.clone(), token: t.token.clone() }
}

/// The same app as it is at `at` (services and pages read this moment).
pub fn at(t: &TestApp, at: DateTime<Utc>) -> TestApp {
    with_settings(t, WebSettings { clock: Clock::fixed(at, chrono_tz::Asia::Shanghai), ..WebSettings::default() })
}
