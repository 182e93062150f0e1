//! Events through the API and the pages: the demo's planned 2023 events, bad input naming its
//! field, local and partner-city times on the record page, registrations with a waiting list and
//! check-in, marking held logging each partnership once, exports, the budget, and who may do what.

use serde_json::{Value, json};

use super::support::{TestApp, apps};

/// Id of the demo partnership whose city matches `q`.
pub(super) async fn partnership(app: &TestApp, q: &str) -> i64 {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0]["id"].as_i64().expect("id")
}

pub(super) fn forum(unit: i64, invited: &[i64], starts: &str, ends: &str) -> Value {
    json!({ "kind": "forum", "title_en": "World Sister City Forum", "title_zh": "世界友好城市论坛", "starts_at": starts, "ends_at": ends,
        "time_zone": "Asia/Shanghai", "venue": "Jinan", "organiser_unit_id": unit, "invited_partnership_ids": invited,
        "capacity": 2, "public": true, "status": "confirmed", "fields": ["culture"] })
}

pub(super) async fn create(app: &TestApp, body: &Value) -> Value {
    let r = app.json("POST", "/api/v1/events", body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()
}

#[tokio::test]
async fn the_demo_holds_the_plans_events_for_2023_with_the_date_to_be_set() {
    for app in apps(true).await {
        let list = app.get("/api/v1/events?year=2023&per_page=100").await.json();
        assert_eq!(list["total"], 11, "{}", app.name);
        let items = list["items"].as_array().expect("items");
        assert!(items.iter().all(|e| e["planned_on"] == "2023" && e["starts_at"].is_null() && e["status"] == "planned"));
        let caribbean: Vec<&str> =
            items.iter().filter(|e| e["kind"] == "national_day_celebration").filter_map(|e| e["country_code"].as_str()).collect();
        assert_eq!(caribbean.len(), 5, "{}", app.name);
        let series = app.get("/api/v1/event-series").await.json();
        assert_eq!(series["total"], 3, "{}", app.name);
        let summit = items.iter().find(|e| e["kind"] == "summit").expect("summit");
        assert_eq!(summit["edition"], 11);
        let page = app.get("/events?year=2023&kind=summit").await;
        assert!(page.body.contains("2023, date to be set"), "{}", app.name);
        let zh = app.get_lang("/events?year=2023&kind=national_day_celebration", "zh-CN").await;
        assert!(zh.body.contains("圭亚那国庆日庆祝活动") && zh.body.contains("2023年，具体日期待定"), "{}", app.name);
    }
}

#[tokio::test]
async fn bad_event_input_names_each_field() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let r = app.json("POST", "/api/v1/events", &forum(unit, &[], "2023-06-10T09:00", "2023-06-09T09:00")).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["ends_at".to_string()]), "{}", app.name);
        let mut bad_zone = forum(unit, &[], "2023-06-10T09:00", "2023-06-10T12:00");
        bad_zone["time_zone"] = json!("Asia/Jinan");
        assert_eq!(app.json("POST", "/api/v1/events", &bad_zone).await.error_fields(), ["time_zone"]);
        let mut no_date = forum(unit, &[], "", "");
        no_date["planned_on"] = json!("2023");
        assert_eq!(app.json("POST", "/api/v1/events", &no_date).await.error_fields(), ["starts_at"], "confirmed needs exact dates");
        no_date["status"] = json!("planned");
        assert_eq!(app.json("POST", "/api/v1/events", &no_date).await.status, 201, "a planned year is fine");
        let before = app.get("/api/v1/events").await.json()["total"].clone();
        let page = app
            .form(
                "/events",
                &format!(
                    "kind=forum&title_en=X&starts_at=2023-06-10T09%3A00&ends_at=2023-06-09&time_zone=Mars%2FBase&organiser_unit_id={unit}"
                ),
            )
            .await;
        assert_eq!(page.status, 422, "{}", app.name);
        assert!(page.body.contains("id=\"f-time_zone\"") && page.body.contains("Not a known IANA time zone"), "{}", app.name);
        assert_eq!(app.get("/api/v1/events").await.json()["total"], before, "nothing half-written");
    }
}

#[tokio::test]
async fn the_record_page_shows_the_start_in_each_invited_partner_citys_time_zone() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let sacramento = partnership(&app, "sacramento").await;
        let joondalup = partnership(&app, "joondalup").await;
        let e = create(&app, &forum(unit, &[sacramento, joondalup], "2023-06-10T09:00", "2023-06-10T17:30")).await;
        let page = app.get(&format!("/events/{}", e["id"])).await;
        assert_eq!(page.status, 200, "{}", app.name);
        assert!(page.body.contains("10 Jun 2023 09:00 (UTC+08:00)"), "venue time on {}", app.name);
        assert!(page.body.contains("9 Jun 2023 18:00 (UTC-07:00)") && page.body.contains("America/Los_Angeles"), "{}", app.name);
        assert!(page.body.contains("time zone not known; the event is at UTC+08:00"), "a hand-entered city on {}", app.name);
    }
}

