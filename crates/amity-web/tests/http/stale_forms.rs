//! Errors that would lose the user's work (issue 11, item 18): a form posted after the session
//! ended goes to the sign-in page, which says so and comes back to the form's page; a form with a
//! stale CSRF token from a live session is shown again with the entries kept and a fresh token.
//! Never raw JSON for a page; the API keeps its JSON.

use axum::body::Body;
use axum::http::Request;
use chrono::Duration;

use super::browser::{at, csrf_in, get_with, session, t0};
use super::support::{Resp, TestApp, apps};

const RIGHT: &str = "a long test password";

async fn post_from(app: &TestApp, uri: &str, cookie: &str, body: &str, origin: &str) -> Resp {
    let req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .header("host", "amity.example.gov")
        .header("origin", origin)
        .header("referer", format!("{origin}/partnerships/new"))
        .body(Body::from(body.to_string()))
        .expect("req");
    app.send(req).await
}

fn is_html(r: &Resp) -> bool {
    r.headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"))
}

#[tokio::test]
async fn a_form_posted_after_the_session_ended_goes_to_sign_in_and_back_to_the_form_page() {
    for admin in apps(false).await {
        admin.user_token("wang", "coordinator", None).await;
        let anon = admin.with_token(None);
        let cookie = session(&at(&anon, t0()), "wang", RIGHT).await;
        let later = at(&anon, t0() + Duration::hours(2));
        let r = post_from(&later, "/partnerships", &cookie, "_csrf=x&kind=sister_city", "https://amity.example.gov").await;
        assert_eq!(r.status, 303, "{}: {}", admin.name, r.body);
        let to = r.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        assert_eq!(to, "/login?next=/partnerships/new&ended=1", "{}", admin.name);
        let page = later.get(&to).await;
        assert!(page.body.contains("Your session ended. Sign in again"), "{}", admin.name);
        assert!(page.body.contains("name=\"next\" value=\"/partnerships/new\""), "{}", admin.name);
    }
}

#[tokio::test]
async fn a_form_with_a_stale_token_from_a_live_session_is_shown_again_with_the_entries_kept() {
    for admin in apps(true).await {
        admin.user_token("wang", "coordinator", None).await;
        let anon = admin.with_token(None);
        let cookie = session(&anon, "wang", RIGHT).await;
        let home = admin.home_unit().await;
        let entries = format!("home_unit_id={home}&city_id=2643743&kind=sister_city&status=prospect&notes=Typed+with+care&action=save");
        let before = admin.partnership_count().await;
        let r = post_from(&anon, "/partnerships", &cookie, &format!("_csrf=stale&{entries}"), "https://amity.example.gov").await;
        assert_eq!(r.status, 403, "{}", admin.name);
        assert!(is_html(&r), "a page, not JSON, on {}: {}", admin.name, r.body);
        assert!(r.body.contains("value=\"Typed with care\""), "the entries are kept on {}", admin.name);
        let fresh = csrf_in(&r.body);
        assert_ne!(fresh, "stale");
        let again = post_from(&anon, "/partnerships", &cookie, &format!("_csrf={fresh}&{entries}"), "https://amity.example.gov").await;
        assert_eq!(again.status, 303, "sent again, it is saved on {}: {}", admin.name, again.body);
        assert_eq!(admin.partnership_count().await, before + 1, "{}", admin.name);
    }
}

#[tokio::test]
async fn a_cross_site_post_with_a_stale_token_is_refused_without_echoing_it() {
    for admin in apps(false).await {
        admin.user_token("wang", "coordinator", None).await;
        let anon = admin.with_token(None);
        let cookie = session(&anon, "wang", RIGHT).await;
        let r = post_from(&anon, "/partnerships", &cookie, "_csrf=forged&notes=Planted+text", "https://evil.example").await;
        assert_eq!(r.status, 403, "{}", admin.name);
        assert!(is_html(&r) && !r.body.contains("Planted text"), "{}", admin.name);
    }
}

#[tokio::test]
async fn the_api_keeps_json_for_a_stale_token_and_an_ended_session() {
    for admin in apps(false).await {
        admin.user_token("wang", "coordinator", None).await;
        let anon = admin.with_token(None);
        let cookie = session(&at(&anon, t0()), "wang", RIGHT).await;
        let req = |c: &str| {
            Request::post("/api/v1/partnerships")
                .header("content-type", "application/json")
                .header("cookie", c)
                .header("x-csrf-token", "stale")
                .body(Body::from("{}"))
                .expect("req")
        };
        let stale = at(&anon, t0() + Duration::minutes(1)).send(req(&cookie)).await;
        assert_eq!((stale.status.as_u16(), stale.json()["error"]["code"].as_str()), (403, Some("csrf")), "{}", admin.name);
        let ended = at(&anon, t0() + Duration::hours(2)).send(req(&cookie)).await;
        assert_eq!((ended.status.as_u16(), ended.json()["error"]["code"].as_str()), (401, Some("unauthenticated")), "{}", admin.name);
        assert_eq!(get_with(&anon, "/api/v1/me", "").await.status, 401);
    }
}

#[tokio::test]
async fn a_form_whose_body_cannot_be_read_is_an_error_not_the_form_emptied() {
    for admin in apps(false).await {
        admin.user_token("wang", "coordinator", None).await;
        let anon = admin.with_token(None);
        let cookie = session(&anon, "wang", RIGHT).await;
        // The connection breaks half-way through the upload: the body cannot be read.
        let start = axum::body::Bytes::from_static(b"--x\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nVase");
        let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = vec![Ok(start), Err(std::io::Error::other("connection reset"))];
        let req = Request::post("/gifts")
            .header("content-type", "multipart/form-data; boundary=x")
            .header("cookie", &cookie)
            .header("host", "amity.example.gov")
            .header("origin", "https://amity.example.gov")
            .header("referer", "https://amity.example.gov/gifts/new")
            .body(Body::from_stream(futures_util::stream::iter(chunks)))
            .expect("req");
        let r = anon.send(req).await;
        assert_eq!(r.status, 422, "{}: {}", admin.name, r.body);
        assert!(is_html(&r) && r.body.contains("The form could not be read."), "{}: {}", admin.name, r.body);
    }
}
