//! The sample office: an invented data set that makes health, the matrix, the calendar, the
//! reminders and the dashboard show something on a new database; marked as sample data on every
//! page and record; loaded only into an empty database, from the first page or the API; the banner
//! read from the database, so a sample loaded by another server shows on this one's pages at once.

use amity_core::{Actor, setup};
use chrono::{Datelike, Duration};
use serde_json::Value;

use crate::support::{TestApp, apps};

fn today() -> chrono::NaiveDate {
    amity_core::clock::Clock::default().now().office_today
}

/// Loads the sample office through the API, as an admin.
async fn load(app: &TestApp) -> Value {
    let r = app.json("POST", "/api/v1/data-set/sample", &Value::Null).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()
}

#[tokio::test]
async fn the_sample_office_brings_health_the_matrix_the_calendar_and_reminders_to_life() {
    for app in apps(false).await {
        let loaded = load(&app).await;
        assert_eq!(loaded["partnerships"], 80, "{}", app.name);
        assert!(loaded["activities"].as_i64().is_some_and(|n| n > 150), "{loaded}");
        assert_eq!(app.partnership_count().await, 80);

        let health = app.get("/api/v1/health").await.json();
        let states: std::collections::BTreeSet<&str> =
            health.as_array().expect("list").iter().filter_map(|h| h["state"].as_str()).collect();
        assert!(states.contains("active") && states.contains("dormant") && states.len() >= 3, "{}: {states:?}", app.name);

        let m = app.get("/api/v1/coverage").await.json();
        assert!(m["total"].as_i64().is_some_and(|n| n > 50), "{}: the matrix counts the year's activities: {}", app.name, m["total"]);

        let first = today().with_day(1).expect("first of the month");
        let last = (first + Duration::days(31)).with_day(1).expect("next month") - Duration::days(1);
        let cal = app.get(&format!("/api/v1/calendar?from={first}&to={last}")).await.json();
        let kinds: Vec<&str> = cal["items"].as_array().expect("items").iter().filter_map(|i| i["kind"].as_str()).collect();
        assert!(kinds.contains(&"event"), "{}: an event this month: {kinds:?}", app.name);

        let reminders = app.get("/api/v1/calendar/reminders").await.json();
        assert!(
            reminders.as_array().expect("list").iter().any(|r| r["item"]["kind"] == "partnership_anniversary" && r["days_until"] == 20),
            "{}: the 10th anniversary in 20 days: {reminders}",
            app.name
        );
    }
}

#[tokio::test]
async fn every_sample_record_says_it_is_sample_data_in_the_api_and_every_page_shows_the_banner() {
    for app in apps(false).await {
        load(&app).await;
        let set = app.get("/api/v1/data-set").await.json();
        assert_eq!((set["loaded"].as_str(), set["sample"].as_bool(), set["empty"].as_bool()), (Some("sample"), Some(true), Some(false)));
        let mark = "Sample data (invented)";
        let partners = app.get("/api/v1/partnerships?per_page=100").await.json();
        assert!(partners["items"].as_array().expect("items").iter().all(|p| p["notes"].as_str().is_some_and(|n| n.starts_with(mark))));
        let activities = app.get("/api/v1/activities?per_page=100").await.json();
        assert!(activities["items"].as_array().expect("items").iter().all(|a| a["summary"].as_str().is_some_and(|s| s.starts_with(mark))));
        for (list, text) in [("events", "description"), ("delegations", "notes"), ("gifts", "notes")] {
            let items = app.get(&format!("/api/v1/{list}")).await.json()["items"].as_array().cloned().expect("items");
            assert!(!items.is_empty(), "{list}");
            for item in items {
                let one = app.get(&format!("/api/v1/{list}/{}", item["id"])).await.json();
                assert!(one[text].as_str().is_some_and(|t| t.starts_with(mark)), "{list}: {one}");
            }
        }
        for (lang, banner) in [("en", "Sample data."), ("zh-CN", "示例数据。")] {
            for page in ["/", "/partnerships", "/coverage", "/calendar"] {
                let r = app.get_lang(page, lang).await;
                assert!(r.body.contains("sample-banner") && r.body.contains(banner), "{} {page} in {lang}", app.name);
            }
        }
    }
}

