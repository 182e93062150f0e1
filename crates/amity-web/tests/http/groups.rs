//! Country groups through the API and the pages: CRUD with versions, validation naming fields,
//! permissions, the demo's groups, and the partnership list filtered by group.

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};

use super::support::{TestApp, apps};

fn names(list: &Value) -> Vec<String> {
    list["items"].as_array().expect("items").iter().map(|p| p["city"]["name_en"].as_str().unwrap_or("").to_string()).collect()
}

async fn group_id(app: &TestApp, code: &str) -> i64 {
    let all = app.get("/api/v1/country-groups").await.json();
    all["items"].as_array().expect("items").iter().find(|g| g["code"] == code).unwrap_or_else(|| panic!("group {code}"))["id"]
        .as_i64()
        .expect("id")
}

async fn delete(app: &TestApp, uri: &str) -> u16 {
    app.send(Request::delete(uri).body(Body::empty()).expect("req")).await.status.as_u16()
}

#[tokio::test]
async fn a_country_group_goes_through_create_show_update_and_delete_with_every_change_audited() {
    for app in apps(false).await {
        let body = json!({ "code": "east-asia", "name_en": "East Asia", "name_zh": "东亚", "source_note": "office decision 2024-3",
            "members": ["kr", "JP", "JP"] });
        let r = app.json("POST", "/api/v1/country-groups", &body).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let created = r.json();
        let id = created["id"].as_i64().expect("id");
        assert_eq!(r.headers.get("location").expect("location"), &format!("/api/v1/country-groups/{id}"));
        assert_eq!(created["members"], json!(["JP", "KR"]), "upper-cased, sorted, once each");

        let shown = app.get(&format!("/api/v1/country-groups/{id}")).await.json();
        assert_eq!((shown["name_zh"].as_str(), shown["version"].as_i64()), (Some("东亚"), Some(1)));

        let mut update = body.clone();
        update["members"] = json!(["JP", "KR", "MN"]);
        update["version"] = json!(1);
        let r = app.json("PUT", &format!("/api/v1/country-groups/{id}"), &update).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["members"], json!(["JP", "KR", "MN"]));
        let stale = app.json("PUT", &format!("/api/v1/country-groups/{id}"), &update).await;
        assert_eq!(stale.status, 409, "a stale version is refused on {}", app.name);
        assert_eq!(stale.error_fields(), ["version"]);

        assert_eq!(delete(&app, &format!("/api/v1/country-groups/{id}")).await, 204);
        assert_eq!(app.get(&format!("/api/v1/country-groups/{id}")).await.status, 404);
        assert_eq!(delete(&app, &format!("/api/v1/country-groups/{id}")).await, 404);

        let audit = app.get(&format!("/api/v1/audit?entity=country_group&entity_id={id}")).await.json();
        let actions: Vec<&str> = audit["items"].as_array().expect("items").iter().map(|e| e["action"].as_str().unwrap_or("")).collect();
        assert_eq!(actions, ["delete", "update", "create"], "{}", app.name);
    }
}

#[tokio::test]
async fn bad_group_input_names_each_field_and_a_used_code_is_a_conflict() {
    for app in apps(false).await {
        let bad = json!({ "code": "Not A Slug", "name_en": "", "name_zh": "", "members": ["GY", "XX", "jm", "Caribbean"] });
        let r = app.json("POST", "/api/v1/country-groups", &bad).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(r.error_fields(), ["code", "name_en", "name_zh", "members[1]", "members[3]"], "{}", app.name);
        assert_eq!(r.json()["error"]["fields"][3]["code"], "unknown_country");

        let ok = json!({ "code": "caribbean", "name_en": "Caribbean", "name_zh": "加勒比地区", "members": [] });
        assert_eq!(app.json("POST", "/api/v1/country-groups", &ok).await.status, 201);
        let again = app.json("POST", "/api/v1/country-groups", &ok).await;
        assert_eq!(again.status, 409, "{}", again.body);
        assert_eq!(again.error_fields(), ["code"]);
        let wrong = app.json("POST", "/api/v1/country-groups", &json!({ "code": "x", "members": "GY" })).await;
        assert_eq!(wrong.error_fields(), ["members"], "a string where a list belongs is a type error");
    }
}

