//! The office's settings over HTTP (`/api/v1/settings`, `/admin/settings`) on both databases:
//! health and reminders follow a change at once; bad values are refused naming each field with
//! nothing written; only admins change them; every change is audited. Health measures from the last
//! day an activity's period can cover, with "today" reckoned in the office's time zone.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};

use crate::browser::at;
use crate::support::{TestApp, apps};

fn instant(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().expect("a time")
}

fn settings(quiet: i64, dormant: i64, lead: i64, keep: i64) -> Value {
    json!({ "quiet_months": quiet, "dormant_months": dormant, "reminder_lead_days": lead, "travel_doc_retention_days": keep })
}

async fn put(app: &TestApp, body: &Value) -> crate::support::Resp {
    app.json("PUT", "/api/v1/settings", body).await
}

/// Sacramento's id, with one done activity known only by its year, 2022.
async fn sacramento_with_a_2022_activity(app: &TestApp) -> i64 {
    let sac = app.get("/api/v1/partnerships?q=sacramento").await.json()["items"][0]["id"].as_i64().expect("id");
    let body = json!({ "kind": "meeting", "title": "Talks on youth exchanges", "start_on": "2022", "status": "done",
        "owner_unit_id": app.home_unit().await, "partnership_ids": [sac], "fields": ["youth"] });
    let r = app.json("POST", "/api/v1/activities", &body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    sac
}

/// The health state of partnership `p` from the API, and the state its page shows.
async fn health(app: &TestApp, p: i64) -> (String, String) {
    let list = app.get("/api/v1/health").await.json();
    let h = list.as_array().expect("list").iter().find(|h| h["partnership_id"] == p).expect("listed").clone();
    let page = app.get(&format!("/partnerships/{p}")).await.body;
    let state = ["active", "quiet", "dormant"].into_iter().find(|s| page.contains(&format!("status-health-{s}"))).unwrap_or("none");
    (h["state"].as_str().unwrap_or_default().to_string(), state.to_string())
}

fn both(s: &str) -> (String, String) {
    (s.to_string(), s.to_string())
}

#[tokio::test]
async fn a_2022_activity_keeps_a_partner_active_until_its_last_day_is_past_the_threshold_and_a_new_threshold_applies_at_once() {
    for app in apps(true).await {
        // Arrange: 30 June 2024, noon in the office.
        let app = at(&app, instant(2024, 6, 30, 4, 0));
        let sac = sacramento_with_a_2022_activity(&app).await;
        assert_eq!(health(&app, sac).await, both("quiet"), "{}: default 12 months", app.name);

        // Act: quiet after 24 months — "2022" counts as 31 December 2022, so not quiet yet.
        let r = put(&app, &settings(24, 36, 30, 90)).await;

        // Assert
        assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
        assert_eq!(r.json(), settings(24, 36, 30, 90), "{}: the saved settings answered", app.name);
        assert_eq!(health(&app, sac).await, both("active"), "{}: measured from 2022-12-31, not 2022-01-01", app.name);
        let h = app.get("/api/v1/health").await.json();
        let last = h.as_array().expect("list").iter().find(|x| x["partnership_id"] == sac).expect("listed")["last_activity"].clone();
        assert_eq!(last, "2022-12-31", "{}", app.name);

        // Quiet after 6 months, dormant after 18: 2022-12-31 is one day short of 18 months.
        assert_eq!(put(&app, &settings(6, 18, 30, 90)).await.status, 200, "{}", app.name);
        assert_eq!(health(&app, sac).await, both("quiet"), "{}: the partner page follows at once", app.name);
        let attention = app.get("/attention").await.body;
        assert!(attention.contains("no done activity for 6 months or more"), "{}: the needs-attention page says so", app.name);
        assert_eq!(put(&app, &settings(6, 17, 30, 90)).await.status, 200, "{}", app.name);
        assert_eq!(health(&app, sac).await, both("dormant"), "{}", app.name);
        assert_eq!(app.get("/api/v1/settings").await.json(), settings(6, 17, 30, 90), "{}: read back", app.name);
    }
}

#[tokio::test]
async fn today_is_the_office_day_in_its_time_zone_around_midnight() {
    for app in apps(true).await {
        // Arrange: quiet after 18 months; the only activity is "2022" (counts as 2022-12-31). The
        // server's clock is UTC; the office is in Asia/Shanghai (UTC+8).
        let sac = sacramento_with_a_2022_activity(&app).await;
        assert_eq!(put(&app, &settings(18, 36, 30, 90)).await.status, 200, "{}", app.name);
        // Act: 30 June 2024 15:30 UTC is 23:30 in the office; 16:30 UTC is 00:30 on 1 July there.
        let before = health(&at(&app, instant(2024, 6, 30, 15, 30)), sac).await;
        let after = health(&at(&app, instant(2024, 6, 30, 16, 30)), sac).await;
        // Assert: 18 months before 30 June 2024 is 30 December 2022; before 1 July 2024, 1 January 2023.
        assert_eq!(before, both("active"), "{}: still 30 June in the office", app.name);
        assert_eq!(after, both("quiet"), "{}: 1 July in the office, though still 30 June in UTC", app.name);
    }
}

#[tokio::test]
async fn the_reminder_lead_time_applies_at_once() {
    for app in apps(true).await {
        // Arrange: 30 June 2024 in the office; the United States' national day (4 July) is 4 days away.
        let app = at(&app, instant(2024, 6, 30, 4, 0));
        let us =
            |v: &Value| v.as_array().expect("list").iter().any(|r| r["item"]["country"] == "US" && r["item"]["kind"] == "national_day");
        // Act / Assert
        assert_eq!(put(&app, &settings(12, 24, 3, 90)).await.status, 200, "{}", app.name);
        assert!(!us(&app.get("/api/v1/calendar/reminders").await.json()), "{}: 3 days ahead", app.name);
        assert_eq!(put(&app, &settings(12, 24, 5, 90)).await.status, 200, "{}", app.name);
        assert!(us(&app.get("/api/v1/calendar/reminders").await.json()), "{}: 5 days ahead", app.name);
    }
}

/// The audit entries of the settings.
async fn audited(app: &TestApp) -> Value {
    app.get("/api/v1/audit?entity=settings").await.json()
}

#[tokio::test]
async fn bad_settings_are_refused_naming_each_field_and_nothing_is_written() {
    for app in apps(false).await {
        let defaults = settings(12, 24, 30, 90);
        let cases: [(Value, Vec<(&str, &str)>); 6] = [
            (settings(0, 24, 30, 90), vec![("quiet_months", "out_of_range")]),
            (
                settings(-1, -2, -3, -4),
                vec![
                    ("quiet_months", "out_of_range"),
                    ("dormant_months", "out_of_range"),
                    ("reminder_lead_days", "out_of_range"),
                    ("travel_doc_retention_days", "out_of_range"),
                ],
            ),
            (settings(12, 12, 30, 90), vec![("dormant_months", "dormant_not_after_quiet")]),
            (settings(24, 12, 30, 90), vec![("dormant_months", "dormant_not_after_quiet")]),
            (
                json!({ "quiet_months": "six", "dormant_months": 24, "reminder_lead_days": 30, "travel_doc_retention_days": 90 }),
                vec![("quiet_months", "wrong_type")],
            ),
            (
                json!({ "quiet_months": 6 }),
                vec![("dormant_months", "required"), ("reminder_lead_days", "required"), ("travel_doc_retention_days", "required")],
            ),
        ];
        for (body, want) in cases {
            let r = put(&app, &body).await;
            assert_eq!(r.status, 422, "{}: {body}: {}", app.name, r.body);
            let got: Vec<(String, String)> = r.json()["error"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|f| (f["field"].as_str().unwrap_or_default().to_string(), f["code"].as_str().unwrap_or_default().to_string()))
                .collect();
            let want: Vec<(String, String)> = want.into_iter().map(|(f, c)| (f.to_string(), c.to_string())).collect();
            assert_eq!(got, want, "{}: {body}", app.name);
        }
        // The message is translated and names the quiet period.
        let zh = app
            .send(
                axum::http::Request::put("/api/v1/settings")
                    .header("content-type", "application/json")
                    .header("accept-language", "zh-CN")
                    .header("authorization", format!("Bearer {}", app.token.clone().unwrap_or_default()))
                    .body(axum::body::Body::from(settings(12, 6, 30, 90).to_string()))
                    .expect("request"),
            )
            .await;
        assert_eq!(zh.json()["error"]["fields"][0]["message"], "须长于“往来较少”的期限（12 个月）。", "{}", app.name);

        // The form: every bad entry summarised at the top and beside its field.
        let r = app.form("/admin/settings", "quiet_months=abc&dormant_months=0&reminder_lead_days=30&travel_doc_retention_days=").await;
        assert_eq!(r.status, 422, "{}: {}", app.name, r.body);
        assert!(r.body.contains("error-summary") && r.body.contains("href=\"#f-quiet_months\""), "{}: the summary", app.name);
        assert!(r.body.contains("id=\"e-quiet_months\"") && r.body.contains("Enter a number."), "{}: beside the field", app.name);
        assert!(r.body.contains("value=\"abc\""), "{}: the entry shown again as typed", app.name);
        let r = app.form("/admin/settings", "quiet_months=12&dormant_months=0&reminder_lead_days=30&travel_doc_retention_days=").await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert!(r.body.contains("id=\"e-dormant_months\"") && r.body.contains("id=\"e-travel_doc_retention_days\""), "{}", app.name);

        // Nothing was written.
        assert_eq!(app.get("/api/v1/settings").await.json(), defaults, "{}", app.name);
        assert_eq!(audited(&app).await["total"], 0, "{}", app.name);
    }
}

#[tokio::test]
async fn only_admins_change_the_settings_and_each_change_is_audited_with_before_and_after() {
    for app in apps(false).await {
        // Arrange
        let coordinator = app.with_token(Some(app.user_token("coord", "coordinator", None).await));
        let viewer = app.with_token(Some(app.user_token("viewer", "viewer", None).await));
        // Act / Assert: others may read them, only admins change them.
        assert_eq!(viewer.get("/api/v1/settings").await.json(), settings(12, 24, 30, 90), "{}", app.name);
        assert_eq!(put(&coordinator, &settings(6, 18, 30, 90)).await.status, 403, "{}", app.name);
        assert_eq!(coordinator.get("/admin/settings").await.status, 403, "{}", app.name);
        assert_eq!(
            coordinator
                .form("/admin/settings", "quiet_months=6&dormant_months=18&reminder_lead_days=30&travel_doc_retention_days=90")
                .await
                .status,
            403
        );
        assert_eq!(app.get("/api/v1/settings").await.json(), settings(12, 24, 30, 90), "{}: unchanged", app.name);

        // An admin saves through the form: back to the page, which says so and shows the values.
        let r = app.form("/admin/settings", "quiet_months=6&dormant_months=18&reminder_lead_days=14&travel_doc_retention_days=0").await;
        assert_eq!((r.status.as_u16(), r.headers.get("location").and_then(|v| v.to_str().ok())), (303, Some("/admin/settings?saved=1")));
        let page = app.get("/admin/settings?saved=1").await;
        assert!(page.body.contains("Settings saved.") && page.body.contains("name=\"quiet_months\" value=\"6\""), "{}", app.name);
        assert!(page.body.contains("href=\"/admin/settings\""), "{}: linked from the admin menu", app.name);
        let zh = app.get_lang("/admin/settings", "zh-CN").await.body;
        assert!(zh.contains("系统设置") && zh.contains("“往来较少”判定期限（月）"), "{}", app.name);

        // Audited, with the values before and after.
        let log = audited(&app).await;
        assert_eq!(log["total"], 1, "{}", app.name);
        let entry = &log["items"][0];
        assert_eq!((entry["action"].as_str(), entry["actor"].as_str()), (Some("update"), Some("root")), "{}", app.name);
        let parse = |v: &Value| serde_json::from_str::<Value>(v.as_str().unwrap_or("null")).unwrap_or(Value::Null);
        assert_eq!((parse(&entry["before"]), parse(&entry["after"])), (settings(12, 24, 30, 90), settings(6, 18, 14, 0)), "{}", app.name);
        assert_eq!(coordinator.get("/api/v1/settings").await.json(), settings(6, 18, 14, 0), "{}", app.name);
    }
}