#[tokio::test]
async fn marking_held_logs_one_activity_per_partnership_once_even_when_toggled() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let (sac, wak) = (partnership(&app, "sacramento").await, partnership(&app, "wakayama").await);
        let mut body = forum(unit, &[sac, wak], "2024-06-10T09:00", "2024-06-11T17:30");
        body["co_organiser_partnership_ids"] = json!([sac]);
        let e = create(&app, &body).await;
        let id = e["id"].as_i64().expect("id");
        let r = app
            .json(
                "POST",
                &format!("/api/v1/events/{id}/registrations"),
                &json!({ "name": "Kenji", "partnership_id": wak, "country_code": "JP" }),
            )
            .await;
        assert_eq!(r.status, 201);
        let kenji = r.json();
        let r = app
            .json(
                "POST",
                &format!("/api/v1/registrations/{}/check-in", kenji["id"]),
                &json!({ "checked_in": true, "version": kenji["version"] }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let before = app.get("/api/v1/activities?kind=event_participation").await.json()["total"].as_i64().expect("total");
        let mut version = e["version"].as_i64().expect("version");
        for status in ["held", "confirmed", "held"] {
            let r = app.json("POST", &format!("/api/v1/events/{id}/transitions"), &json!({ "status": status, "version": version })).await;
            assert_eq!(r.status, 200, "{status}: {}", r.body);
            version = r.json()["version"].as_i64().expect("version");
        }
        let report = app
            .json("PUT", &format!("/api/v1/events/{id}/report"), &json!({ "outcomes": "Three agreements signed", "version": version }))
            .await;
        assert_eq!(report.status, 200, "{}", report.body);
        let r = app
            .json(
                "POST",
                &format!("/api/v1/events/{id}/transitions"),
                &json!({ "status": "reported", "version": report.json()["version"] }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let after = app.get("/api/v1/activities?kind=event_participation").await.json();
        assert_eq!(after["total"].as_i64(), Some(before + 2), "{}: one per partnership, once", app.name);
        let logged = app.get(&format!("/api/v1/events/{id}/activities")).await.json();
        assert_eq!(logged.as_array().map(Vec::len), Some(2));
        let a = app.get(&format!("/api/v1/activities/{}", logged[1]["activity_id"])).await.json();
        assert_eq!(
            (a["start_on"].as_str(), a["end_on"].as_str(), a["status"].as_str()),
            (Some("2024-06-10"), Some("2024-06-11"), Some("done"))
        );
        let history = app.get(&format!("/api/v1/events/{id}/history")).await.json();
        assert_eq!(history["items"].as_array().map(Vec::len), Some(5), "created, held, confirmed, held, reported");
    }
}

#[tokio::test]
async fn unit_editors_write_only_their_units_events_and_viewers_see_no_registrations() {
    for app in apps(true).await {
        let units = app.get("/api/v1/units").await.json();
        let lixia = units["items"].as_array().expect("items").iter().find(|u| u["name_en"] == "Lixia District").expect("Lixia")["id"]
            .as_i64()
            .expect("id");
        let home = app.home_unit().await;
        let editor = app.with_token(Some(app.user_token("lixia_editor", "unit_editor", Some(lixia)).await));
        assert_eq!(editor.json("POST", "/api/v1/events", &forum(home, &[], "2030-01-01T09:00", "2030-01-01T10:00")).await.status, 403);
        let own = editor.json("POST", "/api/v1/events", &forum(lixia, &[], "2030-01-01T09:00", "2030-01-01T10:00")).await;
        assert_eq!(own.status, 201, "{}", own.body);
        let id = own.json()["id"].as_i64().expect("id");
        let viewer = app.with_token(Some(app.user_token("viewer1", "viewer", None).await));
        assert_eq!(viewer.get(&format!("/api/v1/events/{id}")).await.status, 200);
        assert_eq!(viewer.get(&format!("/api/v1/events/{id}/registrations")).await.status, 403);
        assert_eq!(viewer.get(&format!("/events/{id}/participants.csv")).await.status, 403);
        let page = viewer.get(&format!("/events/{id}")).await;
        assert!(!page.body.contains("/events/{id}/registrations".replace("{id}", &id.to_string()).as_str()), "no link to personal data");
    }
}

#[tokio::test]
async fn a_series_is_renamed_through_its_form_and_a_stale_version_is_refused() {
    for app in apps(true).await {
        let series = app.get("/api/v1/event-series").await.json();
        let forum =
            series["items"].as_array().expect("items").iter().find(|x| x["name_en"] == "World Sister City Forum").expect("forum").clone();
        let id = forum["id"].as_i64().expect("id");
        let unit = forum["owner_unit_id"].as_i64().expect("unit");
        let form = app.get(&format!("/event-series/{id}/edit")).await;
        assert!(form.status == 200 && form.body.contains("value=\"World Sister City Forum\""), "{}", app.name);
        let body = format!(
            "name_en=World+Sister+City+Forum&name_zh=%E4%B8%96%E7%95%8C%E5%8F%8B%E5%A5%BD%E5%9F%8E%E5%B8%82%E8%AE%BA%E5%9D%9B&owner_unit_id={unit}&version=1"
        );
        assert_eq!(app.form(&format!("/event-series/{id}"), &body).await.status.as_u16(), 303, "{}", app.name);
        assert_eq!(app.get(&format!("/api/v1/event-series/{id}")).await.json()["name_zh"], "世界友好城市论坛");
        let stale = app.form(&format!("/event-series/{id}"), &body).await;
        assert_eq!(stale.status, 422, "{}: the form comes back", app.name);
        assert!(stale.body.contains("Someone else changed this record"), "{}", app.name);
    }
}

#[tokio::test]
async fn an_events_budget_totals_each_currency_and_takes_lines_from_its_page() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let id = create(&app, &forum(unit, &[], "2030-09-01T09:00", "2030-09-01T17:00")).await["id"].as_i64().expect("id");
        let uri = format!("/api/v1/events/{id}/budget");
        for (cat, cur, planned, actual) in [("venue", "CNY", "8000.50", "7999.5"), ("printing", "USD", "120.25", "")] {
            let r = app.json("POST", &uri, &json!({ "category": cat, "currency": cur, "planned": planned, "actual": actual })).await;
            assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        }
        let b = app.get(&uri).await.json();
        assert_eq!(
            b["totals"],
            json!([
                { "currency": "CNY", "planned_minor": 800_050, "actual_minor": 799_950, "planned": "8000.50", "actual": "7999.50" },
                { "currency": "USD", "planned_minor": 12_025, "actual_minor": 0, "planned": "120.25", "actual": "0.00" }
            ]),
            "{}",
            app.name
        );
        let r = app.json("POST", &uri, &json!({ "category": "venue", "currency": "CNY", "planned": "1.005" })).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["planned".to_string()]), "{}", app.name);
        let viewer = app.with_token(Some(app.user_token("ev-budget-viewer", "viewer", None).await));
        assert_eq!(viewer.get(&uri).await.status, 200, "viewers read the budget");
        assert_eq!(viewer.json("POST", &uri, &json!({ "category": "venue", "currency": "CNY", "planned": "1" })).await.status, 403);
        let other = create(&app, &forum(unit, &[], "2030-09-02T09:00", "2030-09-02T17:00")).await["id"].as_i64().expect("id");
        let line = b["items"][1]["id"].as_i64().expect("line");
        let r = app
            .json(
                "PUT",
                &format!("/api/v1/events/{other}/budget/{line}"),
                &json!({ "category": "venue", "currency": "USD", "planned": "1", "version": 1 }),
            )
            .await;
        assert_eq!(r.status, 404, "a line is reached only through its own event");
        assert_eq!(app.get("/api/v1/events/999999/budget").await.status, 404);

        let page = app.get(&format!("/events/{id}")).await.body;
        assert!(page.contains("8000.50") && page.contains("120.25") && page.contains("Printing"), "{}: the page shows the lines", app.name);
        assert!(page.contains(&format!("action=\"/events/{id}/budget\"")), "editors get the add form");
        assert!(!viewer.get(&format!("/events/{id}")).await.body.contains(&format!("action=\"/events/{id}/budget\"")), "viewers do not");
        let bad = app.form(&format!("/events/{id}/budget"), "category=gifts&currency=JPY&planned=10.5").await;
        assert_eq!(bad.status, 422, "{}", app.name);
        assert!(bad.body.contains("at most 0 decimals") && bad.body.contains("value=\"10.5\""), "the error sits beside the kept input");
        let ok = app.form(&format!("/events/{id}/budget"), "category=gifts&description=Tea+sets&currency=JPY&planned=15000").await;
        assert_eq!(ok.status.as_u16(), 303, "{}", ok.body);
        let b = app.get(&uri).await.json();
        assert_eq!((b["items"][2]["description"].as_str(), b["items"][2]["planned_minor"].as_i64()), (Some("Tea sets"), Some(15_000)));
        assert_eq!(app.form(&format!("/events/{id}/budget/{line}/delete"), "").await.status.as_u16(), 303);
        let b = app.get(&uri).await.json();
        assert_eq!(
            b["totals"].as_array().map(|t| t.iter().map(|x| x["currency"].as_str()).collect::<Vec<_>>()),
            Some(vec![Some("CNY"), Some("JPY")])
        );
        assert_eq!(app.form(&format!("/events/{id}/delete"), "").await.status.as_u16(), 303, "an event with a budget is deleted with it");
        assert_eq!(app.get(&uri).await.status, 404);
    }
}