#[tokio::test]
async fn the_demo_creates_the_plans_four_groups_with_only_the_sourced_caribbean_members() {
    for app in apps(true).await {
        let all = app.get("/api/v1/country-groups").await.json();
        let got: Vec<(String, Value)> = all["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|g| (g["code"].as_str().unwrap_or("").to_string(), g["members"].clone()))
            .collect();
        let five = json!(["BB", "GY", "JM", "SR", "TT"]);
        assert_eq!(
            got,
            [
                ("africa".to_string(), json!([])),
                ("belt-and-road".to_string(), json!([])),
                ("caribbean".to_string(), five.clone()),
                ("latin-america-caribbean".to_string(), five),
            ],
            "{}",
            app.name
        );
        let caribbean = &all["items"][2];
        assert_eq!(caribbean["name_zh"], "加勒比地区");
        assert!(caribbean["source_note"].as_str().expect("note").contains("http://en.people.cn/n3/2022/0707/c90000-10120279.html"));
        assert!(all["items"][1]["source_note"].as_str().expect("note").contains("China Daily, 19 April 2023"));
    }
}

#[tokio::test]
async fn the_partnership_list_filtered_by_group_shows_only_partners_in_member_countries() {
    for app in apps(true).await {
        // The demo has no Caribbean partner city.
        let caribbean = group_id(&app, "caribbean").await;
        let r = app.get(&format!("/api/v1/partnerships?group={caribbean}")).await.json();
        assert_eq!(r["total"], 0, "{}", app.name);
        let page = app.get(&format!("/partnerships?group={caribbean}")).await;
        assert!(page.body.contains("0 partnerships") && page.body.contains("No partnership matches these filters."), "{}", page.body);

        let japan = json!({ "code": "japan", "name_en": "Japan", "name_zh": "日本", "members": ["JP"] });
        let japan = app.json("POST", "/api/v1/country-groups", &japan).await.json()["id"].as_i64().expect("id");
        let r = app.get(&format!("/api/v1/partnerships?group={japan}")).await.json();
        assert_eq!(names(&r), ["Wakayama", "Yamaguchi"], "{}", app.name);
        let r = app.get(&format!("/api/v1/partnerships?group={japan}&kind=friendly_cooperation")).await.json();
        assert_eq!(r["total"], 0, "filters combine");

        let page = app.get_lang(&format!("/partnerships?group={japan}"), "zh-CN").await;
        assert!(page.body.contains("和歌山") && page.body.contains("山口") && !page.body.contains("萨克拉门托"), "{}", app.name);
        assert!(page.body.contains(&format!("<option value=\"{japan}\" selected>日本</option>")), "the select keeps the choice");
        assert!(page.body.contains(&format!("href=\"/partnerships?group={japan}")), "sort links keep the group");

        let bad = app.get("/api/v1/partnerships?group=caribbean").await;
        assert_eq!(bad.status, 422);
        assert_eq!(bad.error_fields(), ["group"]);
    }
}

#[tokio::test]
async fn group_pages_list_members_and_save_through_the_forms_in_english_and_chinese() {
    for app in apps(true).await {
        let list = app.get("/groups").await;
        assert_eq!(list.status, 200);
        assert!(list.body.contains("<title>Country groups · Amity</title>"), "{}", app.name);
        assert!(list.body.contains("5 countries: Barbados, Guyana, Jamaica, Suriname, Trinidad and Tobago"), "{}", list.body);
        assert!(list.body.contains("href=\"/groups\" aria-current=\"page\">Country groups</a>"), "the navigation names the page");
        let zh = app.get_lang("/groups", "zh-CN").await;
        assert!(
            zh.body.contains("<h1>国别组</h1>") && zh.body.contains("一带一路合作伙伴") && zh.body.contains("共 5 个国家"),
            "{}",
            zh.body
        );
        assert!(zh.body.contains("圭亚那") && zh.body.contains("特立尼达和多巴哥"));

        let form = app.get("/groups/new").await;
        assert!(form.body.contains("name=\"_csrf\"") && form.body.contains("<summary>Africa (0 chosen)</summary>"), "{}", form.body);
        assert!(form.body.contains("value=\"JP\"> Japan</label>"));
        assert!(
            app.get_lang("/groups/new", "zh-CN").await.body.contains("value=\"JP\"> 日本</label>"),
            "country names in the reader's language"
        );

        let r = app.form("/groups", "code=east-asia&name_en=East+Asia&name_zh=%E4%B8%9C%E4%BA%9A&members=JP&members=KR").await;
        assert_eq!(r.status, 303, "{}", r.body);
        let id = group_id(&app, "east-asia").await;
        let edit = app.get(&format!("/groups/{id}/edit")).await;
        assert!(edit.body.contains("value=\"KR\" checked>") && edit.body.contains("<summary>Asia (2 chosen)</summary>"), "{}", edit.body);
        assert!(edit.body.contains("<details open>"));

        let bad = app.form(&format!("/groups/{id}"), "version=1&code=east-asia&name_en=East+Asia&name_zh=&members=JP&members=QQ").await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("href=\"#f-members\"") && bad.body.contains("Not a known ISO 3166-1 country code."), "{}", bad.body);
        assert!(bad.body.contains("href=\"#f-name_zh\""));
        let ok =
            app.form(&format!("/groups/{id}"), "version=1&code=east-asia&name_en=East+Asia&name_zh=%E4%B8%9C%E4%BA%9A&members=MN").await;
        assert_eq!(ok.status, 303, "{}", ok.body);
        assert_eq!(app.get(&format!("/api/v1/country-groups/{id}")).await.json()["members"], json!(["MN"]));
        let stale = app.form(&format!("/groups/{id}"), "version=1&code=east-asia&name_en=East+Asia&name_zh=%E4%B8%9C%E4%BA%9A").await;
        assert_eq!(stale.status, 422);
        assert!(stale.body.contains("Someone else changed this record"));

        assert_eq!(app.form(&format!("/groups/{id}/delete"), "").await.status, 303);
        assert_eq!(app.get(&format!("/groups/{id}/edit")).await.status, 404);
        assert_eq!(app.get("/groups/abc/edit").await.status, 404);
    }
}

