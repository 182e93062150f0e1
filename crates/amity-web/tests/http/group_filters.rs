//! Every list filters by country group the same way (activities, gifts, events, delegations, the
//! calendar, and the partner list and the matrix before them): a record naming a partnership — or,
//! for events and delegations, a country — in the group shows, one outside does not; the select keeps
//! the choice; paging and the CSV export keep the filter; an unknown group id is a 422 naming `group`.

use serde_json::{Value, json};

use super::support::{TestApp, apps};

async fn partner(app: &TestApp, q: &str) -> i64 {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0]["id"].as_i64().expect("partnership")
}

async fn group_id(app: &TestApp, code: &str) -> i64 {
    let all = app.get("/api/v1/country-groups").await.json();
    all["items"].as_array().expect("items").iter().find(|g| g["code"] == code).expect("group")["id"].as_i64().expect("id")
}

async fn created(app: &TestApp, uri: &str, body: Value) -> i64 {
    let r = app.json("POST", uri, &body).await;
    assert_eq!(r.status, 201, "{} {uri}: {}", app.name, r.body);
    r.json()["id"].as_i64().expect("id")
}

fn ids(list: &Value) -> Vec<i64> {
    list["items"].as_array().expect("items").iter().map(|i| i["id"].as_i64().expect("id")).collect()
}

/// A Japan group (Wakayama and Yamaguchi are the demo's Japanese partners; Sacramento is not in it).
async fn japan(app: &TestApp) -> i64 {
    created(app, "/api/v1/country-groups", json!({ "code": "japan", "name_en": "Japan", "name_zh": "日本", "members": ["JP"] })).await
}

fn activity(unit: i64, partnership: i64, title: &str) -> Value {
    json!({ "kind": "meeting", "title": title, "start_on": "2024-05-10", "status": "done", "owner_unit_id": unit,
        "partnership_ids": [partnership], "fields": ["culture"] })
}

#[tokio::test]
async fn activities_and_gifts_filter_by_the_group_of_the_partnership_they_name() {
    for app in apps(true).await {
        let jp = japan(&app).await;
        let unit = app.home_unit().await;
        let (wak, yam, sac) = (partner(&app, "wakayama").await, partner(&app, "yamaguchi").await, partner(&app, "sacramento").await);
        let a_in = created(&app, "/api/v1/activities", activity(unit, wak, "Tea ceremony exchange")).await;
        let a_in2 = created(&app, "/api/v1/activities", activity(unit, yam, "Calligraphy exhibition")).await;
        let a_out = created(&app, "/api/v1/activities", activity(unit, sac, "Poetry contest")).await;
        let list = app.get(&format!("/api/v1/activities?group={jp}&from=2024-01-01")).await.json();
        assert_eq!(ids(&list), [a_in2, a_in], "{}: {list}", app.name);
        assert!(!ids(&list).contains(&a_out));
        let everyone = app.get("/api/v1/activities?from=2024-01-01").await.json();
        assert_eq!(everyone["total"], 3, "without the filter all three show");

        // Paging keeps the group: page 2 of 1 a page is the other Japanese activity, and the page links to it with the group.
        let second = app.get(&format!("/api/v1/activities?group={jp}&from=2024-01-01&per_page=1&page=2")).await.json();
        assert_eq!((ids(&second), second["total"].as_i64()), (vec![a_in], Some(2)), "{}", app.name);
        let page = app.get(&format!("/activities?group={jp}&from=2024-01-01&per_page=1")).await;
        assert!(page.body.contains("Calligraphy exhibition") && !page.body.contains("Poetry contest"), "{}", page.body);
        assert!(page.body.contains(&format!("<option value=\"{jp}\" selected>Japan</option>")), "the select keeps the group");
        let next = next_link(&page.body);
        assert!(next.contains(&format!("group={jp}")) && next.contains("page=2"), "the next page keeps the group: {next}");

        let gift = |pid: i64, what: &str| json!({ "direction": "received", "given_on": "2024-05-10", "partnership_id": pid, "description": what, "disclosure": "not_required" });
        let g_in = created(&app, "/api/v1/gifts", gift(yam, "Ouchi lacquer box")).await;
        let g_out = created(&app, "/api/v1/gifts", gift(sac, "Gold Rush print")).await;
        let gifts = app.get(&format!("/api/v1/gifts?group={jp}&year=2024")).await.json();
        assert_eq!(ids(&gifts), [g_in], "{}: {gifts}", app.name);
        assert!(!ids(&gifts).contains(&g_out));
        let csv = app.get(&format!("/gifts.csv?group={jp}&year=2024")).await;
        assert!(
            csv.body.contains("Ouchi lacquer box") && !csv.body.contains("Gold Rush print"),
            "the export is what is shown: {}",
            csv.body
        );
        let zh = app.get_lang(&format!("/gifts?group={jp}"), "zh-CN").await;
        assert!(zh.body.contains(&format!("<option value=\"{jp}\" selected>日本</option>")) && zh.body.contains("国别组"), "{}", app.name);
        assert!(unescaped(&zh.body).contains(&format!("/gifts.csv?group={jp}")), "the export link keeps the group");
        // The demo's Caribbean group has no partner city: no activity, no gift.
        let caribbean = group_id(&app, "caribbean").await;
        assert_eq!(app.get(&format!("/api/v1/activities?group={caribbean}")).await.json()["total"], 0);
        assert_eq!(app.get(&format!("/api/v1/gifts?group={caribbean}")).await.json()["total"], 0);
    }
}

