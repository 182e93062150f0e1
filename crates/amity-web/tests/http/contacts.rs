//! Contacts through the API and the pages: CRUD with versions, validation naming fields, personal
//! data kept from viewers and auditors, unit scopes, right-to-left names, both languages, the audit trail.

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};

use super::support::{TestApp, apps};

/// Id and home unit of the demo partnership whose city matches `q`.
async fn partnership(app: &TestApp, q: &str) -> (i64, i64) {
    let p = app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0].clone();
    (p["id"].as_i64().expect("id"), p["home_unit_id"].as_i64().expect("unit"))
}

async fn delete(app: &TestApp, uri: &str) -> u16 {
    app.send(Request::delete(uri).body(Body::empty()).expect("req")).await.status.as_u16()
}

fn person() -> Value {
    json!({ "side": "partner", "name_native": "佐藤花子", "name_romanised": "Sato Hanako", "title": "Director",
        "organisation": "International Affairs Division", "email": "hanako.sato@example.org", "phone": "+81 (73) 555-0100",
        "languages": ["ja", "en"], "notes": "Prefers e-mail." })
}

#[tokio::test]
async fn a_contact_goes_through_create_list_show_update_and_delete_with_every_change_audited() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let r = app.json("POST", &format!("/api/v1/partnerships/{pid}/contacts"), &person()).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let created = r.json();
        let id = created["id"].as_i64().expect("id");
        assert_eq!(r.headers.get("location").expect("location"), &format!("/api/v1/contacts/{id}"));
        assert_eq!((created["partnership_id"].as_i64(), created["side"].as_str()), (Some(pid), Some("partner")));
        assert_eq!(created["languages"], json!(["ja", "en"]));

        let list = app.get(&format!("/api/v1/partnerships/{pid}/contacts")).await.json();
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["name_native"], "佐藤花子");
        assert_eq!(app.get(&format!("/api/v1/contacts/{id}")).await.json()["email"], "hanako.sato@example.org");

        let mut update = person();
        update["title"] = json!("Deputy Director");
        update["version"] = json!(1);
        let r = app.json("PUT", &format!("/api/v1/contacts/{id}"), &update).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!((r.json()["title"].as_str(), r.json()["version"].as_i64()), (Some("Deputy Director"), Some(2)));
        let stale = app.json("PUT", &format!("/api/v1/contacts/{id}"), &update).await;
        assert_eq!(stale.status, 409, "a stale version is refused on {}", app.name);
        assert_eq!(stale.error_fields(), ["version"]);

        assert_eq!(delete(&app, &format!("/api/v1/contacts/{id}")).await, 204);
        assert_eq!(app.get(&format!("/api/v1/contacts/{id}")).await.status, 404);
        assert_eq!(app.get("/api/v1/partnerships/999999/contacts").await.status, 404);
        assert_eq!(app.json("POST", "/api/v1/partnerships/999999/contacts", &person()).await.status, 404);

        let audit = app.get(&format!("/api/v1/audit?entity=contact&entity_id={id}")).await.json();
        let actions: Vec<&str> = audit["items"].as_array().expect("items").iter().map(|e| e["action"].as_str().unwrap_or("")).collect();
        assert_eq!(actions, ["delete", "update", "create"], "{}", app.name);
        assert!(audit["items"][2]["after"].as_str().expect("after").contains("Sato Hanako"), "the entry holds the contact");
    }
}

