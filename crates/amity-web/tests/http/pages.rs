//! The HTML pages: lists, records, forms with errors, languages, escaping.

use super::support::apps;

#[tokio::test]
async fn the_home_page_counts_what_amity_holds() {
    for app in apps(true).await {
        let r = app.get("/").await;
        assert_eq!(r.status, 200, "{}", app.name);
        assert!(r.body.contains("15 of 85 partnerships loaded"), "{}: {}", app.name, r.body);
        let r = app.get_lang("/", "zh-CN,zh;q=0.9").await;
        assert!(r.body.contains("已录入 15 个，共 85 个友城关系"), "{}", app.name);
    }
}

#[tokio::test]
async fn the_partnership_list_shows_names_in_the_readers_language_and_filters_in_the_url() {
    for app in apps(true).await {
        let r = app.get("/partnerships").await;
        assert!(r.body.contains("Sacramento") && r.body.contains("15 partnerships"), "{}", app.name);
        let r = app.get_lang("/partnerships?kind=friendly_cooperation", "zh-CN").await;
        assert!(r.body.contains("<html lang=\"zh-CN\">"));
        assert!(r.body.contains("共 3 个友城关系"), "{}", r.body);
        assert!(r.body.contains("顿河畔罗斯托夫"));
        assert!(!r.body.contains(">和歌山<"), "filtered out");
        let r = app.get("/partnerships?kind=twin").await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("error-summary"), "a bad filter is explained, not a crash");
    }
}

#[tokio::test]
async fn the_record_page_shows_both_names_status_and_source() {
    for app in apps(true).await {
        let list = app.get("/api/v1/partnerships?q=sacramento").await.json();
        let id = list["items"][0]["id"].as_i64().expect("id");
        let r = app.get(&format!("/partnerships/{id}")).await;
        assert!(r.body.contains("<title>Sacramento · 萨克拉门托 · Amity</title>"), "{}: {}", app.name, r.body);
        assert!(r.body.contains("aria-current=\"step\">Agreement signed (active)"), "{}", app.name);
        assert!(r.body.contains("https://jsscc.org/history/"), "{}", app.name);
        assert!(r.body.contains("Apr 1985"), "{}", app.name);
        assert_eq!(app.get("/partnerships/999999").await.status, 404, "{}", app.name);
        assert_eq!(app.get("/partnerships/abc").await.status, 404, "{}", app.name);
    }
}

#[tokio::test]
async fn a_partnership_is_created_through_the_form_with_the_city_picker() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let r = app.form("/partnerships", "action=find_city&city_q=augsb").await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("value=\"2954172\""), "the picker offers Augsburg");
        let body = format!(
            "home_unit_id={home}&city_id=2643743&kind=sister_city&status=prospect&established=2025&fields=culture&fields=trade&action=save"
        );
        let r = app.form("/partnerships", &body).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let loc = r.headers.get("location").expect("location").to_str().expect("text").to_string();
        let page = app.get(&loc).await;
        assert!(page.body.contains("London"));
        assert_eq!(app.partnership_count().await, 16, "{}", app.name);
    }
}

#[tokio::test]
async fn a_bad_form_is_shown_again_with_the_errors_summarised_and_beside_the_fields() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let body =
            format!("home_unit_id={home}&city_id=5389489&kind=sister_city&status=active&established=2023-02-30&notes=keep+me&action=save");
        let r = app.form("/partnerships", &body).await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert!(r.body.contains("class=\"error-summary\""), "{}", app.name);
        assert!(r.body.contains("href=\"#f-established\""), "{}", app.name);
        assert!(r.body.contains("There is no such date."), "{}", app.name);
        assert!(r.body.contains(">keep me</textarea>"), "what the user typed is kept on {}", app.name);
        assert_eq!(app.partnership_count().await, 15, "{}", app.name);
    }
}

#[tokio::test]
async fn markup_in_user_input_is_shown_as_text() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let body = format!(
            "home_unit_id={home}&city_name_en=%3Cscript%3Ealert(1)%3C%2Fscript%3E&country=FR&lat=1&lon=2&kind=sister_city&status=prospect&notes=%3Cb%3Ebold%3C%2Fb%3E&action=save"
        );
        let r = app.form("/partnerships", &body).await;
        assert_eq!(r.status, 303, "{}: {}", app.name, r.body);
        let loc = r.headers.get("location").expect("location").to_str().expect("text").to_string();
        let page = app.get(&loc).await.body;
        assert!(!page.contains("<script>alert(1)</script>"), "{}", app.name);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || page.contains("&#60;script&#62;"), "{}: {page}", app.name);
        assert!(!page.contains("<b>bold</b>"), "{}", app.name);
        let list = app.get("/partnerships").await.body;
        assert!(list.contains("alert(1)"), "the record is listed on {}", app.name);
        assert!(!list.contains("<script>alert(1)</script>"), "{}", app.name);
    }
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_never_leaves_the_site() {
    for app in apps(false).await {
        let r = app.get("/lang/zh-CN?next=/partnerships%3Fkind%3Dsister_city").await;
        assert_eq!(r.status, 303, "{}", app.name);
        assert_eq!(r.headers.get("location").expect("location"), "/partnerships?kind=sister_city", "{}", app.name);
        assert!(r.headers.get("set-cookie").expect("cookie").to_str().expect("text").starts_with("amity_lang=zh-CN"), "{}", app.name);
        let r = app.get("/lang/en?next=//evil.example").await;
        assert_eq!(r.headers.get("location").expect("location"), "/", "{}", app.name);
        let req = axum::http::Request::get("/partnerships")
            .header("cookie", "amity_lang=zh-CN")
            .header("accept-language", "en")
            .body(axum::body::Body::empty())
            .expect("req");
        assert!(app.send(req).await.body.contains("<html lang=\"zh-CN\">"), "the cookie beats Accept-Language on {}", app.name);
    }
}