#[tokio::test]
async fn the_first_page_offers_the_choice_and_a_second_load_is_refused_with_nothing_written() {
    for app in apps(false).await {
        let home = app.get("/").await;
        assert!(home.body.contains("action=\"/setup/sample\"") && home.body.contains("action=\"/setup/demo\""), "{}", app.name);
        assert!(!home.body.contains("sample-banner"), "no banner before the sample is loaded");

        let r = app.form("/setup/sample", "").await;
        assert_eq!((r.status.as_u16(), r.headers.get("location").and_then(|l| l.to_str().ok())), (303, Some("/")), "{}", r.body);
        let home = app.get("/").await;
        assert!(home.body.contains("sample-banner") && !home.body.contains("action=\"/setup/sample\""), "{}", app.name);

        let audit_before = app.get("/api/v1/audit").await.json()["total"].clone();
        for uri in ["/setup/sample", "/setup/demo"] {
            let again = app.form(uri, "").await;
            assert_eq!(again.status, 409, "{uri}");
            assert!(again.body.contains("Nothing was written"), "{uri}: {}", again.body);
        }
        for uri in ["/api/v1/data-set/sample", "/api/v1/data-set/demo"] {
            let again = app.json("POST", uri, &Value::Null).await;
            assert_eq!((again.status.as_u16(), again.error_fields()), (409, vec!["database".to_string()]), "{uri}");
        }
        assert_eq!(app.partnership_count().await, 80, "nothing written");
        assert_eq!(app.get("/api/v1/audit").await.json()["total"], audit_before, "nothing audited either");
    }
}

#[tokio::test]
async fn the_sample_is_refused_on_the_sourced_demo_and_only_admins_load_a_data_set() {
    for app in apps(true).await {
        let r = app.json("POST", "/api/v1/data-set/sample", &Value::Null).await;
        assert_eq!(r.status, 409, "{}", app.name);
        assert_eq!(app.partnership_count().await, 15, "the demo alone");
        assert_eq!(app.get("/api/v1/data-set").await.json()["loaded"], "jinan-2023");
        assert!(setup::load_sample(&**app.db, &Actor::System).await.is_err());
    }
    for app in apps(false).await {
        let coordinator = app.with_token(Some(app.user_token("coordinator.li", "coordinator", None).await));
        assert_eq!(coordinator.json("POST", "/api/v1/data-set/sample", &Value::Null).await.status, 403);
        assert_eq!(coordinator.form("/setup/sample", "").await.status, 403);
        assert!(!coordinator.get("/").await.body.contains("action=\"/setup/sample\""), "only admins are offered the choice");
        assert_eq!(app.partnership_count().await, 0);
    }
}

/// A page of `router` as `token`'s holder sees it: (status, body).
async fn page_of(router: &axum::Router, uri: &str, token: &str) -> (u16, String) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let req = axum::http::Request::get(uri).header("authorization", format!("Bearer {token}")).body(axum::body::Body::empty());
    let r = router.clone().oneshot(req.expect("request")).await.expect("answer");
    let status = r.status().as_u16();
    let body = r.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn a_sample_loaded_by_a_second_server_on_the_same_file_shows_its_banner_on_the_first_servers_pages() {
    use amity_core::auth::{UserInput, service, tokens};
    use amity_web::{AppState, WebSettings, app};
    // Arrange: two servers (each its own pool and state) on one SQLite file, and an admin's token.
    let dir = std::env::temp_dir().join(format!(
        "amity-sample-banner-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite:{}", dir.join("amity.db").display());
    let first_db = amity_store::Db::open(&url).await.expect("first server opens");
    let second_db = amity_store::Db::open(&url).await.expect("second server opens");
    let first = app(AppState { db: first_db.clone(), settings: WebSettings::default() });
    let second = app(AppState { db: second_db.clone(), settings: WebSettings::default() });
    let admin = UserInput { username: "root".into(), role: "admin".into(), password: "a long test password".into(), ..Default::default() };
    let user = service::create(&first_db, &Actor::System, admin).await.expect("admin");
    let token = tokens::create(&first_db, &Actor::System, user.user.id, "tests").await.expect("token").1;
    let (status, before) = page_of(&first, "/partnerships", &token).await;
    assert!(status == 200 && !before.contains("sample-banner"), "no banner before the sample: {status}");

    // Act: the second server loads the sample.
    let req = axum::http::Request::post("/api/v1/data-set/sample")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty());
    let loaded = tower::ServiceExt::oneshot(second.clone(), req.expect("request")).await.expect("answer");
    assert_eq!(loaded.status().as_u16(), 201);

    // Assert: the first server's partner list and calendar show the banner, in both languages.
    let (_, after) = page_of(&first, "/partnerships", &token).await;
    assert!(after.contains("sample-banner") && after.contains("Sample data."), "the first server's partner list shows the banner");
    let (_, zh) = page_of(&first, "/calendar?lang=zh-CN", &token).await;
    assert!(zh.contains("sample-banner") && zh.contains("示例数据。"), "and its calendar, in Chinese");
    first_db.close().await;
    second_db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