#[tokio::test]
async fn everyone_who_reads_records_reads_groups_but_only_the_office_changes_them() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let caribbean = group_id(&app, "caribbean").await;
        let body = json!({ "code": "x", "name_en": "X", "name_zh": "某组", "members": [] });
        for (role, unit) in [("viewer", None), ("unit_editor", Some(home))] {
            let who = app.with_token(Some(app.user_token(&format!("g-{role}"), role, unit).await));
            let at = format!("{role} on {}", app.name);
            assert_eq!(who.get("/api/v1/country-groups").await.status, 200, "{at}");
            assert_eq!(who.get("/groups").await.status, 200, "{at}");
            assert!(!who.get("/groups").await.body.contains("href=\"/groups/new\""), "{at} is not offered the form");
            assert_eq!(who.json("POST", "/api/v1/country-groups", &body).await.status, 403, "{at}");
            assert_eq!(delete(&who, &format!("/api/v1/country-groups/{caribbean}")).await, 403, "{at}");
            assert_eq!(who.get("/groups/new").await.status, 403, "{at}");
        }
        let auditor = app.with_token(Some(app.user_token("g-auditor", "auditor", None).await));
        assert_eq!(auditor.get("/api/v1/country-groups").await.status, 403, "{}", app.name);
        let coordinator = app.with_token(Some(app.user_token("g-coordinator", "coordinator", None).await));
        assert_eq!(coordinator.json("POST", "/api/v1/country-groups", &body).await.status, 201, "{}", app.name);
    }
}
