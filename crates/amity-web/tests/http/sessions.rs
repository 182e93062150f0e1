//! Sessions and their cookies (issue 11, items 2 and 21): idle and expired sessions are refused,
//! the cookie is Secure behind an HTTPS proxy and always HttpOnly and SameSite, an admin's reset
//! ends the user's sessions, a password change can revoke one's API tokens, the sign-in form's
//! cookie is cleared with its own path, the health check reports an unreachable database, and a
//! forwarded request from an untrusted proxy is shown to admins.

use amity_core::auth::sign_in::Policy;
use amity_core::clock::Clock;
use amity_web::WebSettings;
use amity_web::auth::IpRange;
use axum::body::Body;
use axum::http::Request;
use chrono::Duration;
use serde_json::json;

use super::browser::{at, from_peer, get_with, login_form, session, set_cookie_line, sign_in, t0, with_settings};
use super::support::apps;

const RIGHT: &str = "a long test password";

#[tokio::test]
async fn an_idle_session_is_refused_and_its_cookie_cleared() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let anon = admin.with_token(None);
        let cookie = session(&at(&anon, t0()), "lily", RIGHT).await;
        assert_eq!(get_with(&at(&anon, t0() + Duration::minutes(29)), "/api/v1/me", &cookie).await.status, 200, "{}", admin.name);
        // 29 minutes after the last use (the use above renewed it), 31 after that.
        let idle = get_with(&at(&anon, t0() + Duration::minutes(60)), "/api/v1/me", &cookie).await;
        assert_eq!(idle.status, 401, "{}", admin.name);
        let page = get_with(&at(&anon, t0() + Duration::minutes(61)), "/partnerships", &cookie).await;
        assert_eq!(page.status, 303, "{}", admin.name);
        assert_eq!(page.headers.get("location").and_then(|v| v.to_str().ok()), Some("/login?next=/partnerships&ended=1"), "{}", admin.name);
        assert!(set_cookie_line(&idle, "amity_session").is_some_and(|c| c.contains("Max-Age=0")), "{}", admin.name);
    }
}

#[tokio::test]
async fn an_expired_session_is_refused_however_active() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let anon = admin.with_token(None);
        let policy = Policy { absolute: Duration::hours(1), ..Policy::default() };
        let settings =
            |m: i64| WebSettings { policy, clock: Clock::fixed(t0() + Duration::minutes(m), chrono_tz::UTC), ..WebSettings::default() };
        let cookie = session(&with_settings(&anon, settings(0)), "lily", RIGHT).await;
        for m in [20, 40, 59] {
            assert_eq!(
                get_with(&with_settings(&anon, settings(m)), "/api/v1/me", &cookie).await.status,
                200,
                "minute {m} on {}",
                admin.name
            );
        }
        let r = get_with(&with_settings(&anon, settings(61)), "/api/v1/me", &cookie).await;
        assert_eq!(r.status, 401, "an hour after sign-in, however active, on {}", admin.name);
    }
}

#[tokio::test]
async fn the_session_cookie_is_secure_behind_an_https_proxy_and_always_http_only_and_same_site() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let proxy: IpRange = "10.0.0.0/8".parse().expect("range");
        let app = with_settings(&admin.with_token(None), WebSettings { trusted_proxies: vec![proxy], ..WebSettings::default() });
        let pre = login_form(&app).await;
        let body = format!("_csrf={}&username=lily&password=a+long+test+password", pre.1);
        let post = |https: bool| {
            let mut req = Request::post("/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", format!("amity_pre={}", pre.0))
                .header("x-forwarded-for", "203.0.113.5");
            if https {
                req = req.header("x-forwarded-proto", "https");
            }
            from_peer(req.body(Body::from(body.clone())).expect("req"), Some("10.1.2.3:5000"))
        };
        let secure = set_cookie_line(&app.send(post(true)).await, "amity_session").expect("session cookie");
        assert!(secure.contains("; Secure") && secure.contains("HttpOnly") && secure.contains("SameSite=Lax"), "{}: {secure}", admin.name);
        let plain = set_cookie_line(&app.send(post(false)).await, "amity_session").expect("session cookie");
        assert!(!plain.contains("Secure") && plain.contains("HttpOnly") && plain.contains("SameSite=Lax"), "{}: {plain}", admin.name);
        let log = admin.get("/api/v1/audit?action=sign_in").await.json();
        assert_eq!(log["items"][0]["ip"], "203.0.113.5", "the client behind the proxy range is recorded on {}", admin.name);
    }
}

