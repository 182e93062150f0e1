//! The cooperation log through the API and the pages: activities, commitments, health, the
//! needs-attention list and the coverage matrix, on both backends.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use super::support::{TestApp, apps};

fn days_ago(n: i64) -> String {
    (Utc::now().date_naive() - Duration::days(n)).format("%Y-%m-%d").to_string()
}

async fn partner(app: &TestApp, q: &str) -> Value {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0].clone()
}

async fn log(app: &TestApp, body: Value) -> Value {
    let r = app.json("POST", "/api/v1/activities", &body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()
}

#[tokio::test]
async fn an_activity_is_logged_read_filtered_changed_and_deleted() {
    for app in apps(true).await {
        let (sac, wak) = (partner(&app, "sacramento").await["id"].clone(), partner(&app, "wakayama").await["id"].clone());
        let home = app.home_unit().await;
        let a = log(
            &app,
            json!({ "kind": "inbound_visit", "title": "Youth delegation from Sacramento", "start_on": days_ago(40), "end_on": days_ago(36),
            "status": "done", "owner_unit_id": home, "partnership_ids": [sac, wak], "fields": ["education", "culture"], "participants": 24,
            "commitments": [{ "what": "Send the photo book", "who": "Culture bureau", "due_on": days_ago(10) }] }),
        )
        .await;
        let id = a["id"].as_i64().expect("id");
        assert_eq!(a["fields"], json!(["culture", "education"]), "fields in their display order");
        assert_eq!(a["commitments"][0]["status"], "open");
        assert_eq!(
            app.get(&format!("/api/v1/activities?partnership={sac}")).await.json()["total"],
            2,
            "this one and the demo's 2014 anniversary"
        );
        assert_eq!(app.get("/api/v1/activities?field=health").await.json()["total"], 0);
        assert_eq!(app.get(&format!("/api/v1/activities?from={}", days_ago(30))).await.json()["total"], 0, "starts before the period");
        assert_eq!(app.get("/api/v1/activities?q=youth").await.json()["total"], 1);

        let mut body = json!({ "kind": "inbound_visit", "title": "Youth delegation from Sacramento", "start_on": days_ago(40), "status": "done",
            "owner_unit_id": home, "partnership_ids": [sac], "fields": ["education"], "version": a["version"] });
        assert_eq!(app.json("PUT", &format!("/api/v1/activities/{id}"), &body).await.status, 200);
        assert_eq!(app.json("PUT", &format!("/api/v1/activities/{id}"), &body).await.status, 409, "stale version");
        body["start_on"] = json!(days_ago(5));
        body["version"] = json!(a["version"].as_i64().expect("v") + 1);
        let r = app.json("PUT", &format!("/api/v1/activities/{id}"), &body).await;
        assert_eq!(r.error_fields(), ["start_on"], "a commitment would fall due before the activity");

        let c = &app.get(&format!("/api/v1/activities/{id}")).await.json()["commitments"][0];
        let done =
            app.json("PUT", &format!("/api/v1/commitments/{}", c["id"]), &json!({ "status": "done", "version": c["version"] })).await;
        assert_eq!(done.status, 200);
        assert_eq!(done.json()["status"], "done");
        let del =
            app.send(axum::http::Request::delete(format!("/api/v1/activities/{id}")).body(axum::body::Body::empty()).expect("req")).await;
        assert_eq!(del.status, 204);
        assert_eq!(app.get(&format!("/api/v1/activities/{id}")).await.status, 404);
        let trail = app.get(&format!("/api/v1/audit?entity=activity&entity_id={id}")).await.json();
        assert_eq!(trail["total"], 3, "created, updated, deleted on {}", app.name);
    }
}

#[tokio::test]
async fn bad_activities_are_refused_naming_each_field() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let sac = partner(&app, "sacramento").await["id"].clone();
        let r = app
            .json(
                "POST",
                "/api/v1/activities",
                &json!({ "kind": "visit", "title": "", "start_on": "2023-02-30", "end_on": "2022-01-01",
            "status": "done", "owner_unit_id": home, "partnership_ids": [], "fields": ["astrology"],
            "commitments": [{ "what": "x", "due_on": "2020-01-01" }] }),
            )
            .await;
        assert_eq!(r.status, 422);
        let mut f = r.error_fields();
        f.sort();
        assert_eq!(f, ["kind", "partnership_ids", "start_on", "title"], "{}", r.body);
        let r = app
            .json(
                "POST",
                "/api/v1/activities",
                &json!({ "kind": "meeting", "title": "Talks", "start_on": "2023-05-01", "status": "done",
            "owner_unit_id": home, "partnership_ids": [sac], "commitments": [{ "what": "Reply", "due_on": "2023-04-30" }] }),
            )
            .await;
        assert_eq!(r.error_fields(), ["commitments[0].due_on"], "due before the activity");
        let r = app
            .json(
                "POST",
                "/api/v1/activities",
                &json!({ "kind": "meeting", "title": "Talks", "start_on": "2023-05-01", "end_on": "2023-04-30",
            "status": "done", "owner_unit_id": home, "partnership_ids": [sac, 999999], "fields": ["astrology"] }),
            )
            .await;
        let mut f = r.error_fields();
        f.sort();
        assert_eq!(f, ["end_on"], "own fields first: {}", r.body);
        let r = app
            .json(
                "POST",
                "/api/v1/activities",
                &json!({ "kind": "meeting", "title": "Talks", "start_on": "2023-05-01",
            "status": "done", "owner_unit_id": home, "partnership_ids": [sac, 999999], "fields": ["astrology"] }),
            )
            .await;
        let mut f = r.error_fields();
        f.sort();
        assert_eq!(f, ["fields[0]", "partnership_ids[1]"], "{}", r.body);
        let ended = app
            .json(
                "POST",
                "/api/v1/partnerships",
                &json!({ "home_unit_id": home, "city_id": 2643743, "kind": "sister_city", "status": "ended" }),
            )
            .await
            .json();
        let r = app
            .json(
                "POST",
                "/api/v1/activities",
                &json!({ "kind": "letter", "title": "Greetings", "start_on": "2024-01-01",
            "status": "planned", "owner_unit_id": home, "partnership_ids": [ended["id"]] }),
            )
            .await;
        assert_eq!(r.status, 422);
        assert_eq!(
            r.json()["error"]["fields"][0]["code"],
            "partnership_not_active",
            "an ended partnership takes no activity on {}",
            app.name
        );
        assert_eq!(app.get("/api/v1/activities").await.json()["total"], 2, "nothing was written beyond the demo's two");
    }
}

