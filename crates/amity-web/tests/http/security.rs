//! Sessions, CSRF, lock-out and throttling, tokens of disabled users, unit scopes, and the audit trail.

use axum::body::Body;
use axum::http::Request;
use serde_json::json;

use super::browser::{cookie_of, csrf_in, get_with, post_form, sign_in};
use super::support::apps;

#[tokio::test]
async fn a_browser_signs_in_works_with_csrf_tokens_and_signs_out() {
    for admin in apps(true).await {
        admin.user_token("wang", "coordinator", None).await;
        let app = admin.with_token(None);
        assert_eq!(app.get("/partnerships").await.status, 303, "the public is sent to sign in");
        let r = sign_in(&app, "wang", "a long test password", None).await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.headers.get("location").expect("location"), "/partnerships");
        let session = cookie_of(&r, "amity_session").expect("session cookie");
        let set = r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap_or("").to_string()).collect::<Vec<_>>().join("\n");
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
        let cookie = format!("amity_session={session}");
        let page = get_with(&app, "/partnerships/new", &cookie).await;
        assert_eq!(page.status, 200);
        let token = csrf_in(&page.body);
        let home = admin.home_unit().await;
        let body = format!("home_unit_id={home}&city_id=2643743&kind=sister_city&status=prospect&action=save");
        let refused = post_form(&app, "/partnerships", &cookie, &body, None).await;
        assert_eq!(refused.status, 403, "a write without the CSRF token is refused");
        let refused = post_form(&app, "/partnerships", &cookie, &format!("_csrf=forged&{body}"), None).await;
        assert_eq!(refused.status, 403, "a forged token is refused");
        assert_eq!(admin.partnership_count().await, 15);
        let ok = post_form(&app, "/partnerships", &cookie, &format!("_csrf={token}&{body}"), None).await;
        assert_eq!(ok.status, 303, "{}", ok.body);
        assert_eq!(admin.partnership_count().await, 16);
        let out = post_form(&app, "/logout", &cookie, &format!("_csrf={token}"), None).await;
        assert_eq!(out.status, 303);
        assert_eq!(get_with(&app, "/partnerships", &cookie).await.status, 303, "the session is gone on {}", admin.name);
    }
}

#[tokio::test]
async fn wrong_passwords_get_one_generic_message_and_lock_the_account() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let app = admin.with_token(None);
        let unknown = sign_in(&app, "nobody", "whatever password", None).await;
        let wrong = sign_in(&app, "lily", "wrong password!!", None).await;
        assert_eq!((unknown.status.as_u16(), wrong.status.as_u16()), (401, 401), "{}", admin.name);
        assert!(
            unknown.body.contains("Wrong username or password.") && wrong.body.contains("Wrong username or password."),
            "{}",
            admin.name
        );
        for _ in 0..4 {
            sign_in(&app, "lily", "wrong password!!", None).await;
        }
        let locked = sign_in(&app, "lily", "a long test password", None).await;
        assert_eq!(locked.status, 429, "after five failures even the right password is refused for a while on {}", admin.name);
        assert!(cookie_of(&locked, "amity_session").is_none(), "{}", admin.name);
        let audit = admin.get("/api/v1/audit?action=sign_in_failed").await.json();
        assert!(audit["total"].as_i64().expect("total") >= 6, "{}: {audit}", admin.name);
    }
}

#[tokio::test]
async fn an_address_with_many_failures_is_throttled() {
    for admin in apps(false).await {
        let app = admin.with_token(None);
        for i in 0..20 {
            sign_in(&app, &format!("guess{i}"), "wrong password!!", Some("198.51.100.7:4000")).await;
        }
        let r = sign_in(&app, "guess99", "wrong password!!", Some("198.51.100.7:4000")).await;
        assert_eq!(r.status, 429, "{}", admin.name);
        assert_eq!(r.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("900"), "429 says when to retry on {}", admin.name);
        let other = sign_in(&app, "guess99", "wrong password!!", Some("198.51.100.8:4000")).await;
        assert_eq!(other.status, 401, "another address is not throttled on {}", admin.name);
    }
}

#[tokio::test]
async fn the_sign_in_form_needs_its_own_token() {
    for admin in apps(false).await {
        let app = admin.with_token(None);
        let r = post_form(&app, "/login", "", "username=root&password=a+long+test+password", None).await;
        assert_eq!(r.status, 400, "the form is shown again as expired on {}", admin.name);
        assert!(cookie_of(&r, "amity_session").is_none(), "{}", admin.name);
    }
}