#[tokio::test]
async fn events_and_delegations_are_in_a_group_by_a_partnership_or_a_country() {
    for app in apps(true).await {
        let caribbean = group_id(&app, "caribbean").await;
        // The demo's five national-day celebrations are linked to Caribbean countries, the visit to Trinidad and Tobago by country.
        let events = app.get(&format!("/api/v1/events?group={caribbean}")).await.json();
        assert_eq!(events["total"], 5, "{}: {events}", app.name);
        assert!(events["items"].as_array().expect("items").iter().all(|e| e["kind"] == "national_day_celebration"), "{events}");
        let visits = app.get(&format!("/api/v1/delegations?group={caribbean}")).await.json();
        assert_eq!(visits["total"], 1, "{}: {visits}", app.name);
        assert_eq!(visits["items"][0]["countries"], json!(["TT"]));

        let jp = japan(&app).await;
        let unit = app.home_unit().await;
        let (wak, sac) = (partner(&app, "wakayama").await, partner(&app, "sacramento").await);
        let event = |title: &str, invited: i64| {
            json!({ "kind": "forum", "title_en": title, "title_zh": "论坛", "planned_on": "2031", "time_zone": "Asia/Shanghai", "venue": "Jinan",
                "organiser_unit_id": unit, "invited_partnership_ids": [invited], "status": "planned" })
        };
        let e_in = created(&app, "/api/v1/events", event("Sakura forum", wak)).await;
        let e_out = created(&app, "/api/v1/events", event("River forum", sac)).await;
        let mut by_country = event("Osaka trade fair", sac);
        by_country["country_code"] = json!("JP");
        by_country["invited_partnership_ids"] = json!([]);
        let e_country = created(&app, "/api/v1/events", by_country).await;
        let mut listed = ids(&app.get(&format!("/api/v1/events?group={jp}&year=2031")).await.json());
        listed.sort_unstable();
        assert_eq!(listed, [e_in, e_country], "{}", app.name);
        assert!(!listed.contains(&e_out));
        let csv = app.get(&format!("/events.csv?group={jp}&year=2031")).await;
        assert!(
            csv.body.contains("Sakura forum") && csv.body.contains("Osaka trade fair") && !csv.body.contains("River forum"),
            "{}",
            csv.body
        );
        let page = app.get(&format!("/events?group={jp}&year=2031")).await;
        assert!(page.body.contains(&format!("<option value=\"{jp}\" selected>Japan</option>")), "{}", app.name);
        assert!(unescaped(&page.body).contains(&format!("/events.csv?year=2031&group={jp}")), "{}", page.body);

        let visit = |title: &str, partnerships: Vec<i64>, countries: Vec<&str>| {
            json!({ "direction": "outbound", "title": title, "partnership_ids": partnerships, "countries": countries,
                "owner_unit_id": unit, "starts_on": "2031-04-01", "ends_on": "2031-04-03" })
        };
        let d_in = created(&app, "/api/v1/delegations", visit("To Wakayama", vec![wak], vec![])).await;
        let d_country = created(&app, "/api/v1/delegations", visit("To Tokyo", vec![], vec!["JP"])).await;
        let d_out = created(&app, "/api/v1/delegations", visit("To Sacramento", vec![sac], vec![])).await;
        let mut listed = ids(&app.get(&format!("/api/v1/delegations?group={jp}&year=2031")).await.json());
        listed.sort_unstable();
        assert_eq!(listed, [d_in, d_country], "{}", app.name);
        assert!(!listed.contains(&d_out));
        let csv = app.get(&format!("/delegations.csv?group={jp}&year=2031")).await;
        assert!(csv.body.contains("To Tokyo") && !csv.body.contains("To Sacramento"), "{}", csv.body);
        let page = app.get(&format!("/delegations?group={jp}&year=2031&per_page=1")).await;
        assert!(page.body.contains(&format!("<option value=\"{jp}\" selected>Japan</option>")), "{}", app.name);
        let next = next_link(&page.body);
        assert!(next.contains(&format!("group={jp}")) && next.contains("page=2"), "the next page keeps the group: {next}");
    }
}

