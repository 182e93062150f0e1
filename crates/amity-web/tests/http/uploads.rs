//! What the upload tests share: multipart bodies (file names written as browsers write them),
//! posting them, downloads with their exact bytes and headers, and a coordinator signed in through
//! the form.

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::support::{Resp, TestApp};

const BOUNDARY: &str = "amity-test-boundary-7d1c";

/// One part of a multipart body: name, file name (for a file part), type, bytes.
pub struct Part<'a> {
    pub name: &'a str,
    pub file_name: Option<&'a str>,
    pub content_type: &'a str,
    pub bytes: Vec<u8>,
}

impl<'a> Part<'a> {
    pub fn text(name: &'a str, value: &str) -> Self {
        Self { name, file_name: None, content_type: "", bytes: value.as_bytes().to_vec() }
    }

    pub fn file(name: &'a str, file_name: &'a str, content_type: &'a str, bytes: Vec<u8>) -> Self {
        Self { name, file_name: Some(file_name), content_type, bytes }
    }
}

/// A `multipart/form-data` body (the file name is written as browsers do, raw UTF-8 in quotes).
pub fn multipart(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match p.file_name {
            Some(f) => {
                let f = f.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
                out.extend_from_slice(format!("Content-Disposition: form-data; name=\"{}\"; filename=\"{f}\"\r\n", p.name).as_bytes());
                out.extend_from_slice(format!("Content-Type: {}\r\n\r\n", p.content_type).as_bytes());
            }
            None => out.extend_from_slice(format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", p.name).as_bytes()),
        }
        out.extend_from_slice(&p.bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

/// Posts a multipart body (with the app's token, and a cookie when given).
pub async fn post_multipart(app: &TestApp, uri: &str, parts: &[Part<'_>], cookie: Option<&str>) -> Resp {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"));
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    app.send(b.body(Body::from(multipart(parts))).expect("request")).await
}

/// A download: status, headers and the exact bytes.
pub async fn download(app: &TestApp, uri: &str) -> (u16, axum::http::HeaderMap, Vec<u8>) {
    let mut req = Request::get(uri).body(Body::empty()).expect("request");
    if let Some(t) = &app.token {
        req.headers_mut().insert(header::AUTHORIZATION, format!("Bearer {t}").parse().expect("header"));
    }
    let r = app.router.clone().oneshot(req).await.expect("infallible");
    let (parts, body) = r.into_parts();
    (parts.status.as_u16(), parts.headers, body.collect().await.expect("body").to_bytes().to_vec())
}

pub fn pdf_bytes(extra: &[u8]) -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.extend_from_slice(extra);
    b
}

/// Id and home unit of the demo partnership whose city matches `q`.
pub async fn partnership(app: &TestApp, q: &str) -> (i64, i64) {
    let p = app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0].clone();
    (p["id"].as_i64().expect("id"), p["home_unit_id"].as_i64().expect("unit"))
}

pub fn cookie_of(r: &Resp, name: &str) -> Option<String> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{name}=")).map(|v| v.split(';').next().unwrap_or("").to_string()))
}

pub fn csrf_in(html: &str) -> String {
    let i = html.find("name=\"_csrf\" value=\"").expect("a form with a CSRF token") + 20;
    html[i..].split('"').next().expect("token").to_string()
}

/// Signs a coordinator in through the form; returns the app without a token and the session cookie.
pub async fn browser(admin: &TestApp, user: &str) -> (TestApp, String) {
    admin.user_token(user, "coordinator", None).await;
    let app = admin.with_token(None);
    let form = app.get("/login").await;
    let pre = cookie_of(&form, "amity_pre").expect("pre-sign-in cookie");
    let body = format!("_csrf={}&username={user}&password=a+long+test+password&next=/", csrf_in(&form.body));
    let req = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("amity_pre={pre}"))
        .body(Body::from(body))
        .expect("req");
    let r = app.send(req).await;
    let session = cookie_of(&r, "amity_session").expect("session cookie");
    (app, format!("amity_session={session}"))
}

pub async fn get_with(app: &TestApp, uri: &str, cookie: &str) -> Resp {
    app.send(Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).expect("req")).await
}
