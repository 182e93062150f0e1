//! The protocol calendar through the API, the pages and the iCalendar feeds: national days and round
//! anniversaries at the precision recorded, the office's own dates, reminders marked prepared or not,
//! filters and bad parameters naming their field, and feeds that an independent parser reads.

use std::collections::HashSet;

use axum::body::Body;
use axum::http::Request;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use super::support::{TestApp, apps};

pub(super) fn items(v: &Value) -> Vec<Value> {
    v["items"].as_array().cloned().unwrap_or_default()
}

pub(super) async fn delete(app: &TestApp, uri: &str) -> u16 {
    app.send(Request::delete(uri).body(Body::empty()).expect("req")).await.status.as_u16()
}

pub(super) fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).date_naive()
}

#[tokio::test]
async fn round_anniversaries_fall_every_fifth_year_at_the_precision_the_records_give() {
    for app in apps(true).await {
        let r = app.get("/api/v1/calendar?from=2028-01-01&to=2028-12-31&kind=partnership_anniversary").await;
        assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
        let list = items(&r.json());
        let find = |title: &str| list.iter().find(|i| i["title"] == title).cloned().unwrap_or_else(|| panic!("{title} in {list:?}"));
        let wakayama = find("45th anniversary of the partnership with Wakayama");
        assert_eq!((wakayama["when"]["precision"].as_str(), wakayama["when"]["day"].as_str()), (Some("day"), Some("2028-01-14")));
        // Érd's partnership is dated only "2023": its fifth anniversary is "in 2028", never an invented day.
        let erd = find("5th anniversary of the partnership with Érd");
        assert_eq!(erd["when"], json!({"precision": "year", "year": 2028}), "{}", app.name);
        assert_eq!(erd["when_text"], "In 2028 (date not recorded)");
        assert!(list.iter().all(|i| i["kind"] == "partnership_anniversary"), "the kind filter holds");
        assert!(list.iter().all(|i| i["years"].as_i64().is_some_and(|y| y % 5 == 0)), "only round years: {list:?}");

        let zh = app.get_lang("/api/v1/calendar?from=2028-01-01&to=2028-12-31&kind=partnership_anniversary", "zh-CN").await.json();
        assert!(items(&zh).iter().any(|i| i["title"] == "与和歌山结好45周年"), "{zh}");
        // Sacramento's partnership is dated April 1985: the 45th falls "in April 2030".
        let sac = app.get("/api/v1/calendar?from=2030-01-01&to=2030-12-31&kind=partnership_anniversary&country=US").await.json();
        assert_eq!(items(&sac).len(), 1, "{sac}");
        assert_eq!(items(&sac)[0]["when"], json!({"precision": "month", "year": 2030, "month": 4}));
    }
}

#[tokio::test]
async fn national_days_of_partner_countries_are_listed_and_movable_ones_wait_for_the_office() {
    for app in apps(true).await {
        let r = app.get("/api/v1/calendar?from=2028-01-01&to=2028-12-31&kind=national_day").await.json();
        let list = items(&r);
        let countries: HashSet<&str> = list.iter().filter_map(|i| i["country"].as_str()).collect();
        assert!(countries.contains("JP") && countries.contains("US") && countries.contains("UA"), "{countries:?}");
        assert!(!countries.contains("CN"), "no national day for the home country");
        assert!(countries.contains("TT"), "Trinidad and Tobago: the demo flags the Caribbean group for the calendar");
        let us = list.iter().find(|i| i["country"] == "US").expect("US");
        assert_eq!((us["when"]["day"].as_str(), us["title"].as_str()), (Some("2028-07-04"), Some("United States: Independence Day")));
        let gb = list.iter().find(|i| i["country"] == "GB").expect("GB");
        assert_eq!(gb["when"], json!({"precision": "to_be_set", "year": 2028}), "{}", app.name);

        let r = app.json("PUT", "/api/v1/calendar/national-days/GB", &json!({"day": "2028-06-17"})).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = app.get("/api/v1/calendar?from=2028-06-01&to=2028-06-30&kind=national_day&country=GB").await.json();
        assert_eq!(items(&r)[0]["when"], json!({"precision": "day", "day": "2028-06-17"}));
        let fixed = app.json("PUT", "/api/v1/calendar/national-days/US", &json!({"day": "2028-07-05"})).await;
        assert_eq!((fixed.status.as_u16(), fixed.error_fields()), (422, vec!["country".to_string()]), "a fixed day cannot be moved");
        let zh = app.get_lang("/api/v1/calendar?from=2028-07-01&to=2028-07-31&kind=national_day&country=US", "zh-CN").await.json();
        assert_eq!(items(&zh)[0]["title"], "美国国庆日");
    }
}

