//! Record pages a person reads (issue 12, item 8): what is recorded comes first and every empty
//! section folds into one row of "add …" actions, each one click away (a `details` that opens in
//! place, open at once when its form came back with errors) — on delegations, events, partnerships
//! and gifts, in both languages; and the phone's menu folded behind a button.

use serde_json::json;

use super::support::{TestApp, apps};

/// The page's text before and after the folded row.
fn split(page: &str) -> (&str, &str) {
    page.split_once("<div class=\"folded\">").unwrap_or((page, ""))
}

/// Whether `id` is a folded section of the page, and whether it is shown in the page's body.
fn where_is(page: &str, id: &str) -> (bool, bool) {
    let (body, folded) = split(page);
    (folded.contains(&format!("<details class=\"fold\" id=\"{id}\"")), body.contains(&format!("<section id=\"{id}\">")))
}

async fn demo_delegation(app: &TestApp) -> i64 {
    app.get("/api/v1/delegations").await.json()["items"][0]["id"].as_i64().expect("the demo's visit")
}

#[tokio::test]
async fn the_demo_delegation_shows_its_facts_first_and_folds_every_empty_section_into_one_row() {
    for app in apps(true).await {
        let id = demo_delegation(&app).await;
        let page = app.get(&format!("/delegations/{id}")).await.body;
        let (body, folded) = split(&page);
        assert!(!folded.is_empty(), "{}: one folded row", app.name);
        assert_eq!(page.matches("<div class=\"folded\">").count(), 1);
        for section in ["members", "travel", "itinerary", "budget", "gifts", "documents", "report"] {
            assert_eq!(where_is(&page, section), (true, false), "{}: {section} has nothing recorded and is folded", app.name);
        }
        assert!(body.contains("Trinidad and Tobago"), "{}: the facts come before the row", app.name);
        let stray = body.find("class=\"empty\"").map(|i| &body[i.saturating_sub(300)..i + 100]);
        assert_eq!(stray, None, "{}: no \"nothing recorded\" section stands in the page", app.name);
        assert!(
            folded.contains("Nothing recorded yet — add:")
                && folded.contains("<summary>Budget and expenses</summary>")
                && folded.contains("<summary>Travel, accommodation and interpreters</summary>"),
            "{}",
            app.name
        );
        let zh = app.get_lang(&format!("/delegations/{id}"), "zh-CN").await.body;
        assert!(split(&zh).1.contains("尚无记录，可添加："), "{}: the row in Chinese", app.name);

        // A budget line recorded: the section stands in the page; a bad line opens its fold at once.
        let r = app
            .json(
                "POST",
                &format!("/api/v1/delegations/{id}/budget"),
                &json!({ "category": "travel", "currency": "CNY", "planned": "1200" }),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let page = app.get(&format!("/delegations/{id}")).await.body;
        assert_eq!(where_is(&page, "budget"), (false, true), "{}: the recorded budget is shown", app.name);
        let bad = app.form(&format!("/delegations/{id}/budget"), "category=meals&currency=CNY&planned=lots").await;
        assert_eq!(bad.status, 422, "{}", app.name);
        assert_eq!(where_is(&bad.body, "budget"), (false, true), "{}: the refused line shows beside the recorded one", app.name);
    }
}

#[tokio::test]
async fn events_partnerships_and_gifts_fold_their_empty_sections_and_open_one_with_errors() {
    for app in apps(true).await {
        let event = app.get("/api/v1/events?year=2023&kind=summit").await.json()["items"][0]["id"].as_i64().expect("summit");
        let page = app.get(&format!("/events/{event}")).await.body;
        for section in ["report", "budget", "logged"] {
            assert_eq!(where_is(&page, section), (true, false), "{}: the planned summit's {section} is folded", app.name);
        }
        let bad = app.form(&format!("/events/{event}/budget"), "category=meals&currency=CNY&planned=lots").await;
        assert_eq!(bad.status, 422, "{}", app.name);
        assert!(bad.body.contains("<details class=\"fold\" id=\"budget\" open>"), "{}: the refused line's form is open", app.name);

        let new = json!({ "home_unit_id": app.home_unit().await, "city_name_en": "Testville", "country": "FR", "lat": 45.0, "lon": 3.0,
            "kind": "friendly_cooperation", "status": "prospect" });
        let r = app.json("POST", "/api/v1/partnerships", &new).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let wak = r.json()["id"].as_i64().expect("id");
        let page = app.get(&format!("/partnerships/{wak}")).await.body;
        assert_eq!(
            (where_is(&page, "agreements").0, where_is(&page, "gifts").0),
            (true, true),
            "{}: a new partnership has neither",
            app.name
        );
        let gift = json!({ "direction": "given", "given_on": "2024-10-08", "partnership_id": wak, "description": "Porcelain vase", "disclosure": "not_required" });
        let r = app.json("POST", "/api/v1/gifts", &gift).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let page = app.get(&format!("/partnerships/{wak}")).await.body;
        let (body, folded) = split(&page);
        assert!(body.contains("Porcelain vase") && !folded.contains("id=\"gifts\""), "{}: the gift is shown, not folded", app.name);

        let page = app.get(&format!("/gifts/{}", r.json()["id"])).await.body;
        let (body, folded) = split(&page);
        assert!(
            !body.contains("<dt>Giver</dt>") && folded.contains("edit#f-giver\">Giver</a>"),
            "{}: unknown facts are links to add them",
            app.name
        );
        assert!(folded.contains("<details class=\"fold\" id=\"photo\""), "{}: no photo yet", app.name);
    }
}

#[tokio::test]
async fn the_menu_folds_behind_a_button_that_names_it_in_each_language() {
    for app in apps(false).await {
        let en = app.get("/partnerships").await.body;
        assert!(en.contains("<details class=\"nav-phone\">\n    <summary>Menu</summary>"), "{}", app.name);
        assert_eq!(en.matches("href=\"/delegations\" aria-current").count(), 2, "{}: the wide bar and the folded menu", app.name);
        let zh = app.get_lang("/partnerships", "zh-CN").await.body;
        assert!(zh.contains("<summary>菜单</summary>"), "{}", app.name);
    }
}