#[tokio::test]
async fn an_admins_password_reset_works_and_ends_the_users_sessions() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let anon = admin.with_token(None);
        let cookie = session(&anon, "lily", RIGHT).await;
        assert_eq!(get_with(&anon, "/api/v1/me", &cookie).await.status, 200, "{}", admin.name);
        let users = admin.get("/api/v1/users").await.json();
        let id = users["items"].as_array().expect("users").iter().find(|u| u["username"] == "lily").expect("lily")["id"].clone();
        let r = admin.json("POST", &format!("/api/v1/users/{id}/password"), &json!({})).await;
        let password = r.json()["password"].as_str().expect("a generated password").to_string();
        assert_eq!(get_with(&anon, "/api/v1/me", &cookie).await.status, 401, "the session ended on {}", admin.name);
        assert_eq!(sign_in(&anon, "lily", RIGHT, None).await.status, 401, "the old password is gone on {}", admin.name);
        assert_eq!(sign_in(&anon, "lily", &password, None).await.status, 303, "the new one works on {}", admin.name);
    }
}

#[tokio::test]
async fn changing_ones_password_can_revoke_ones_api_tokens_in_the_same_step() {
    for admin in apps(false).await {
        let keep = admin.with_token(Some(admin.user_token("lily", "viewer", None).await));
        let body = json!({ "current_password": RIGHT, "new_password": "a second long password" });
        assert_eq!(keep.json("POST", "/api/v1/me/password", &body).await.status, 204, "{}", admin.name);
        assert_eq!(keep.get("/api/v1/me").await.status, 200, "tokens stay unless asked on {}", admin.name);
        let body = json!({ "current_password": "a second long password", "new_password": "a third long password", "revoke_tokens": true });
        assert_eq!(keep.json("POST", "/api/v1/me/password", &body).await.status, 204, "{}", admin.name);
        assert_eq!(keep.get("/api/v1/me").await.status, 401, "every token is revoked on {}", admin.name);
        let log = admin.get("/api/v1/audit?action=change_password").await.json();
        assert!(log["items"][0]["after"].as_str().is_some_and(|a| a.contains("\"tokens_revoked\":1")), "{}: {log}", admin.name);
        let page =
            get_with(&admin.with_token(None), "/account", &session(&admin.with_token(None), "lily", "a third long password").await).await;
        assert!(page.body.contains("name=\"revoke_tokens\""), "the form offers it on {}", admin.name);
    }
}

#[tokio::test]
async fn the_sign_in_form_cookie_is_cleared_with_the_path_it_was_set_with() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let anon = admin.with_token(None);
        let set = set_cookie_line(&anon.get("/login").await, "amity_pre").expect("set");
        assert!(set.contains("Path=/login;"), "{set}");
        let cleared = set_cookie_line(&sign_in(&anon, "lily", RIGHT, None).await, "amity_pre").expect("cleared");
        assert!(cleared.contains("Max-Age=0") && cleared.contains("Path=/login;"), "{}: {cleared}", admin.name);
    }
}

#[tokio::test]
async fn healthz_answers_503_when_the_database_is_unreachable() {
    for admin in apps(false).await {
        admin.db.close().await;
        let r = admin.with_token(None).get("/healthz").await;
        assert_eq!(r.status, 503, "{}", admin.name);
        assert_eq!(r.json()["database"], "unreachable", "{}", admin.name);
    }
}

#[tokio::test]
async fn a_forwarded_request_from_an_untrusted_peer_is_shown_on_the_users_page() {
    for admin in apps(false).await {
        let warning = "not in trusted_proxies";
        assert!(!admin.get("/admin/users").await.body.contains(warning), "{}", admin.name);
        let req = Request::get("/login").header("x-forwarded-for", "203.0.113.5").body(Body::empty()).expect("req");
        admin.with_token(None).send(from_peer(req, Some("127.0.0.1:5000"))).await;
        let page = admin.get("/admin/users").await;
        assert!(page.body.contains(warning) && page.body.contains("127.0.0.1"), "{}", admin.name);
    }
}
