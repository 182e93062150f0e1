//! Hostile input at the edge: control characters and invalid UTF-8 are refused naming the field,
//! lists and error answers are bounded, and every API error is the documented JSON.

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};

use super::support::{Resp, TestApp, apps};

fn assert_refused(app: &TestApp, r: &Resp, field: &str, code: &str) {
    assert_eq!(r.status, 422, "{}: {}", app.name, r.body);
    let e = r.json();
    let f = &e["error"]["fields"][0];
    assert_eq!((f["field"].as_str(), f["code"].as_str()), (Some(field), Some(code)), "{}: {}", app.name, r.body);
}

fn assert_page_names(app: &TestApp, r: &Resp, field: &str) {
    assert_eq!(r.status, 422, "{}: {}", app.name, r.body);
    assert!(r.body.contains(&format!("{field}:")), "the page names {field} on {}: {}", app.name, r.body);
}

#[tokio::test]
async fn a_nul_byte_is_refused_naming_the_field_on_the_routes_that_answered_500() {
    for app in apps(true).await {
        let r = app.form("/login", "username=%00&password=x").await;
        assert_page_names(&app, &r, "username");
        assert_page_names(&app, &app.get("/audit?actor=%00").await, "actor");
        assert_page_names(&app, &app.get("/audit.csv?action=a%00b").await, "action");
        assert_refused(&app, &app.get("/api/v1/audit?entity=%00").await, "entity", "control_characters");
        assert_refused(&app, &app.get("/api/v1/activities?field=%00").await, "field", "control_characters");
        assert_page_names(&app, &app.get("/activities?field=%00").await, "field");
        let r = app.json("POST", "/api/v1/country-groups", &json!({ "code": "nul", "name_en": "a\u{0}b", "name_zh": "组" })).await;
        assert_refused(&app, &r, "name_en", "control_characters");
        let r = app.get("/api/v1/audit?actor=bell%07").await;
        assert_refused(&app, &r, "actor", "control_characters");
        assert_eq!(app.get("/api/v1/audit?actor=tab%09ok").await.status, 200, "a tab is text on {}", app.name);
    }
}

#[tokio::test]
async fn invalid_utf8_in_a_form_is_refused_and_nothing_is_stored() {
    for app in apps(true).await {
        let before = app.get("/api/v1/country-groups").await.json()["total"].clone();
        let r = app.form("/groups", "code=latin&name_en=Caf%E9&name_zh=%E7%BB%84").await;
        assert_page_names(&app, &r, "name_en");
        assert!(r.body.contains("UTF-8"), "{}: {}", app.name, r.body);
        assert_eq!(app.get("/api/v1/country-groups").await.json()["total"], before, "nothing stored on {}", app.name);
    }
}

#[tokio::test]
async fn a_list_of_120000_ids_is_refused_quickly_with_a_small_answer() {
    for app in apps(true).await {
        let ids: Vec<i64> = (1_000_000..1_120_000).collect();
        let body = json!({ "kind": "meeting", "title": "Talks", "start_on": "2023-05-01", "status": "done", "partnership_ids": ids });
        assert!(body.to_string().len() < 1024 * 1024, "the request is under the body limit");
        let started = std::time::Instant::now();
        let r = app.json("POST", "/api/v1/activities", &body).await;
        assert_refused(&app, &r, "partnership_ids", "too_many");
        assert!(r.json()["error"]["fields"][0]["message"].as_str().unwrap_or("").contains("1000"), "{}", r.body);
        assert!(r.body.len() < 2_000, "a small answer on {}: {} bytes", app.name, r.body.len());
        assert!(started.elapsed().as_secs() < 2, "refused quickly on {}", app.name);
    }
}

#[tokio::test]
async fn a_422_lists_at_most_50_problems_and_counts_the_rest() {
    for app in apps(true).await {
        let members: Vec<String> = (0..80).map(|i| format!("Q{i}")).collect();
        let r = app
            .json("POST", "/api/v1/country-groups", &json!({ "code": "many", "name_en": "M", "name_zh": "多", "members": members }))
            .await;
        assert_eq!(r.status, 422, "{}: {}", app.name, r.body);
        let e = r.json();
        assert_eq!(e["error"]["fields"].as_array().map(Vec::len), Some(50), "{}", app.name);
        assert_eq!(e["error"]["more"], 30, "{}", app.name);
    }
}

