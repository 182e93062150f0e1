//! The office-wide contacts list (`/contacts`, `GET /api/v1/contacts`): every partnership's contacts,
//! filtered by country group, country and text, each naming its partnership; an unknown group is a
//! 422 naming `group`; the same people see it as see one partnership's list, in both languages.

use serde_json::{Value, json};

use super::support::{TestApp, apps};

async fn partner(app: &TestApp, q: &str) -> i64 {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0]["id"].as_i64().expect("partnership")
}

async fn contact(app: &TestApp, partnership: i64, romanised: &str, native: &str) -> i64 {
    let body = json!({ "side": "partner", "name_romanised": romanised, "name_native": native, "organisation": "City Hall" });
    let r = app.json("POST", &format!("/api/v1/partnerships/{partnership}/contacts"), &body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()["id"].as_i64().expect("id")
}

fn ids(list: &Value) -> Vec<i64> {
    list["items"].as_array().expect("items").iter().map(|i| i["id"].as_i64().expect("id")).collect()
}

#[tokio::test]
async fn the_contacts_list_keeps_a_country_groups_partners_and_names_each_partnership() {
    for app in apps(true).await {
        // Arrange: a Japan group; contacts in Wakayama and Yamaguchi (Japan) and Sacramento (USA).
        let g = app
            .json("POST", "/api/v1/country-groups", &json!({ "code": "japan", "name_en": "Japan", "name_zh": "日本", "members": ["JP"] }))
            .await;
        let jp = g.json()["id"].as_i64().expect("group");
        let (wak, yam, sac) = (partner(&app, "wakayama").await, partner(&app, "yamaguchi").await, partner(&app, "sacramento").await);
        let c_wak = contact(&app, wak, "Sato Hanako", "佐藤花子").await;
        let c_yam = contact(&app, yam, "Ito Ken", "伊藤健").await;
        let c_sac = contact(&app, sac, "Jane Doe", "").await;

        // Act and assert: the group keeps the two Japanese partners' contacts, by city.
        let list = app.get(&format!("/api/v1/contacts?group={jp}")).await.json();
        assert_eq!((ids(&list), list["total"].as_i64()), (vec![c_wak, c_yam], Some(2)), "{}: {list}", app.name);
        assert_eq!(
            (
                list["items"][0]["partnership_id"].as_i64(),
                list["items"][0]["partner_city"].as_str(),
                list["items"][0]["partner_country"].as_str()
            ),
            (Some(wak), Some("Wakayama"), Some("JP")),
            "each row names its partnership: {list}"
        );
        assert_eq!(list["items"][0]["name_native"], "佐藤花子", "the contact's own fields are in the row");
        assert_eq!(ids(&app.get("/api/v1/contacts").await.json()).len(), 3, "without a filter every contact shows");
        assert_eq!(ids(&app.get("/api/v1/contacts?country=us").await.json()), [c_sac], "{}", app.name);
        assert_eq!(ids(&app.get("/api/v1/contacts?q=hanako").await.json()), [c_wak], "text finds a name");
        assert_eq!(ids(&app.get("/api/v1/contacts?q=%E4%BC%8A%E8%97%A4").await.json()), [c_yam], "and a name in its own script");
        assert_eq!(ids(&app.get("/api/v1/contacts?q=sacramento").await.json()), [c_sac], "and the partner city's name");
        let second = app.get(&format!("/api/v1/contacts?group={jp}&per_page=1&page=2")).await.json();
        assert_eq!((ids(&second), second["total"].as_i64()), (vec![c_yam], Some(2)), "paging keeps the group");

        let unknown = app.get(&format!("/api/v1/contacts?group={}", jp + 1000)).await;
        assert_eq!(unknown.status, 422, "{}", unknown.body);
        assert_eq!(unknown.json()["error"]["fields"][0]["code"], "unknown_group");
        assert_eq!(unknown.error_fields(), ["group"]);
        let bad = app.get("/api/v1/contacts?country=Japan&page=x").await;
        assert_eq!((bad.status.as_u16(), bad.error_fields()), (422, vec!["country".to_string(), "page".to_string()]), "{}", bad.body);

        // The page: the same rows, linked to their partnership; the select keeps the group.
        let page = app.get(&format!("/contacts?group={jp}")).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("Sato Hanako") && page.body.contains("Ito Ken") && !page.body.contains("Jane Doe"), "{}", page.body);
        assert!(page.body.contains(&format!("<a href=\"/partnerships/{wak}\">Wakayama</a>")), "{}", page.body);
        assert!(page.body.contains(&format!("<option value=\"{jp}\" selected>Japan</option>")) && page.body.contains("2 contacts"));
        let zh = app.get_lang(&format!("/contacts?group={jp}"), "zh-CN").await;
        assert!(zh.body.contains("<h1>全部联系人</h1>") && zh.body.contains("共 2 位联系人") && zh.body.contains("和歌山"), "{}", zh.body);
        let refused = app.get(&format!("/contacts?group={}", jp + 1000)).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("error-summary") && !refused.body.contains("Sato Hanako"), "{}", refused.body);
        assert!(app.get("/partnerships").await.body.contains("href=\"/contacts\""), "the partner list links to it");
    }
}

#[tokio::test]
async fn a_unit_editor_sees_what_each_partnerships_list_shows_them_and_viewers_see_nothing() {
    for app in apps(true).await {
        // Arrange: contacts of a home-unit partnership and of one of Licheng District's.
        let units = app.get("/api/v1/units").await.json();
        let licheng = units["items"].as_array().expect("units").iter().find(|u| u["name_en"] == "Licheng District").expect("Licheng")["id"]
            .as_i64()
            .expect("id");
        let (wak, cegled) = (partner(&app, "wakayama").await, partner(&app, "cegl").await);
        let home = contact(&app, wak, "Sato Hanako", "").await;
        let theirs = contact(&app, cegled, "Kovacs Anna", "Kovács Anna").await;
        let editor = app.with_token(Some(app.user_token("licheng-editor", "unit_editor", Some(licheng)).await));

        // Act
        let all = editor.get("/api/v1/contacts").await;

        // Assert: exactly the union of the two partnerships' lists as this editor reads them.
        assert_eq!(all.status, 200, "{}", all.body);
        let mut each = ids(&editor.get(&format!("/api/v1/partnerships/{wak}/contacts")).await.json());
        each.extend(ids(&editor.get(&format!("/api/v1/partnerships/{cegled}/contacts")).await.json()));
        let mut listed = ids(&all.json());
        listed.sort_unstable();
        each.sort_unstable();
        assert_eq!((listed, each), (vec![home.min(theirs), home.max(theirs)], vec![home.min(theirs), home.max(theirs)]), "{}", app.name);
        assert!(editor.get("/contacts").await.body.contains("Kovács Anna"));
        for role in ["viewer", "auditor"] {
            let who = app.with_token(Some(app.user_token(&format!("all-{role}"), role, None).await));
            assert_eq!(who.get("/api/v1/contacts").await.status, 403, "{role} on {}", app.name);
            let page = who.get("/contacts").await;
            assert!(page.status == 403 && !page.body.contains("Sato Hanako"), "{role} on {}", app.name);
            assert!(!who.get("/partnerships").await.body.contains("href=\"/contacts\""), "no link to a page they may not open");
        }
    }
}