#[tokio::test]
async fn bad_parameters_name_their_field_and_only_the_office_enters_dates() {
    for app in apps(true).await {
        for (query, field) in [
            ("from=30.11.2026", "from"),
            ("to=2026-13-01", "to"),
            ("from=2026-12-01&to=2026-11-01", "to"),
            ("from=2020-01-01&to=2026-01-01", "to"),
            ("kind=party", "kind"),
            ("country=XX", "country"),
            ("unit=first", "unit"),
        ] {
            let r = app.get(&format!("/api/v1/calendar?{query}")).await;
            assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec![field.to_string()]), "{query} on {}: {}", app.name, r.body);
        }
        let r = app.json("PUT", "/api/v1/calendar/relations/TT", &json!({"established": "next year"})).await;
        assert_eq!(r.error_fields(), ["established"]);
        let r = app.json("PUT", "/api/v1/calendar/relations/CN", &json!({"established": "1949-10-01"})).await;
        assert_eq!(r.error_fields(), ["country"], "no relations with oneself");
        let viewer = app.with_token(Some(app.user_token("vera", "viewer", None).await));
        let r = viewer.json("PUT", "/api/v1/calendar/relations/TT", &json!({"established": "1974-06-20"})).await;
        assert_eq!(r.status, 403, "a viewer reads the calendar but enters no dates");
        assert_eq!(viewer.get("/api/v1/calendar").await.status, 200);
        let auditor = app.with_token(Some(app.user_token("audrey", "auditor", None).await));
        assert_eq!(auditor.get("/api/v1/calendar").await.status, 403);
    }
}

#[tokio::test]
async fn diplomatic_anniversaries_come_from_the_dates_the_office_enters() {
    for app in apps(true).await {
        // A fixture date, not a claim about history.
        let r = app.json("PUT", "/api/v1/calendar/relations/JP", &json!({"established": "1972-09", "basis": "test fixture"})).await;
        assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
        let list = items(&app.get("/api/v1/calendar?from=2027-01-01&to=2027-12-31&kind=diplomatic_anniversary").await.json());
        assert_eq!(list.len(), 1, "{list:?}");
        assert_eq!(list[0]["title"], "55th anniversary of diplomatic relations with Japan");
        assert_eq!(list[0]["when"], json!({"precision": "month", "year": 2027, "month": 9}));
        let zh = items(&app.get_lang("/api/v1/calendar?from=2027-01-01&to=2027-12-31&kind=diplomatic_anniversary", "zh").await.json());
        assert_eq!(zh[0]["title"], "中国与日本建交55周年");
        assert_eq!(app.get("/api/v1/calendar/relations").await.json()[0]["basis"], "test fixture");
        assert_eq!(delete(&app, "/api/v1/calendar/relations/JP").await, 204);
        assert_eq!(delete(&app, "/api/v1/calendar/relations/JP").await, 404);
        assert!(items(&app.get("/api/v1/calendar?from=2027-01-01&to=2027-12-31&kind=diplomatic_anniversary").await.json()).is_empty());
        let audit = app.get("/api/v1/audit?entity=diplomatic_relation").await.json();
        assert_eq!(audit["total"], 2, "entering and removing are audited: {audit}");
    }
}

#[tokio::test]
async fn reminders_say_when_nothing_is_planned_around_an_occasion() {
    for app in apps(true).await {
        // A diplomatic anniversary with Japan fifty years before ten days from now (a fixture date).
        let day = today() + Duration::days(10);
        let Some(established) = NaiveDate::from_ymd_opt(day.year() - 50, day.month(), day.day()) else { continue };
        let r = app.json("PUT", "/api/v1/calendar/relations/JP", &json!({"established": established.to_string()})).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let reminders = app.get("/api/v1/calendar/reminders").await.json();
        let find = |v: &Value| {
            v.as_array()
                .expect("list")
                .iter()
                .find(|r| r["item"]["kind"] == "diplomatic_anniversary")
                .cloned()
                .unwrap_or_else(|| panic!("{v}"))
        };
        let r = find(&reminders);
        assert_eq!((r["days_until"].as_i64(), r["prepared"].as_bool()), (Some(10), Some(false)), "{}", app.name);

        // A planned letter to Wakayama (Japan) a week before the day prepares it.
        let p = app.get("/api/v1/partnerships?q=wakayama").await.json()["items"][0].clone();
        let activity = json!({ "kind": "letter", "title": "Congratulatory letter", "start_on": (day - Duration::days(7)).to_string(),
            "status": "planned", "owner_unit_id": p["home_unit_id"], "partnership_ids": [p["id"]] });
        assert_eq!(app.json("POST", "/api/v1/activities", &activity).await.status, 201);
        let r = find(&app.get("/api/v1/calendar/reminders").await.json());
        assert_eq!(r["prepared"], true, "{}", app.name);

        let page = app.get("/calendar").await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("55th anniversary") || page.body.contains("50th anniversary of diplomatic relations with Japan"),
            "{}",
            page.body
        );
        assert!(page.body.contains("something planned"));
    }
}

