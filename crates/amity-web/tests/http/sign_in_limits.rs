//! Sign-in locks (issue 11, item 1): a locked account is told so and until when, an unknown
//! username gets the same answers, attempts during a lock do not extend it, an admin's reset or
//! unlock lifts it (audited), and failures count per account and address so that one attacker
//! cannot lock out everyone while a guess spread over many addresses still locks the account.

use chrono::Duration;
use serde_json::json;

use super::browser::{at, cookie_of, get_with, session, sign_in, t0};
use super::support::{Resp, TestApp, apps};

const RIGHT: &str = "a long test password";
const WRONG: &str = "not the password";

async fn fail_times(app: &TestApp, user: &str, n: usize, peer: Option<&str>) -> Resp {
    let mut last = None;
    for _ in 0..n {
        last = Some(sign_in(app, user, WRONG, peer).await);
    }
    last.expect("at least one attempt")
}

async fn user_id(admin: &TestApp, username: &str) -> i64 {
    let users = admin.get("/api/v1/users").await.json();
    users["items"].as_array().expect("users").iter().find(|u| u["username"] == username).expect("user")["id"].as_i64().expect("id")
}

/// The message of the sign-in page's error box.
fn error_of(r: &Resp) -> String {
    let Some(i) = r.body.find("role=\"alert\"><p>") else { return String::new() };
    r.body[i + 16..].split("</p>").next().unwrap_or("").to_string()
}

#[tokio::test]
async fn a_locked_account_is_told_it_is_locked_and_until_when() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let app = at(&admin.with_token(None), t0());
        let fifth = fail_times(&app, "lily", 5, None).await;
        assert_eq!(fifth.status, 401, "{}", admin.name);
        // t0 is 01:00 UTC, 09:00 in Shanghai; the lock lasts 15 minutes.
        assert!(error_of(&fifth).contains("locked until") && fifth.body.contains("09:15"), "{}: {}", admin.name, error_of(&fifth));
        let locked = sign_in(&app, "lily", RIGHT, None).await;
        assert_eq!(locked.status, 429, "{}", admin.name);
        assert!(error_of(&locked).starts_with("Signing in to this account is locked"), "{}: {}", admin.name, error_of(&locked));
        assert!(!error_of(&locked).contains("Wrong username or password"), "{}", admin.name);
        assert!(locked.body.contains("09:15"), "{}", admin.name);
        assert_eq!(locked.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("900"), "{}", admin.name);
        assert!(cookie_of(&locked, "amity_session").is_none(), "{}", admin.name);
    }
}

#[tokio::test]
async fn an_unknown_username_gets_the_same_answers_as_a_known_one() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let app = at(&admin.with_token(None), t0());
        let mut answers = Vec::new();
        for name in ["lily", "nobody.here"] {
            let mut seen = Vec::new();
            for _ in 0..6 {
                let r = sign_in(&app, name, WRONG, None).await;
                seen.push((r.status.as_u16(), error_of(&r), r.headers.get("retry-after").cloned()));
            }
            answers.push(seen);
        }
        assert_eq!(answers[0], answers[1], "{}", admin.name);
        assert_eq!(answers[0][5].0, 429, "{}", admin.name);
    }
}

#[tokio::test]
async fn attempts_during_a_lock_do_not_extend_it() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let anon = admin.with_token(None);
        fail_times(&at(&anon, t0()), "lily", 5, None).await;
        let later = at(&anon, t0() + Duration::minutes(10));
        let during = fail_times(&later, "lily", 3, None).await;
        assert_eq!(during.status, 429, "{}", admin.name);
        assert!(during.body.contains("09:15"), "the lock still ends at 09:15 on {}: {}", admin.name, error_of(&during));
        assert_eq!(during.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("300"), "{}", admin.name);
        let after = sign_in(&at(&anon, t0() + Duration::minutes(15)), "lily", RIGHT, None).await;
        assert_eq!(after.status, 303, "the lock ended when it said on {}: {}", admin.name, error_of(&after));
    }
}