#[tokio::test]
async fn bad_contact_input_names_each_field() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let uri = format!("/api/v1/partnerships/{pid}/contacts");
        let bad = json!({ "side": "both", "name_native": " ", "name_romanised": "", "email": "hanako at example.org",
            "phone": "ask the office", "notes": "x".repeat(10_000), "languages": ["ja", "x".repeat(41)] });
        let r = app.json("POST", &uri, &bad).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(
            r.error_fields(),
            ["side", "name_native", "name_romanised", "email", "phone", "languages[1]", "notes"],
            "{}: {}",
            app.name,
            r.body
        );
        let codes: Vec<String> =
            r.json()["error"]["fields"].as_array().expect("fields").iter().map(|f| f["code"].as_str().unwrap_or("").to_string()).collect();
        assert_eq!(
            codes,
            ["invalid_choice", "contact_name_required", "contact_name_required", "invalid_email", "invalid_phone", "too_long", "too_long"]
        );
        let mut many = person();
        many["languages"] = json!((0..11).map(|i| format!("l{i}")).collect::<Vec<_>>());
        assert_eq!(app.json("POST", &uri, &many).await.error_fields(), ["languages"]);
        assert_eq!(app.get(&format!("/api/v1/partnerships/{pid}/contacts")).await.json()["total"], 0, "nothing was saved");
    }
}

#[tokio::test]
async fn viewers_and_auditors_get_403_on_every_contact_route() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let id = app.json("POST", &format!("/api/v1/partnerships/{pid}/contacts"), &person()).await.json()["id"].as_i64().expect("id");
        for role in ["viewer", "auditor"] {
            let who = app.with_token(Some(app.user_token(&format!("c-{role}"), role, None).await));
            let at = format!("{role} on {}", app.name);
            assert_eq!(who.get(&format!("/api/v1/partnerships/{pid}/contacts")).await.status, 403, "{at}");
            assert_eq!(who.get(&format!("/api/v1/contacts/{id}")).await.status, 403, "{at}");
            assert_eq!(who.json("PUT", &format!("/api/v1/contacts/{id}"), &person()).await.status, 403, "{at}");
            assert_eq!(delete(&who, &format!("/api/v1/contacts/{id}")).await, 403, "{at}");
            let page = who.get(&format!("/partnerships/{pid}/contacts")).await;
            assert_eq!(page.status, 403, "{at}");
            assert!(!page.body.contains("Sato Hanako"), "{at}");
            assert_eq!(who.get(&format!("/contacts/{id}/edit")).await.status, 403, "{at}");
        }
        let viewer = app.with_token(Some(app.user_token("c-viewer-2", "viewer", None).await));
        assert_eq!(
            viewer.get(&format!("/api/v1/partnerships/{pid}")).await.status,
            200,
            "the partnership itself stays readable on {}",
            app.name
        );
        assert_eq!(app.get(&format!("/api/v1/contacts/{id}")).await.status, 200, "nothing was changed on {}", app.name);
    }
}

#[tokio::test]
async fn a_unit_editor_changes_only_the_contacts_of_their_own_units_partnerships() {
    for app in apps(true).await {
        let units = app.get("/api/v1/units").await.json();
        let licheng = units["items"].as_array().expect("units").iter().find(|u| u["name_en"] == "Licheng District").expect("Licheng")["id"]
            .as_i64()
            .expect("id");
        let (wakayama, _) = partnership(&app, "wakayama").await;
        let (cegled, cegled_unit) = partnership(&app, "cegl").await;
        assert_eq!(cegled_unit, licheng);
        let at_home = app.json("POST", &format!("/api/v1/partnerships/{wakayama}/contacts"), &person()).await.json();
        let id = at_home["id"].as_i64().expect("id");
        let editor = app.with_token(Some(app.user_token("licheng-editor", "unit_editor", Some(licheng)).await));

        assert_eq!(editor.get(&format!("/api/v1/partnerships/{wakayama}/contacts")).await.status, 200, "reading is allowed");
        let mut update = person();
        update["version"] = json!(1);
        assert_eq!(editor.json("PUT", &format!("/api/v1/contacts/{id}"), &update).await.status, 403, "{}", app.name);
        assert_eq!(delete(&editor, &format!("/api/v1/contacts/{id}")).await, 403);
        assert_eq!(editor.json("POST", &format!("/api/v1/partnerships/{wakayama}/contacts"), &person()).await.status, 403);
        assert_eq!(editor.form(&format!("/contacts/{id}"), "side=partner&name_romanised=X&version=1").await.status, 403);
        let page = editor.get(&format!("/partnerships/{wakayama}/contacts")).await;
        assert!(
            page.body.contains("Sato Hanako")
                && !page.body.contains(&format!("/contacts/{id}/edit"))
                && !page.body.contains("Add a contact")
        );

        let r = editor
            .json("POST", &format!("/api/v1/partnerships/{cegled}/contacts"), &json!({ "side": "partner", "name_native": "Kovács Anna" }))
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let refused = app.get("/api/v1/audit?action=refused").await.json();
        assert!(refused["total"].as_i64().expect("total") >= 4, "refusals by the service are audited too");
    }
}