#[tokio::test]
async fn the_calendar_pages_work_in_both_languages() {
    for app in apps(true).await {
        let month = app.get("/calendar?month=2028-07").await;
        assert_eq!(month.status, 200, "{}", month.body);
        assert!(month.body.contains("Jul 2028") && month.body.contains("United States: Independence Day"), "{}", month.body);
        let zh = app.get_lang("/calendar?month=2028-07", "zh-CN").await;
        assert!(zh.body.contains("2028年7月") && zh.body.contains("美国国庆日") && zh.body.contains("周一"), "{}", zh.body);
        let agenda = app.get("/calendar?view=agenda&from=2028-01-01&to=2028-12-31&kind=partnership_anniversary").await;
        assert!(
            agenda.body.contains("In 2028") && agenda.body.contains("45th anniversary of the partnership with Wakayama"),
            "{}",
            agenda.body
        );
        let bad = app.get("/calendar?view=agenda&from=soon").await;
        assert!(bad.body.contains("error-summary"), "a bad date is reported on the page");
        for page in ["/calendar/relations", "/calendar/feeds"] {
            assert_eq!(app.get(page).await.status, 200, "{page}");
            assert_eq!(app.get_lang(page, "zh-CN").await.status, 200, "{page}");
        }
        let r = app.form("/calendar/relations", "country=JP&established=someday").await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Enter a year (2004)"), "{}", r.body);
        let r = app.form("/calendar/digest", "email=not-an-address&locale=en").await;
        assert_eq!(r.status, 422);
        let r = app.form("/calendar/digest", "email=office%40example.org&locale=zh-CN").await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(app.get("/api/v1/me/digest").await.json()["locale"], "zh-CN");
    }
}

#[tokio::test]
async fn events_and_delegations_appear_at_the_precision_they_were_planned() {
    for app in apps(true).await {
        let visits = items(&app.get("/api/v1/calendar?from=2023-01-01&to=2023-12-31&kind=delegation").await.json());
        let tt =
            visits.iter().find(|v| v["country"] == "TT").unwrap_or_else(|| panic!("the sourced visit to Trinidad and Tobago: {visits:?}"));
        assert_eq!(tt["when"], json!({"precision": "days", "start": "2023-04-21", "end": "2023-04-23"}), "{}", app.name);
        let events = items(&app.get("/api/v1/calendar?from=2023-01-01&to=2023-12-31&kind=event").await.json());
        assert!(!events.is_empty(), "the plan's events: {}", app.name);
        assert!(
            events.iter().all(|e| e["when"] == json!({"precision": "to_be_set", "year": 2023})),
            "the plan gives no dates, so none are invented: {events:?}"
        );
        assert!(events.iter().any(|e| e["when_text"] == "2023, date to be set"));
        let month = app.get("/calendar?month=2023-04&kind=delegation").await;
        assert!(month.body.contains("/delegations/"), "the visit is on the month grid with a link: {}", month.body);
    }
}

#[tokio::test]
async fn a_timed_event_early_in_the_morning_is_on_the_office_day_not_the_utc_one() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        // 07:30 in Jinan on 12 May is 23:30 UTC on 11 May.
        let body = json!({ "kind": "forum", "title_en": "Early Morning Forum", "title_zh": "早间论坛", "starts_at": "2023-05-12T07:30",
            "ends_at": "2023-05-12T09:00", "time_zone": "Asia/Shanghai", "venue": "Jinan", "organiser_unit_id": unit, "status": "planned" });
        assert_eq!(app.json("POST", "/api/v1/events", &body).await.status, 201, "{}", app.name);
        let found = items(&app.get("/api/v1/calendar?from=2023-05-01&to=2023-05-31&kind=event").await.json());
        let when = &found.iter().find(|i| i["title"] == "Early Morning Forum").expect("the event")["when"];
        assert_eq!(when["first_day"], "2023-05-12", "{}: {when}", app.name);
        assert_eq!(when["last_day"], "2023-05-12", "{}: {when}", app.name);
        let day_before = items(&app.get("/api/v1/calendar?from=2023-05-11&to=2023-05-11&kind=event").await.json());
        let none: Vec<_> = day_before.iter().filter(|i| i["title"] == "Early Morning Forum").collect();
        assert!(none.is_empty(), "nothing on the UTC day before ({}): {none:?}", app.name);
        let month = app.get("/calendar?month=2023-05&kind=event").await.body;
        let cell = month.split("<td").find(|c| c.contains("Early Morning Forum")).expect("the event is on the grid");
        assert!(cell.contains(">12</span>"), "in the cell of 12 May ({}): {cell}", app.name);
    }
}