#[tokio::test]
async fn units_and_fields_pages_create_records() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        assert!(app.get("/units").await.body.contains("Pingyin County"), "{}", app.name);
        assert_eq!(app.get("/units/new").await.status, 200, "{}", app.name);
        let r = app
            .form("/units", &format!("parent_id={home}&kind=bureau&name_en=Bureau+of+Culture&name_zh=%E6%96%87%E5%8C%96%E5%B1%80"))
            .await;
        assert_eq!(r.status, 303, "{}: {}", app.name, r.body);
        assert!(app.get_lang("/units", "zh-CN").await.body.contains("文化局"), "{}", app.name);
        let r = app.form("/units", "kind=bureau&name_en=").await;
        assert_eq!(r.status, 422, "{}", app.name);
        let r = app.form("/fields", "code=marine&name_en=Marine&name_zh=%E6%B5%B7%E6%B4%8B").await;
        assert_eq!(r.status, 303, "{}: {}", app.name, r.body);
        let r = app.form("/fields", "code=Bad+Code&name_en=x&name_zh=y").await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert_eq!(app.get("/partnerships/new").await.status, 200, "{}", app.name);
        let id = app.get("/api/v1/partnerships").await.json()["items"][0]["id"].as_i64().expect("id");
        assert_eq!(app.get(&format!("/partnerships/{id}/edit")).await.status, 200, "{}", app.name);
        assert_eq!(app.get("/assets/app.css").await.status, 200, "{}", app.name);
        assert_eq!(app.get("/assets/../Cargo.toml").await.status, 404, "{}", app.name);
    }
}

#[tokio::test]
async fn a_partnership_is_edited_and_deleted_through_the_forms() {
    for app in apps(true).await {
        let p = app.get("/api/v1/partnerships?q=coventry").await.json()["items"][0].clone();
        let (id, version, home) =
            (p["id"].as_i64().expect("id"), p["version"].as_i64().expect("v"), p["home_unit_id"].as_i64().expect("unit"));
        let edit = app.get(&format!("/partnerships/{id}/edit")).await;
        assert!(edit.body.contains("value=\"1983-10-03\""), "the form is filled from the record");
        let body = format!(
            "version={version}&home_unit_id={home}&city_id=2652221&kind=friendly_cooperation&status=active&established=1983-10&fields=education&action=save"
        );
        let r = app.form(&format!("/partnerships/{id}"), &body).await;
        assert_eq!(r.status, 303, "{}: {}", app.name, r.body);
        let after = app.get(&format!("/api/v1/partnerships/{id}")).await.json();
        assert_eq!((after["kind"].as_str(), after["status"].as_str()), (Some("friendly_cooperation"), Some("active")));
        assert_eq!(after["established"], "1983-10");
        let stale = app.form(&format!("/partnerships/{id}"), &body).await;
        assert_eq!(stale.status, 422, "a stale edit is shown again, not saved");
        assert!(stale.body.contains("Someone else changed this record"));
        let r = app.form(&format!("/partnerships/{id}/delete"), "").await;
        assert_eq!(r.status, 303);
        assert_eq!(app.get(&format!("/partnerships/{id}")).await.status, 404);
        assert_eq!(app.partnership_count().await, 14);
    }
}

#[tokio::test]
async fn a_unit_is_renamed_through_its_form() {
    for app in apps(true).await {
        let units = app.get("/api/v1/units").await.json();
        let u = units["items"].as_array().expect("items").iter().find(|u| u["name_en"] == "Pingyin County").expect("Pingyin").clone();
        let id = u["id"].as_i64().expect("id");
        let body = format!(
            "version={}&parent_id={}&kind=county&name_en=Pingyin+County&name_zh=%E5%B9%B3%E9%98%B4%E5%8E%BF%EF%BC%88%E6%B5%8B%E8%AF%95%EF%BC%89",
            u["version"], u["parent_id"]
        );
        let r = app.form(&format!("/units/{id}"), &body).await;
        assert_eq!(r.status, 303, "{}: {}", app.name, r.body);
        assert_eq!(app.get(&format!("/api/v1/units/{id}")).await.json()["name_zh"], "平阴县（测试）", "{}", app.name);
        assert_eq!(app.get("/units/9999/edit").await.status, 404, "{}", app.name);
    }
}

#[tokio::test]
async fn chinese_readers_get_partner_cities_in_pinyin_order() {
    let expected = [
        "埃尔德",
        "奥格斯堡",
        "采格莱德",
        "大田",
        "顿河畔罗斯托夫",
        "哈尔科夫",
        "和歌山",
        "卡法萨巴",
        "考文垂",
        "里贾纳",
        "萨克拉门托",
        "山口",
        "水原",
        "下诺夫哥罗德",
        "朱恩达卢普",
    ];
    for app in apps(true).await {
        let page = app.get_lang("/partnerships", "zh-CN").await.body;
        let at: Vec<usize> = expected.iter().map(|n| page.find(&format!(">{n}</a>")).unwrap_or_else(|| panic!("{n} missing"))).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "pinyin order on {}", app.name);
        let api = app.get("/api/v1/partnerships?sort=name_zh").await.json();
        let names: Vec<&str> = api["items"].as_array().expect("items").iter().filter_map(|p| p["city"]["name_zh"].as_str()).collect();
        assert_eq!(names, expected, "{}", app.name);
        let en = app.get("/partnerships").await.body;
        assert!(en.find(">Augsburg</a>") < en.find(">Wakayama</a>"), "English readers keep the English order");
    }
}