#[tokio::test]
async fn the_contacts_page_adds_edits_and_deletes_in_english_and_chinese() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "kfar").await;
        let page = app.get(&format!("/partnerships/{pid}/contacts")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("<title>Contacts: Kfar Saba · Amity</title>"), "{}", page.body);
        assert!(page.body.contains("No contacts recorded for this partnership.") && page.body.contains("name=\"_csrf\""));

        let body = "side=partner&name_native=%D7%99%D7%A2%D7%9C+%D7%9B%D7%94%D7%9F&name_romanised=Yael+Cohen&email=yael%40example.org\
                    &languages=he%2C+en%EF%BC%8C%E8%8B%B1%E8%AF%AD&organisation=City+Hall";
        let r = app.form(&format!("/partnerships/{pid}/contacts"), body).await;
        assert_eq!(r.status, 303, "{}: {}", app.name, r.body);
        assert_eq!(r.headers.get("location").expect("location").to_str().expect("text"), format!("/partnerships/{pid}/contacts"));
        let page = app.get(&format!("/partnerships/{pid}/contacts")).await;
        assert!(page.body.contains("Yael Cohen <bdi class=\"alt\">יעל כהן</bdi>"), "right-to-left names are isolated: {}", page.body);
        assert!(page.body.contains("he, en, 英语") && page.body.contains("Partner side"));
        let zh = app.get_lang(&format!("/partnerships/{pid}/contacts"), "zh-CN").await;
        assert!(zh.body.contains("<h1>联系人：卡法萨巴</h1>") && zh.body.contains("外方") && zh.body.contains("工作语言"), "{}", zh.body);
        assert!(zh.body.contains("he、en、英语") || zh.body.contains("he, en, 英语") || zh.body.contains("he，en，英语"), "{}", zh.body);

        let bad = app.form(&format!("/partnerships/{pid}/contacts"), "side=home&email=nobody").await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("href=\"#f-name_native\"") && bad.body.contains("href=\"#f-email\""), "{}", bad.body);
        assert!(bad.body.contains("Enter the name in the person&#39;s own script") || bad.body.contains("own script, in Latin letters"));

        let id = app.get(&format!("/api/v1/partnerships/{pid}/contacts")).await.json()["items"][0]["id"].as_i64().expect("id");
        let edit = app.get(&format!("/contacts/{id}/edit")).await;
        assert!(edit.body.contains("value=\"Yael Cohen\"") && edit.body.contains("value=\"he, en, 英语\""), "{}", edit.body);
        let r = app.form(&format!("/contacts/{id}"), "version=1&side=partner&name_romanised=Yael+Cohen&phone=%2B972+9+555+0100").await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(app.get(&format!("/api/v1/contacts/{id}")).await.json()["phone"], "+972 9 555 0100");
        let stale = app.form(&format!("/contacts/{id}"), "version=1&side=partner&name_romanised=Yael+Cohen").await;
        assert_eq!(stale.status, 422);
        assert!(stale.body.contains("Someone else changed this record"));
        let zh_edit = app.get_lang(&format!("/contacts/{id}/edit"), "zh-CN").await;
        assert!(zh_edit.body.contains("编辑联系人") && zh_edit.body.contains("删除此联系人"));

        assert_eq!(app.form(&format!("/contacts/{id}/delete"), "").await.status, 303);
        assert_eq!(app.get(&format!("/contacts/{id}/edit")).await.status, 404);
        assert_eq!(app.get("/partnerships/999999/contacts").await.status, 404);
        assert_eq!(app.get("/contacts/abc/edit").await.status, 404);
    }
}