#[tokio::test]
async fn health_attention_and_coverage_follow_the_log() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let sac = partner(&app, "sacramento").await["id"].clone();
        let health = app.get("/api/v1/health").await.json();
        let sac_health = health.as_array().expect("list").iter().find(|h| h["partnership_id"] == sac).expect("sac").clone();
        assert_eq!(sac_health["state"], "dormant", "no activity since 1985 on {}", app.name);
        log(
            &app,
            json!({ "kind": "online_meeting", "title": "Sister-city video call", "start_on": days_ago(20), "status": "done",
            "owner_unit_id": home, "partnership_ids": [sac], "fields": ["culture", "trade"],
            "commitments": [{ "what": "Exchange trade contacts", "due_on": days_ago(2) }] }),
        )
        .await;
        log(
            &app,
            json!({ "kind": "letter", "title": "Congratulations planned", "start_on": days_ago(1), "status": "planned",
            "owner_unit_id": home, "partnership_ids": [sac], "fields": ["health"] }),
        )
        .await;
        let health = app.get("/api/v1/health").await.json();
        let h = health.as_array().expect("list").iter().find(|h| h["partnership_id"] == sac).expect("sac").clone();
        assert_eq!(
            (h["state"].as_str(), h["activities_12_months"].as_i64(), h["fields_24_months"].as_i64()),
            (Some("active"), Some(1), Some(2)),
            "planned entries do not count"
        );
        assert_eq!(h["overdue_commitments"], 1);
        let attention = app.get("/api/v1/attention").await.json();
        assert_eq!(attention["overdue_commitments"][0]["commitment"]["what"], "Exchange trade contacts");
        assert!(attention["dormant"].as_array().expect("dormant").iter().all(|d| d["partnership_id"] != sac));
        // Cegléd has no known date and no activity: it is measured from the day it was recorded.
        assert_eq!(attention["dormant"].as_array().map(Vec::len), Some(13), "every other dated demo partner is dormant today");
        // The partnerships the lists name are described once each, by id: exactly those named.
        let list = |k: &str| attention[k].as_array().cloned().unwrap_or_default();
        let mut named: Vec<i64> = list("dormant").iter().chain(&list("quiet")).filter_map(|h| h["partnership_id"].as_i64()).collect();
        named.extend(list("overdue_commitments").iter().flat_map(|o| list_ids(&o["partnership_ids"])));
        named.extend(list("expiring_agreements").iter().filter_map(|e| e["partnership_id"].as_i64()));
        named.extend(list("visits_without_approval").iter().flat_map(|v| list_ids(&v["partnership_ids"])));
        named.sort_unstable();
        named.dedup();
        let table = attention["partnerships"].as_object().expect("partnerships");
        let mut keys: Vec<i64> = table.keys().filter_map(|k| k.parse().ok()).collect();
        keys.sort_unstable();
        assert_eq!(keys, named);
        assert!(table.values().all(|p| p["city"]["name_en"].as_str().is_some_and(|n| !n.is_empty())), "{table:?}");

        let m = app.get("/api/v1/coverage").await.json();
        let fields: Vec<&str> = m["fields"].as_array().expect("fields").iter().map(|f| f["code"].as_str().unwrap_or("")).collect();
        let row = m["rows"].as_array().expect("rows").iter().find(|r| r["partnership_id"] == sac).expect("row").clone();
        let at = |code: &str| row["counts"][fields.iter().position(|c| *c == code).expect("field")].as_i64();
        assert_eq!((at("culture"), at("trade"), at("health")), (Some(1), Some(1), Some(0)));
        // One activity in two fields: the totals count it once, its two activity–field pairs beside them.
        assert_eq!((m["total"].as_i64(), row["total"].as_i64()), (Some(1), Some(1)));
        assert_eq!((m["pairs"].as_i64(), row["pairs"].as_i64()), (Some(2), Some(2)));
        assert_eq!(m["rows"].as_array().map(Vec::len), Some(15));
        let asia = app.get("/api/v1/coverage?continent=AS").await.json();
        assert_eq!(asia["total"], 0);
        let countries: std::collections::BTreeSet<&str> =
            asia["partnerships"].as_object().expect("partnerships").values().filter_map(|p| p["city"]["country"].as_str()).collect();
        assert!(countries.contains("JP") && countries.contains("KR") && countries.contains("IL"), "{countries:?}");
        assert!(!countries.contains("US") && !countries.contains("DE"), "{countries:?}");
        let r = app.get("/api/v1/coverage?from=2024-01-01&to=2023-01-01&continent=XX").await;
        let mut f = r.error_fields();
        f.sort();
        assert_eq!(f, ["continent", "to"]);
    }
}