#[tokio::test]
async fn forged_sessions_and_tokens_of_disabled_users_are_refused() {
    for admin in apps(false).await {
        let anon = admin.with_token(None);
        let r = get_with(&anon, "/api/v1/partnerships", "amity_session=0123456789abcdef").await;
        assert_eq!(r.status, 401, "a forged session on {}", admin.name);
        let r = admin.with_token(Some("amity_forged".into())).get("/api/v1/partnerships").await;
        assert_eq!(r.status, 401, "a forged token on {}", admin.name);
        assert_eq!(r.json()["error"]["code"], "invalid_token", "{}", admin.name);
        let token = admin.user_token("zhao", "viewer", None).await;
        let zhao = admin.with_token(Some(token));
        assert_eq!(zhao.get("/api/v1/partnerships").await.status, 200, "{}", admin.name);
        let users = admin.get("/api/v1/users").await.json();
        let u = users["items"].as_array().expect("users").iter().find(|u| u["username"] == "zhao").expect("zhao").clone();
        let body = json!({ "username": "zhao", "role": "viewer", "disabled": true, "version": u["version"] });
        assert_eq!(admin.json("PUT", &format!("/api/v1/users/{}", u["id"]), &body).await.status, 200, "{}", admin.name);
        assert_eq!(zhao.get("/api/v1/partnerships").await.status, 401, "a disabled user's token stops working on {}", admin.name);
    }
}

#[tokio::test]
async fn a_unit_editor_changes_only_their_units_records_and_refusals_are_audited() {
    for admin in apps(true).await {
        let units = admin.get("/api/v1/units").await.json();
        let licheng = units["items"].as_array().expect("units").iter().find(|u| u["name_en"] == "Licheng District").expect("Licheng")["id"]
            .as_i64()
            .expect("id");
        let editor = admin.with_token(Some(admin.user_token("licheng.editor", "unit_editor", Some(licheng)).await));
        let all = editor.get("/api/v1/partnerships?per_page=100").await.json();
        let own = all["items"].as_array().expect("items").iter().find(|p| p["home_unit_id"] == licheng).expect("Cegléd").clone();
        let other = all["items"].as_array().expect("items").iter().find(|p| p["home_unit_id"] != licheng).expect("another").clone();
        let mut body = json!({ "home_unit_id": own["home_unit_id"], "city_id": own["city"]["geonameid"], "kind": "friendly_cooperation", "status": "active", "notes": "updated by Licheng", "version": own["version"] });
        assert_eq!(editor.json("PUT", &format!("/api/v1/partnerships/{}", own["id"]), &body).await.status, 200, "{}", admin.name);
        body["version"] = other["version"].clone();
        body["home_unit_id"] = other["home_unit_id"].clone();
        body["city_id"] = other["city"]["geonameid"].clone();
        let r = editor.json("PUT", &format!("/api/v1/partnerships/{}", other["id"]), &body).await;
        assert_eq!(r.status, 403, "another unit's record is refused");
        let del = editor.send(Request::delete(format!("/api/v1/partnerships/{}", other["id"])).body(Body::empty()).expect("req")).await;
        assert_eq!(del.status, 403);
        assert_eq!(admin.get(&format!("/api/v1/partnerships/{}", other["id"])).await.json()["version"], other["version"], "unchanged");
        let refused = admin.get("/api/v1/audit?action=refused&actor=licheng.editor").await.json();
        assert_eq!(refused["total"], 2, "{}", admin.name);
    }
}

#[tokio::test]
async fn every_change_is_in_the_audit_log_with_before_and_after() {
    for admin in apps(true).await {
        let p = admin.get("/api/v1/partnerships?q=regina").await.json()["items"][0].clone();
        let id = p["id"].as_i64().expect("id");
        let body = json!({ "status": "suspended", "date": "2020-03", "reason": "travel stopped", "condition": "until travel resumes", "version": p["version"] });
        assert_eq!(admin.json("POST", &format!("/api/v1/partnerships/{id}/transitions"), &body).await.status, 200);
        let log = admin.get(&format!("/api/v1/audit?entity=partnership&entity_id={id}")).await.json();
        let entry = &log["items"][0];
        assert_eq!(entry["action"], "transition");
        assert_eq!(entry["actor"], "root");
        let before: serde_json::Value = serde_json::from_str(entry["before"].as_str().expect("before")).expect("json");
        let after: serde_json::Value = serde_json::from_str(entry["after"].as_str().expect("after")).expect("json");
        assert_eq!((before["status"].as_str(), after["status"].as_str()), (Some("active"), Some("suspended")), "{}", admin.name);
        let csv = admin.get("/audit.csv?entity=partnership").await;
        assert!(csv.headers.get("content-type").expect("type").to_str().expect("text").starts_with("text/csv"));
        assert!(csv.body.starts_with('\u{feff}'), "a byte-order mark for spreadsheet programs");
        assert!(csv.body.contains("suspended"));
        let page = admin.get("/audit?entity=partnership").await;
        assert!(page.body.contains("transition") && page.body.contains("root"));
    }
}