#[tokio::test]
async fn an_admins_password_reset_lifts_the_lock() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let app = admin.with_token(None);
        fail_times(&app, "lily", 6, None).await;
        let id = user_id(&admin, "lily").await;
        let r = admin.json("POST", &format!("/api/v1/users/{id}/password"), &json!({ "password": "a fresh password for lily" })).await;
        assert_eq!(r.status, 200, "{}: {}", admin.name, r.body);
        let back = sign_in(&app, "lily", "a fresh password for lily", None).await;
        assert_eq!(back.status, 303, "{}: {}", admin.name, error_of(&back));
        let audit = admin.get(&format!("/api/v1/audit?action=reset_password&entity_id={id}")).await.json();
        assert_eq!(audit["total"], 1, "{}", admin.name);
    }
}

#[tokio::test]
async fn an_admin_unlocks_an_account_through_the_api_and_it_is_audited() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let app = admin.with_token(None);
        fail_times(&app, "lily", 5, None).await;
        let id = user_id(&admin, "lily").await;
        let r = admin.json("POST", &format!("/api/v1/users/{id}/unlock"), &json!({})).await;
        assert_eq!((r.status.as_u16(), r.json()["locks_lifted"].as_i64()), (200, Some(1)), "{}: {}", admin.name, r.body);
        assert_eq!(sign_in(&app, "lily", RIGHT, None).await.status, 303, "{}", admin.name);
        let audit = admin.get(&format!("/api/v1/audit?action=unlock&entity_id={id}")).await.json();
        assert_eq!((audit["total"].as_i64(), audit["items"][0]["actor"].as_str()), (Some(1), Some("root")), "{}", admin.name);
    }
}

#[tokio::test]
async fn the_users_page_shows_a_lock_and_its_unlock_button_lifts_it() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        admin.user_token("boss", "admin", None).await;
        let app = admin.with_token(None);
        fail_times(&app, "lily", 5, None).await;
        let cookie = session(&app, "boss", RIGHT).await;
        let page = get_with(&app, "/admin/users", &cookie).await;
        assert!(page.body.contains("Sign-in locked until"), "{}", admin.name);
        let id = user_id(&admin, "lily").await;
        let form = format!("action=\"/admin/users/{id}/unlock\"");
        assert!(page.body.contains(&form), "{}", admin.name);
        let csrf = super::browser::csrf_in(&page.body);
        let r = super::browser::post_form(&app, &format!("/admin/users/{id}/unlock"), &cookie, &format!("_csrf={csrf}"), None).await;
        assert_eq!(r.status, 200, "{}: {}", admin.name, r.body);
        assert!(r.body.contains("lily is unlocked") && !r.body.contains("Sign-in locked until"), "{}", admin.name);
        assert_eq!(sign_in(&app, "lily", RIGHT, None).await.status, 303, "{}", admin.name);
    }
}

#[tokio::test]
async fn one_address_cannot_lock_the_account_for_another_address() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let app = admin.with_token(None);
        fail_times(&app, "lily", 5, Some("198.51.100.7:4000")).await;
        let attacker = sign_in(&app, "lily", RIGHT, Some("198.51.100.7:4001")).await;
        assert_eq!(attacker.status, 429, "the guessing address is locked out on {}", admin.name);
        let owner = sign_in(&app, "lily", RIGHT, Some("203.0.113.5:5000")).await;
        assert_eq!(owner.status, 303, "the owner elsewhere still signs in on {}: {}", admin.name, error_of(&owner));
    }
}

#[tokio::test]
async fn failures_spread_over_many_addresses_still_lock_the_account() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let app = admin.with_token(None);
        for i in 0..20 {
            sign_in(&app, "lily", WRONG, Some(&format!("198.51.100.{}:4000", i + 1))).await;
        }
        let owner = sign_in(&app, "lily", RIGHT, Some("203.0.113.5:5000")).await;
        assert_eq!(owner.status, 429, "twenty failures from all addresses lock the account on {}", admin.name);
        assert!(error_of(&owner).contains("locked"), "{}", admin.name);
    }
}