/// The pager's "next" link of a list page.
fn next_link(body: &str) -> String {
    let end = body.find("\" rel=\"next\"").expect("a next link");
    let start = body[..end].rfind("href=\"").expect("href") + 6;
    unescaped(&body[start..end])
}

/// An attribute's text with `&` as askama escapes it (`&#38;` or `&amp;`) written plainly.
fn unescaped(text: &str) -> String {
    text.replace("&#38;", "&").replace("&amp;", "&")
}

#[tokio::test]
async fn the_calendar_shows_only_the_occasions_of_the_groups_countries() {
    for app in apps(true).await {
        let jp = japan(&app).await;
        let all = app.get("/api/v1/calendar?from=2031-01-01&to=2031-12-31&kind=national_day").await.json();
        let countries = |v: &Value| -> Vec<String> {
            v["items"].as_array().expect("items").iter().map(|i| i["country"].as_str().unwrap_or("").to_string()).collect()
        };
        assert!(countries(&all).contains(&"US".to_string()), "{}: {all}", app.name);
        let japan_only = app.get(&format!("/api/v1/calendar?from=2031-01-01&to=2031-12-31&group={jp}")).await.json();
        let got = countries(&japan_only);
        assert!(!got.is_empty() && got.iter().all(|c| c == "JP"), "{}: {got:?}", app.name);
        let page = app.get(&format!("/calendar?view=agenda&from=2031-01-01&to=2031-12-31&group={jp}")).await;
        assert!(page.body.contains(&format!("<option value=\"{jp}\" selected>Japan</option>")), "{}", app.name);
        assert!(page.body.contains("Japan: ") && !page.body.contains("United States: "), "only Japan's occasions: {}", page.body);
        let month = app.get(&format!("/calendar?month=2031-02&group={jp}")).await;
        assert!(unescaped(&month.body).contains(&format!("&group={jp}\"")), "the month steps keep the group");
    }
}

#[tokio::test]
async fn an_unknown_group_is_refused_on_every_list_naming_group() {
    for app in apps(false).await {
        for list in ["partnerships", "activities", "gifts", "events", "delegations", "calendar", "coverage"] {
            let r = app.get(&format!("/api/v1/{list}?group=999999")).await;
            assert_eq!(r.status, 422, "{} {list}: {}", app.name, r.body);
            assert_eq!(r.error_fields(), ["group"], "{list}");
            assert_eq!(r.json()["error"]["fields"][0]["code"], "unknown_group", "{list}");
        }
        for page in ["/partnerships", "/activities", "/gifts", "/events", "/delegations", "/calendar", "/coverage"] {
            let r = app.get(&format!("{page}?group=999999")).await;
            assert!(r.body.contains("No country group has this id."), "{} {page}: {}", app.name, r.body);
            let zh = app.get_lang(&format!("{page}?group=999999"), "zh-CN").await;
            assert!(zh.body.contains("没有该编号的国别组。"), "{page}");
        }
        assert_eq!(app.get("/gifts.csv?group=999999").await.status, 422, "an export refuses it too");
        assert_eq!(app.get("/api/v1/events?group=asia").await.error_fields(), ["group"], "not a number");
    }
}
