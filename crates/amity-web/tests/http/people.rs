//! Erasure on request over HTTP: the API (search, preview, erasure) and the admin pages (search →
//! preview → confirm) in both languages, on both databases.

use serde_json::{Value, json};

use super::support::{TestApp, apps};

/// Adds a contact named Zhang Minghua to a demo partnership; returns its id.
async fn contact(app: &TestApp) -> i64 {
    let pid = app.get("/api/v1/partnerships?q=wakayama").await.json()["items"][0]["id"].as_i64().expect("partnership");
    let body =
        json!({ "side": "partner", "name_romanised": "Zhang Minghua", "email": "zhang.minghua@example.cn", "phone": "+86 531 5550 1234" });
    let r = app.json("POST", &format!("/api/v1/partnerships/{pid}/contacts"), &body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()["id"].as_i64().expect("id")
}

fn audit_text(v: &Value) -> String {
    v["items"].as_array().expect("items").iter().map(|e| format!("{} {}", e["before"], e["after"])).collect()
}

#[tokio::test]
async fn an_admin_finds_previews_and_erases_a_person_through_the_api_and_the_audit_log_no_longer_holds_them() {
    for app in apps(true).await {
        let id = contact(&app).await;

        let found = app.get("/api/v1/people?q=minghua").await;
        assert_eq!(found.status, 200, "{}: {}", app.name, found.body);
        assert_eq!(
            found.json()["items"][0],
            json!({"kind": "contact", "id": id, "name": "Zhang Minghua",
            "email": "zhang.minghua@example.cn", "context": "Wakayama", "travel_documents": 0}),
            "{}",
            app.name
        );
        let selected = json!({"records": [{"kind": "contact", "id": id}]});
        let preview = app.json("POST", "/api/v1/people/erasure/preview", &selected).await;
        assert_eq!(preview.json()["total"], 1, "{}: {}", app.name, preview.body);
        assert!(app.get(&format!("/api/v1/contacts/{id}")).await.status == 200, "{}: the preview wrote nothing", app.name);

        let done = app.json("POST", "/api/v1/people/erasure", &selected).await;

        assert_eq!(done.status, 200, "{}: {}", app.name, done.body);
        assert_eq!((done.json()["contacts"].as_i64(), done.json()["redacted_entries"].as_i64()), (Some(1), Some(1)), "{}", app.name);
        assert_eq!(app.get(&format!("/api/v1/contacts/{id}")).await.status, 404, "{}", app.name);
        let log = app.get("/api/v1/audit?per_page=500").await.json();
        assert!(!audit_text(&log).contains("Minghua") && !audit_text(&log).contains("5550 1234"), "{}", app.name);
        let csv = app.get("/audit.csv").await.body;
        assert!(!csv.contains("Minghua") && csv.contains("\"contacts\"\":1"), "{}: the CSV holds the counts only", app.name);
    }
}

#[tokio::test]
async fn bad_erasure_requests_are_422_naming_the_field_and_erase_nothing() {
    for app in apps(true).await {
        let id = contact(&app).await;

        let unknown = app
            .json("POST", "/api/v1/people/erasure", &json!({"records": [{"kind": "contact", "id": id}, {"kind": "pen_pal", "id": 3}]}))
            .await;
        let missing = app.json("POST", "/api/v1/people/erasure", &json!({"records": [{"kind": "registrant", "id": 999999}]})).await;
        let empty = app.json("POST", "/api/v1/people/erasure", &json!({"records": []})).await;
        let short = app.get("/api/v1/people?q=z").await;

        assert_eq!((unknown.status.as_u16(), unknown.error_fields()), (422, vec!["records[1].kind".to_string()]), "{}", app.name);
        assert_eq!((missing.status.as_u16(), missing.error_fields()), (422, vec!["records[0].id".to_string()]), "{}", app.name);
        assert_eq!((empty.status.as_u16(), empty.error_fields()), (422, vec!["records".to_string()]), "{}", app.name);
        assert_eq!((short.status.as_u16(), short.error_fields()), (422, vec!["q".to_string()]), "{}", app.name);
        assert_eq!(app.get(&format!("/api/v1/contacts/{id}")).await.status, 200, "{}: nothing erased", app.name);
        let viewer = app.with_token(Some(app.user_token("vera", "viewer", None).await));
        assert_eq!(viewer.get("/api/v1/people?q=minghua").await.status, 403, "{}", app.name);
    }
}

#[tokio::test]
async fn the_admin_pages_search_preview_and_confirm_an_erasure_in_english_and_chinese() {
    for app in apps(true).await {
        let id = contact(&app).await;

        let en = app.get_lang("/admin/people?q=minghua", "en").await;
        let zh = app.get_lang("/admin/people?q=minghua", "zh-CN").await;
        let preview = app.form("/admin/people/preview", &format!("record=contact%3A{id}")).await;
        let erased = app.form("/admin/people/erase", &format!("record=contact%3A{id}")).await;

        assert_eq!(en.status, 200, "{}: {}", app.name, en.body);
        assert!(
            en.body.contains("Erasure on request")
                && en.body.contains("Zhang Minghua")
                && en.body.contains(&format!("value=\"contact:{id}\"")),
            "{}",
            app.name
        );
        assert!(zh.body.contains("应要求删除个人信息") && zh.body.contains("友城联系人"), "{}", app.name);
        assert_eq!(preview.status, 200, "{}: {}", app.name, preview.body);
        assert!(preview.body.contains("Confirm the erasure") && preview.body.contains("type=\"hidden\" name=\"record\""), "{}", app.name);
        assert_eq!(erased.status, 200, "{}: {}", app.name, erased.body);
        assert!(erased.body.contains("Erased 1 records"), "{}: {}", app.name, erased.body);
        assert_eq!(app.get(&format!("/api/v1/contacts/{id}")).await.status, 404, "{}", app.name);
        let nothing = app.form("/admin/people/preview", "").await;
        assert_eq!(nothing.status, 422, "{}", app.name);
    }
}