#[tokio::test]
async fn auditors_read_the_audit_log_and_nothing_else() {
    for admin in apps(true).await {
        let auditor = admin.with_token(Some(admin.user_token("shen", "auditor", None).await));
        assert_eq!(auditor.get("/api/v1/audit").await.status, 200, "{}", admin.name);
        assert_eq!(auditor.get("/api/v1/partnerships").await.status, 403, "{}", admin.name);
        assert_eq!(auditor.get("/partnerships").await.status, 403, "{}", admin.name);
        let home = auditor.get("/").await;
        assert_eq!(
            (home.status.as_u16(), home.headers.get("location").and_then(|v| v.to_str().ok())),
            (303, Some("/audit")),
            "{}",
            admin.name
        );
        let viewer = admin.with_token(Some(admin.user_token("qian", "viewer", None).await));
        assert_eq!(viewer.get("/api/v1/audit").await.status, 403, "{}", admin.name);
    }
}

#[tokio::test]
async fn the_last_admin_cannot_be_demoted_and_tokens_are_shown_once_and_revocable() {
    for admin in apps(false).await {
        let me = admin.get("/api/v1/me").await.json();
        let body = json!({ "username": "root", "role": "viewer", "version": me["version"] });
        let r = admin.json("PUT", &format!("/api/v1/users/{}", me["id"]), &body).await;
        assert_eq!(r.status, 409, "the last admin stays admin on {}", admin.name);
        assert_eq!(r.error_fields(), ["role"], "{}", admin.name);
        let created = admin.json("POST", "/api/v1/me/tokens", &json!({ "name": "nightly export" })).await;
        assert_eq!(created.status, 201, "{}: {}", admin.name, created.body);
        let secret = created.json()["secret"].as_str().expect("secret").to_string();
        let listed = admin.get("/api/v1/me/tokens").await;
        assert!(!listed.body.contains(&secret), "the secret is never listed on {}", admin.name);
        let second = admin.with_token(Some(secret));
        assert_eq!(second.get("/api/v1/me").await.status, 200, "{}", admin.name);
        let id = created.json()["token"]["id"].as_i64().expect("id");
        let del = admin.send(Request::delete(format!("/api/v1/me/tokens/{id}")).body(Body::empty()).expect("req")).await;
        assert_eq!(del.status, 204, "{}", admin.name);
        assert_eq!(second.get("/api/v1/me").await.status, 401, "a revoked token stops working on {}", admin.name);
    }
}

#[tokio::test]
async fn a_password_change_needs_the_current_password() {
    for admin in apps(false).await {
        let r = admin.json("POST", "/api/v1/me/password", &json!({ "current_password": "wrong one", "new_password": "short" })).await;
        assert_eq!(r.status, 422, "{}", admin.name);
        let mut f = r.error_fields();
        f.sort();
        assert_eq!(f, ["current_password", "new_password"], "{}", admin.name);
        let ok = admin
            .json(
                "POST",
                "/api/v1/me/password",
                &json!({ "current_password": "a long test password", "new_password": "an even longer password" }),
            )
            .await;
        assert_eq!(ok.status, 204, "{}", admin.name);
        let app = admin.with_token(None);
        assert_eq!(sign_in(&app, "root", "an even longer password", None).await.status, 303, "{}", admin.name);
    }
}

#[tokio::test]
async fn erasure_on_request_redacts_the_person_in_the_audit_log_and_is_itself_audited() {
    for admin in apps(true).await {
        let token = admin.user_token("wang.fang", "coordinator", None).await;
        let wang = admin.with_token(Some(token));
        let home = admin.home_unit().await;
        let made = wang
            .json(
                "POST",
                "/api/v1/partnerships",
                &json!({ "home_unit_id": home, "city_id": 2643743, "kind": "sister_city", "status": "prospect" }),
            )
            .await;
        assert_eq!(made.status, 201);
        let anon = admin.with_token(None);
        sign_in(&anon, "wang.fang", "not the password", Some("203.0.113.5:1000")).await;
        let users = admin.get("/api/v1/users").await.json();
        let id = users["items"].as_array().expect("users").iter().find(|u| u["username"] == "wang.fang").expect("wang")["id"]
            .as_i64()
            .expect("id");

        let r = admin.json("POST", &format!("/api/v1/users/{id}/erase"), &json!({})).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.json()["redacted_entries"].as_i64().expect("count") >= 3, "{}", r.body);

        let export = admin.get("/audit.csv").await.body;
        assert!(!export.contains("wang.fang"), "the name is gone from every audit entry on {}", admin.name);
        assert!(export.contains(&format!("erased-{id}")));
        let erase = admin.get(&format!("/api/v1/audit?action=erase&entity_id={id}")).await.json();
        assert_eq!(erase["total"], 1, "the erasure is itself audited");
        assert_eq!(erase["items"][0]["actor"], "root");
        let created = admin.get(&format!("/api/v1/audit?action=create&entity=partnership&actor=erased-{id}")).await.json();
        assert_eq!(created["total"], 1, "what the person did is still recorded, without their name");
        assert!(created["items"][0]["ip"].is_null());
        assert_eq!(wang.get("/api/v1/me").await.status, 401, "the account's tokens stop working");
        let me = admin.get("/api/v1/me").await.json();
        assert_eq!(admin.json("POST", &format!("/api/v1/users/{}/erase", me["id"]), &json!({})).await.status, 409, "not oneself");
    }
}
