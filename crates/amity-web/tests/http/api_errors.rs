//! Bad input a user will try: each gets a clear error naming the field, and nothing is written.

use serde_json::{Value, json};

use super::support::{TestApp, apps};

async fn valid(app: &TestApp) -> Value {
    json!({ "home_unit_id": app.home_unit().await, "city_id": 5389489, "kind": "sister_city", "status": "active", "established": "1985-04" })
}

async fn refused(app: &TestApp, body: Value, status: u16, field: &str) {
    let r = app.json("POST", "/api/v1/partnerships", &body).await;
    assert_eq!(r.status.as_u16(), status, "{}: {}", app.name, r.body);
    assert!(r.error_fields().iter().any(|f| f == field), "{field} not named in {}", r.body);
    assert!(!r.json()["error"]["fields"][0]["message"].as_str().unwrap_or("").is_empty());
}

#[tokio::test]
async fn bad_partnership_fields_are_named_and_nothing_is_written() {
    for app in apps(true).await {
        let mut b = valid(&app).await;
        b["city_name_en"] = json!("x".repeat(10_000));
        refused(&app, b, 422, "city_name_en").await;

        let mut b = valid(&app).await;
        b.as_object_mut().expect("object").remove("city_id");
        b["city_name_en"] = json!("Nowhere");
        b["country"] = json!("QQ");
        b["lat"] = json!(1.0);
        b["lon"] = json!(1.0);
        refused(&app, b, 422, "country").await;

        let mut b = valid(&app).await;
        b["established"] = json!("2023-02-30");
        refused(&app, b, 422, "established").await;

        let mut b = valid(&app).await;
        b["city_id"] = json!(123_456_789_012_i64);
        refused(&app, b, 422, "city_id").await;

        let mut b = valid(&app).await;
        b["home_unit_id"] = json!(999_999);
        refused(&app, b, 422, "home_unit_id").await;

        let mut b = valid(&app).await;
        b["fields"] = json!(["culture", "astrology"]);
        refused(&app, b, 422, "fields[1]").await;

        let mut b = valid(&app).await;
        b["kind"] = json!("twin");
        refused(&app, b, 422, "kind").await;

        let mut b = valid(&app).await;
        b["source_url"] = json!("javascript:alert(1)");
        refused(&app, b, 422, "source_url").await;

        assert_eq!(app.partnership_count().await, 15, "nothing was written on {}", app.name);
    }
}

#[tokio::test]
async fn several_problems_are_reported_together() {
    for app in apps(true).await {
        let r = app.json("POST", "/api/v1/partnerships", &json!({ "kind": "x", "status": "y", "established": "soon" })).await;
        assert_eq!(r.status, 422, "{}", app.name);
        let fields = r.error_fields();
        for f in ["home_unit_id", "kind", "status", "established"] {
            assert!(fields.iter().any(|x| x == f), "{f} missing from {fields:?} on {}", app.name);
        }
    }
}

#[tokio::test]
async fn malformed_bodies_get_400_415_or_422_with_a_message() {
    for app in apps(true).await {
        let r = app.raw("POST", "/api/v1/partnerships", "application/json", String::new()).await;
        assert_eq!(r.status, 400, "{}", app.name);
        assert_eq!(r.json()["error"]["code"], "empty_body", "{}", app.name);
        let r = app.raw("POST", "/api/v1/partnerships", "text/plain", "{}".into()).await;
        assert_eq!(r.status, 415, "{}", app.name);
        assert_eq!(r.json()["error"]["code"], "unsupported_media_type", "{}", app.name);
        let r = app.raw("POST", "/api/v1/partnerships", "application/json", "{\"kind\": ".into()).await;
        assert_eq!(r.status, 400, "{}", app.name);
        assert_eq!(r.json()["error"]["code"], "invalid_json", "{}", app.name);
        let r = app.json("POST", "/api/v1/partnerships", &json!({ "city_name_en": 42 })).await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert_eq!(r.error_fields(), ["city_name_en"], "{}", app.name);
        let r = app.json("POST", "/api/v1/partnerships", &json!([1, 2])).await;
        assert_eq!(r.status, 422, "{}", app.name);
        let r = app
            .raw("POST", "/api/v1/partnerships", "application/json", format!("{{\"notes\": \"{}\"}}", "x".repeat(2 * 1024 * 1024)))
            .await;
        assert_eq!(r.status, 413, "{}", app.name);
        assert_eq!(app.partnership_count().await, 15, "nothing was written on {}", app.name);
    }
}

#[tokio::test]
async fn bad_list_parameters_and_ids_are_refused_clearly() {
    for app in apps(true).await {
        let r = app.get("/api/v1/partnerships?kind=twin&page=abc&country=ZZ").await;
        assert_eq!(r.status, 422, "{}", app.name);
        let mut f = r.error_fields();
        f.sort();
        assert_eq!(f, ["country", "kind", "page"], "{}", app.name);
        assert_eq!(app.get("/api/v1/partnerships/abc").await.status, 404, "{}", app.name);
        assert_eq!(app.get("/api/v1/partnerships/-1").await.status, 404, "{}", app.name);
        let r = app.get("/api/v1/partnerships?per_page=100000").await.json();
        assert_eq!(r["per_page"], 500, "page size is capped on {}", app.name);
    }
}

#[tokio::test]
async fn errors_are_translated_for_a_chinese_client() {
    for app in apps(true).await {
        let req = axum::http::Request::post("/api/v1/partnerships")
            .header("content-type", "application/json")
            .header("accept-language", "zh-CN")
            .body(axum::body::Body::from(json!({ "established": "2023-02-30" }).to_string()))
            .expect("request");
        let r = app.send(req).await;
        let msgs: Vec<String> = r.json()["error"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| f["message"].as_str().unwrap_or("").to_string())
            .collect();
        assert!(msgs.iter().any(|m| m == "该日期不存在。"), "{}: {msgs:?}", app.name);
    }
}