#[tokio::test]
async fn the_pages_log_an_activity_and_show_the_matrix_and_attention() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let sac = partner(&app, "sacramento").await["id"].as_i64().expect("id");
        let form = app.get(&format!("/activities/new?partnership={sac}")).await;
        assert!(form.body.contains(&format!("<option value=\"{sac}\" selected>")), "the partner is preselected");
        let body = format!(
            "title=Poetry+contest&kind=exhibition&status=done&start_on={}&owner_unit_id={home}&partnership_ids={sac}&fields=culture&fields=education&commitment_what=Publish+the+winners&commitment_due_on={}",
            days_ago(3),
            days_ago(1)
        );
        let r = app.form("/activities", &body).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let loc = r.headers.get("location").expect("location").to_str().expect("text").to_string();
        let page = app.get(&loc).await.body;
        assert!(page.contains("Poetry contest") && page.contains("Publish the winners") && page.contains("overdue"));
        let bad = app.form("/activities", &format!("title=&kind=exhibition&status=done&start_on=2023-02-30&owner_unit_id={home}")).await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("href=\"#f-start_on\"") && bad.body.contains("href=\"#f-partnership_ids\""));
        let zh = app.get_lang("/activities", "zh-CN").await.body;
        assert!(zh.contains("交流合作记录") && zh.contains("展览"), "Chinese list");
        let matrix = app.get("/coverage").await.body;
        assert!(matrix.contains("Coverage matrix") && matrix.contains("class=\"hit\">1<"));
        let csv = app.get("/coverage.csv").await;
        assert!(csv.body.starts_with('\u{feff}') && csv.body.contains("Sacramento"));
        let xlsx = app.get("/coverage.xlsx").await;
        assert_eq!(xlsx.status, 200);
        assert!(xlsx.body.starts_with("PK"), "an XLSX file is a zip");
        let attention = app.get_lang("/attention", "zh-CN").await.body;
        assert!(attention.contains("待办提醒") && attention.contains("Publish the winners"), "{}", app.name);
    }
}