fn assert_documented_error(app: &TestApp, what: &str, r: &Resp, status: u16) {
    assert_eq!(r.status.as_u16(), status, "{what} on {}: {}", app.name, r.body);
    let ct = r.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(ct.starts_with("application/json"), "{what} answered {ct} on {}: {}", app.name, r.body);
    let v: Value = r.json();
    let e = &v["error"];
    assert!(e["code"].as_str().is_some_and(|c| !c.is_empty()), "{what}: code in {}", r.body);
    assert!(e["message"].as_str().is_some_and(|m| !m.is_empty() && !m.contains("%{")), "{what}: message in {}", r.body);
    assert!(e["fields"].is_array() && e["more"].is_u64(), "{what}: fields and more in {}", r.body);
}

#[tokio::test]
async fn every_malformed_api_request_is_answered_with_the_documented_json_error() {
    for app in apps(true).await {
        let huge = format!("{{\"notes\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
        let req = Request::post("/api/v1/partnerships")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, huge.len())
            .body(Body::from(huge.clone()))
            .expect("request");
        assert_documented_error(&app, "declared body over 1 MiB", &app.send(req).await, 413);
        assert_documented_error(&app, "body over 1 MiB", &app.raw("POST", "/api/v1/partnerships", "application/json", huge).await, 413);
        let r = app.get("/api/v1/gifts?page=-1").await;
        assert_documented_error(&app, "page=-1", &r, 422);
        assert_eq!(r.error_fields(), ["page"], "{}", app.name);
        assert_documented_error(&app, "per_page=x", &app.get("/api/v1/gifts?per_page=x").await, 422);
        assert_documented_error(&app, "bad choice", &app.get("/api/v1/gifts?direction=sideways").await, 422);
        assert_documented_error(&app, "PATCH", &app.json("PATCH", "/api/v1/partnerships", &json!({})).await, 405);
        assert_documented_error(&app, "bad path", &app.get("/api/v1/partnerships/%00").await, 404);
        assert_documented_error(&app, "bad country", &app.get("/api/v1/countries/%FF").await, 404);
        assert_documented_error(&app, "unknown route", &app.get("/api/v1/nothing-here").await, 404);
        assert_documented_error(&app, "text body", &app.raw("POST", "/api/v1/partnerships", "text/plain", "{}".into()).await, 415);
        let r = app.raw("POST", "/api/v1/partnerships", "application/json", "{\"kind\": \"x\"} trailing".into()).await;
        assert_documented_error(&app, "trailing garbage", &r, 400);
        assert_eq!(r.json()["error"]["code"], "trailing_characters", "{}", app.name);
        let r = app.raw("POST", "/api/v1/partnerships", "application/json", "{\"kind\": \"x\"}{}".into()).await;
        assert_documented_error(&app, "two documents", &r, 400);
        assert_documented_error(&app, "public", &app.with_token(None).get("/api/v1/partnerships").await, 401);
        assert_eq!(app.partnership_count().await, 15, "nothing was written on {}", app.name);
    }
}

#[tokio::test]
async fn the_gift_filters_name_their_allowed_values_in_both_languages() {
    for app in apps(true).await {
        for (lang, word) in [("en", "allowed values"), ("zh-CN", "允许")] {
            let r = app.get_lang("/api/v1/gifts?direction=sideways&disclosure=maybe", lang).await;
            for f in r.json()["error"]["fields"].as_array().expect("fields") {
                let m = f["message"].as_str().unwrap_or("");
                assert!(m.contains(word) && !m.contains("%{"), "{lang} on {}: {m}", app.name);
            }
            assert!(r.body.contains("given, received"), "{lang}: {}", r.body);
        }
    }
}

#[tokio::test]
async fn a_csv_cell_holding_a_semicolon_and_a_formula_is_quoted_and_defused() {
    for app in apps(true).await {
        let gift = json!({ "direction": "given", "given_on": "2023-05-01", "description": ";=1+1", "disclosure": "pending" });
        assert_eq!(app.json("POST", "/api/v1/gifts", &gift).await.status, 201, "{}", app.name);
        let csv = app.get("/gifts.csv?year=2023").await;
        assert_eq!(csv.status, 200, "{}", app.name);
        assert!(csv.body.contains(",\";=1+1\""), "quoted whole on {}: {}", app.name, csv.body);
    }
}
