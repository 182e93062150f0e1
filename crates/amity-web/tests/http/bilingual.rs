//! Activities, delegations and gifts in both languages over HTTP: the demo has Chinese text on
//! every one, pages show the reader's language and fall back to the other, the API reads and
//! writes the `_zh` fields, and a Chinese text too long is refused naming its field.

use serde_json::{Value, json};

use super::files_agreements::partnership;
use super::support::{TestApp, apps};

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

async fn items(app: &TestApp, uri: &str) -> Vec<Value> {
    let list = app.get(uri).await.json();
    list["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn every_demo_activity_delegation_and_gift_has_its_chinese_text() {
    for app in apps(true).await {
        let activities = items(&app, "/api/v1/activities?per_page=500").await;
        let delegations = items(&app, "/api/v1/delegations?per_page=500").await;
        let gifts = items(&app, "/api/v1/gifts?per_page=500").await;
        assert!(!activities.is_empty() && !delegations.is_empty() && !gifts.is_empty(), "{}: the demo has each", app.name);
        for a in &activities {
            assert!(is_chinese(a["title_zh"].as_str().unwrap_or("")), "{}: activity without Chinese title: {a}", app.name);
        }
        for d in &delegations {
            let full = app.get(&format!("/api/v1/delegations/{}", d["id"])).await.json();
            assert!(is_chinese(full["title_zh"].as_str().unwrap_or("")), "{}: delegation without Chinese title: {d}", app.name);
            assert!(is_chinese(full["purpose_zh"].as_str().unwrap_or("")), "{}: delegation without Chinese purpose: {d}", app.name);
        }
        for g in &gifts {
            assert!(is_chinese(g["description_zh"].as_str().unwrap_or("")), "{}: gift without Chinese description: {g}", app.name);
        }
        let zh = app.get_lang(&format!("/delegations/{}", delegations[0]["id"]), "zh-CN").await.body;
        assert!(zh.contains("<h1>济南市代表团访问特立尼达和多巴哥</h1>"), "{}: the Chinese page reads in Chinese", app.name);
        let en = app.get_lang(&format!("/delegations/{}", delegations[0]["id"]), "en").await.body;
        assert!(en.contains("<h1>Jinan municipal delegation to Trinidad and Tobago</h1>"), "{}", app.name);
        let zh = app.get_lang(&format!("/gifts/{}", gifts[0]["id"]), "zh-CN").await.body;
        assert!(zh.contains("<h1>樱花树苗100余株</h1>") && zh.contains("济南市与和歌山市结好10周年"), "{}", app.name);
    }
}

#[tokio::test]
async fn pages_show_the_readers_language_and_fall_back_to_the_other() {
    for app in apps(true).await {
        // Arrange
        let home = app.home_unit().await;
        let (sac, _) = partnership(&app, "sacramento").await;
        let both = json!({ "kind": "meeting", "title": "Talks on the youth programme", "title_zh": "青少年交流项目会谈",
            "summary": "Both sides agreed a plan.", "summary_zh": "双方商定了计划。",
            "start_on": "2023-05-10", "status": "done", "owner_unit_id": home, "partnership_ids": [sac] });
        let zh_only = json!({ "kind": "letter", "title_zh": "致萨克拉门托市的新春贺信",
            "start_on": "2024-02-01", "status": "done", "owner_unit_id": home, "partnership_ids": [sac] });
        // Act
        let r = app.json("POST", "/api/v1/activities", &both).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let both_id = r.json()["id"].clone();
        let r = app.json("POST", "/api/v1/activities", &zh_only).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let zh_only_id = r.json()["id"].clone();
        // Assert
        let got = app.get(&format!("/api/v1/activities/{both_id}")).await.json();
        assert_eq!((got["title_zh"].as_str(), got["summary_zh"].as_str()), (Some("青少年交流项目会谈"), Some("双方商定了计划。")));
        let zh = app.get_lang(&format!("/activities/{both_id}"), "zh-CN").await.body;
        assert!(zh.contains("<h1>青少年交流项目会谈</h1>") && zh.contains("双方商定了计划。"), "{}: Chinese page", app.name);
        let en = app.get_lang(&format!("/activities/{both_id}"), "en").await.body;
        assert!(en.contains("<h1>Talks on the youth programme</h1>") && !en.contains("青少年交流项目会谈"), "{}: English page", app.name);
        let fallback = app.get_lang(&format!("/activities/{zh_only_id}"), "en").await.body;
        assert!(fallback.contains("<h1>致萨克拉门托市的新春贺信</h1>"), "{}: English readers see the only title there is", app.name);
        let list = app.get_lang("/activities?q=青少年", "zh-CN").await.body;
        assert!(list.contains(">青少年交流项目会谈</a>"), "{}: the list searches and shows the Chinese", app.name);
        let list = app.get_lang("/activities?q=青少年", "en").await.body;
        assert!(list.contains(">Talks on the youth programme</a>"), "{}: found by its Chinese, shown in English", app.name);
    }
}

#[tokio::test]
async fn a_chinese_text_too_long_is_refused_naming_its_field_and_nothing_is_written() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let (sac, _) = partnership(&app, "sacramento").await;
        let long = "长".repeat(201);
        let before = app.get("/api/v1/activities").await.json()["total"].clone();
        let activity = json!({ "kind": "meeting", "title": "Talks", "title_zh": long, "start_on": "2023-05-10", "status": "done",
            "owner_unit_id": home, "partnership_ids": [sac] });
        let r = app.json("POST", "/api/v1/activities", &activity).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["title_zh".to_string()]), "{}: {}", app.name, r.body);
        assert_eq!(app.get("/api/v1/activities").await.json()["total"], before, "{}: nothing written", app.name);
        let delegation = json!({ "direction": "inbound", "title_zh": long, "partnership_ids": [sac], "owner_unit_id": home,
            "starts_on": "2023-05-10", "ends_on": "2023-05-12" });
        let r = app.json("POST", "/api/v1/delegations", &delegation).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["title_zh".to_string()]), "{}: {}", app.name, r.body);
        let neither = json!({ "direction": "inbound", "partnership_ids": [sac], "owner_unit_id": home,
            "starts_on": "2023-05-10", "ends_on": "2023-05-12" });
        let r = app.json("POST", "/api/v1/delegations", &neither).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["title".to_string()]), "{}: one language is required", app.name);
        let gift = json!({ "direction": "given", "given_on": "2024", "description": "Vase", "description_zh": "长".repeat(2_001),
            "disclosure": "not_required" });
        let r = app.json("POST", "/api/v1/gifts", &gift).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["description_zh".to_string()]), "{}: {}", app.name, r.body);
        let form = format!(
            "title=Talks&title_zh={}&kind=meeting&status=done&start_on=2023-05-10&owner_unit_id={home}&partnership_ids={sac}",
            long
        );
        let page = app.form("/activities", &form).await;
        assert_eq!(page.status, 422, "{}", app.name);
        assert!(
            page.body.contains("href=\"#f-title_zh\"") && page.body.contains("id=\"e-title_zh\""),
            "{}: the form names the field",
            app.name
        );
    }
}