#[tokio::test]
async fn a_unit_editor_logs_only_for_their_own_units() {
    for admin in apps(true).await {
        let units = admin.get("/api/v1/units").await.json();
        let licheng = units["items"].as_array().expect("units").iter().find(|u| u["name_en"] == "Licheng District").expect("Licheng")["id"]
            .as_i64()
            .expect("id");
        let editor = admin.with_token(Some(admin.user_token("licheng.officer", "unit_editor", Some(licheng)).await));
        let cegled = partner(&admin, "cegl").await["id"].clone();
        let mine = json!({ "kind": "meeting", "title": "Talks with Cegléd", "start_on": "2024-03-01", "status": "done", "owner_unit_id": licheng, "partnership_ids": [cegled] });
        let r = editor.json("POST", "/api/v1/activities", &mine).await;
        assert_eq!(r.status, 201, "{}: {}", admin.name, r.body);
        let mut theirs = mine.clone();
        theirs["owner_unit_id"] = json!(admin.home_unit().await);
        assert_eq!(editor.json("POST", "/api/v1/activities", &theirs).await.status, 403, "another unit's activity on {}", admin.name);
        let viewer = admin.with_token(Some(admin.user_token("reader", "viewer", None).await));
        assert_eq!(viewer.json("POST", "/api/v1/activities", &mine).await.status, 403, "{}", admin.name);
        assert_eq!(viewer.get("/api/v1/activities").await.json()["total"], 3, "the demo's two and Licheng's on {}", admin.name);
    }
}

#[tokio::test]
async fn the_partner_page_shows_health_timeline_contacts_and_a_map() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let sac = partner(&app, "sacramento").await["id"].as_i64().expect("id");
        log(
            &app,
            json!({ "kind": "meeting", "title": "Talks on youth exchanges", "start_on": days_ago(5), "status": "done",
            "owner_unit_id": home, "partnership_ids": [sac], "fields": ["youth"] }),
        )
        .await;
        let page = app.get(&format!("/partnerships/{sac}")).await.body;
        assert!(page.contains("Talks on youth exchanges"), "the timeline on {}", app.name);
        assert!(page.contains("status-health-active"), "health");
        assert!(page.contains("<svg class=\"mini-map\"") && page.contains("aria-label=\"Map: Jinan and Sacramento\""), "the map");
        assert!(page.contains(&format!("/partnerships/{sac}/contacts")), "contacts for those who may see them");
        let zh = app.get_lang(&format!("/partnerships/{sac}"), "zh-CN").await.body;
        assert!(zh.contains("交流合作时间线") && zh.contains("往来正常") && zh.contains("地图：济南与萨克拉门托"));
        let viewer = app.with_token(Some(app.user_token("page.viewer", "viewer", None).await));
        let seen = viewer.get(&format!("/partnerships/{sac}")).await;
        assert_eq!(seen.status, 200);
        assert!(!seen.body.contains(&format!("/partnerships/{sac}/contacts")), "a viewer sees no personal data");
    }
}

#[tokio::test]
async fn a_year_only_last_activity_is_shown_as_that_year_never_as_a_day() {
    for app in apps(true).await {
        let sac = partner(&app, "sacramento").await["id"].as_i64().expect("id");
        let page = app.get(&format!("/partnerships/{sac}")).await.body;
        assert!(!page.contains("1 Jan 2014"), "the demo's 2014 anniversary has no day on {}", app.name);
        let h = app.get("/api/v1/health").await.json();
        let sac_h = h.as_array().expect("list").iter().find(|x| x["partnership_id"] == sac).expect("sac").clone();
        assert_eq!(sac_h["last_activity_on"], "2014");
    }
}

/// The ids in a JSON array of numbers.
fn list_ids(v: &Value) -> Vec<i64> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_i64()).collect()).unwrap_or_default()
}
