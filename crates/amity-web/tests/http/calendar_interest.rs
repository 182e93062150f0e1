//! National days of the countries the office cares about, not only of partner countries: the demo's
//! Caribbean group flagged for the calendar, the office's own list (API and page, audited, office only),
//! groups flagged through the API, and the reminder saying whether a celebration is planned.

use axum::body::Body;
use axum::http::Request;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use super::support::{TestApp, apps};

fn items(v: &Value) -> Vec<Value> {
    v["items"].as_array().cloned().unwrap_or_default()
}

fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).date_naive()
}

async fn national_days(app: &TestApp, year: i32, country: &str) -> Vec<Value> {
    let uri = format!("/api/v1/calendar?from={year}-01-01&to={year}-12-31&kind=national_day&country={country}");
    let r = app.get(&uri).await;
    assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
    items(&r.json())
}

async fn delete(app: &TestApp, uri: &str) -> u16 {
    app.send(Request::delete(uri).body(Body::empty()).expect("req")).await.status.as_u16()
}

fn reasons(item: &Value) -> Vec<String> {
    item["interest"].as_array().expect("interest").iter().map(|i| i["reason"].as_str().unwrap_or_default().to_string()).collect()
}

#[tokio::test]
async fn the_demos_five_caribbean_national_days_are_on_the_calendar_with_their_celebration_linked() {
    for app in apps(true).await {
        let groups = app.get("/api/v1/country-groups").await.json();
        let flagged: Vec<&str> = groups["items"]
            .as_array()
            .expect("groups")
            .iter()
            .filter(|g| g["on_calendar"] == true)
            .filter_map(|g| g["code"].as_str())
            .collect();
        assert_eq!(flagged, ["caribbean"], "{}: only the Caribbean group is flagged", app.name);
        for (iso2, day) in [("GY", "2023-02-23"), ("JM", "2023-08-06"), ("BB", "2023-11-30"), ("TT", "2023-08-31"), ("SR", "2023-11-25")] {
            let list = national_days(&app, 2023, iso2).await;
            assert_eq!(list.len(), 1, "{} {iso2}: {list:?}", app.name);
            let item = &list[0];
            assert_eq!(item["when"], json!({"precision": "day", "day": day}), "{iso2}");
            assert_eq!(item["interest"][0]["group_code"], "caribbean", "{iso2}: {item}");
            assert!(reasons(item).contains(&"group".to_string()) && !reasons(item).contains(&"partner".to_string()), "{item}");
            let id = item["celebration_id"].as_i64().unwrap_or_else(|| panic!("{iso2} has its celebration: {item}"));
            let event = app.get(&format!("/api/v1/events/{id}")).await.json();
            assert_eq!((event["kind"].as_str(), event["country_code"].as_str()), (Some("national_day_celebration"), Some(iso2)), "{event}");
        }
        let us = national_days(&app, 2023, "US").await;
        assert_eq!(reasons(&us[0]), ["partner"], "a partner country says so: {us:?}");
        let tt = national_days(&app, 2023, "TT").await[0].clone();
        let page = app.get("/calendar?view=agenda&from=2023-08-01&to=2023-08-31&kind=national_day").await;
        assert!(page.body.contains(&format!("href=\"/events/{}\"", tt["celebration_id"])), "{}", page.body);
        assert!(page.body.contains("country group: Caribbean"), "the page says why: {}", page.body);
        let zh = app.get_lang("/calendar?view=agenda&from=2023-08-01&to=2023-08-31&kind=national_day", "zh-CN").await;
        assert!(zh.body.contains("特立尼达和多巴哥国庆日") && zh.body.contains("国别组：加勒比地区"), "{}", zh.body);

        // The private feed follows the calendar: this year's and next year's Caribbean national days are in it.
        let path = app.json("POST", "/api/v1/calendar/feed", &json!({})).await.json()["path"].as_str().expect("path").to_string();
        let ics = app.get(&path).await.body;
        assert!(ics.contains(&format!("UID:national_day-TT-{}", today().year() + 1)), "{ics}");
    }
}

#[tokio::test]
async fn a_country_the_office_lists_appears_on_the_calendar_until_it_is_removed_and_both_are_audited() {
    for app in apps(true).await {
        assert!(national_days(&app, 2027, "KE").await.is_empty(), "{}: Kenya is no partner's country", app.name);
        let r = app.json("POST", "/api/v1/calendar/countries", &json!({"country": "ke"})).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        assert_eq!(r.json()["country"], "KE");
        assert!(r.json()["added_by"].as_i64().is_some(), "{}", r.body);
        assert_eq!(app.get("/api/v1/calendar/countries").await.json().as_array().map(Vec::len), Some(1));
        let list = national_days(&app, 2027, "KE").await;
        assert_eq!(list.len(), 1, "{list:?}");
        assert_eq!((list[0]["when"]["day"].as_str(), reasons(&list[0])), (Some("2027-12-12"), vec!["listed".to_string()]));
        let page = app.get("/calendar?view=agenda&from=2027-12-01&to=2027-12-31&kind=national_day").await;
        assert!(page.body.contains("listed by the office") && page.body.contains("Kenya"), "{}", page.body);
        let again = app.json("POST", "/api/v1/calendar/countries", &json!({"country": "KE"})).await;
        assert_eq!((again.status.as_u16(), again.error_fields()), (409, vec!["country".to_string()]), "{}", again.body);

        assert_eq!(delete(&app, "/api/v1/calendar/countries/KE").await, 204);
        assert!(national_days(&app, 2027, "KE").await.is_empty(), "removed from the list, gone from the calendar");
        assert_eq!(delete(&app, "/api/v1/calendar/countries/KE").await, 404);
        let audit = app.get("/api/v1/audit?entity=calendar_country").await.json();
        assert_eq!(audit["total"], 2, "listing and removing are audited: {audit}");

        // The page: the section, adding and removing through forms.
        assert_eq!(app.form("/calendar/countries", "country=KE").await.status, 303);
        let page = app.get("/calendar").await;
        assert!(page.body.contains("Countries of interest") && page.body.contains("/calendar/countries/KE/delete"), "{}", page.body);
        assert!(app.get_lang("/calendar", "zh-CN").await.body.contains("关注国家"));
        assert_eq!(app.form("/calendar/countries/KE/delete", "").await.status, 303);
        assert!(app.get("/api/v1/calendar/countries").await.json().as_array().is_some_and(Vec::is_empty));
    }
}

#[tokio::test]
async fn an_unknown_country_is_refused_naming_the_field_and_nothing_is_written() {
    for app in apps(true).await {
        for bad in ["XX", "", "CN", "HK", "Kenya and more"] {
            let r = app.json("POST", "/api/v1/calendar/countries", &json!({"country": bad})).await;
            assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["country".to_string()]), "{bad:?} on {}: {}", app.name, r.body);
        }
        let r = app.json("POST", "/api/v1/calendar/countries", &json!({"country": "XX"})).await;
        assert!(r.body.contains("Not a known ISO 3166-1 country code"), "{}", r.body);
        let page = app.form("/calendar/countries", "country=XX").await;
        assert_eq!(page.status, 422);
        assert!(page.body.contains("error-summary") && page.body.contains("Not a known ISO 3166-1 country code"), "{}", page.body);
        let zh = app
            .send(
                Request::post("/api/v1/calendar/countries")
                    .header("content-type", "application/json")
                    .header("accept-language", "zh-CN")
                    .body(Body::from(r#"{"country": "XX"}"#))
                    .expect("req"),
            )
            .await;
        assert_eq!(zh.status, 422);
        assert!(zh.body.contains("不是有效的 ISO 3166-1 国家代码"), "{}", zh.body);
        assert!(app.get("/api/v1/calendar/countries").await.json().as_array().is_some_and(Vec::is_empty), "nothing written");
        assert_eq!(app.get("/api/v1/audit?entity=calendar_country").await.json()["total"], 0);

        let viewer = app.with_token(Some(app.user_token("vera", "viewer", None).await));
        assert_eq!(viewer.get("/api/v1/calendar/countries").await.status, 200, "a viewer reads the list");
        assert_eq!(viewer.json("POST", "/api/v1/calendar/countries", &json!({"country": "KE"})).await.status, 403);
        assert_eq!(app.json("POST", "/api/v1/calendar/countries", &json!({"country": "KE"})).await.status, 201);
        assert_eq!(delete(&viewer, "/api/v1/calendar/countries/KE").await, 403, "a viewer cannot edit the list");
        assert_eq!(app.get("/api/v1/calendar/countries").await.json().as_array().map(Vec::len), Some(1), "still listed");
    }
}

#[tokio::test]
async fn a_group_flagged_for_the_calendar_puts_its_members_national_days_on_it() {
    for app in apps(true).await {
        let body = json!({"code": "east-africa-test", "name_en": "East Africa (test)", "name_zh": "东非（测试）", "members": ["KE"], "on_calendar": true});
        let r = app.json("POST", "/api/v1/country-groups", &body).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let group = r.json();
        assert_eq!(group["on_calendar"], true);
        let list = national_days(&app, 2027, "KE").await;
        assert_eq!(list.len(), 1, "{list:?}");
        assert_eq!(list[0]["interest"][0]["group_name_en"], "East Africa (test)");
        let off = json!({"code": "east-africa-test", "name_en": "East Africa (test)", "name_zh": "东非（测试）", "members": ["KE"],
            "on_calendar": false, "version": group["version"]});
        assert_eq!(app.json("PUT", &format!("/api/v1/country-groups/{}", group["id"]), &off).await.status, 200);
        assert!(national_days(&app, 2027, "KE").await.is_empty(), "the flag off, the day goes");
        let form = app.get(&format!("/groups/{}/edit", group["id"])).await;
        assert!(form.body.contains("Show national days on the calendar"), "{}", form.body);
        assert!(app.get_lang(&format!("/groups/{}/edit", group["id"]), "zh-CN").await.body.contains("在日历上显示国庆日"));
    }
}

/// A country with a fixed national day 5 to 25 days from today that no record puts on the calendar yet:
/// (code, days until, the day).
async fn quiet_country(app: &TestApp) -> (String, i64, NaiveDate) {
    for days in 5..=25 {
        let day = today() + Duration::days(days);
        for c in amity_refdata::countries() {
            let fixed = c.national_day.as_ref().and_then(|d| d.month_day) == Some((day.month(), day.day()));
            if fixed && !["CN", "HK", "MO", "TW"].contains(&c.iso2.as_str()) && national_days(app, day.year(), &c.iso2).await.is_empty() {
                return (c.iso2.clone(), days, day);
            }
        }
    }
    panic!("no country has its national day 5 to 25 days from today")
}

#[tokio::test]
async fn the_reminder_says_whether_a_celebration_is_planned_in_both_languages() {
    for app in apps(true).await {
        let (iso2, days, day) = quiet_country(&app).await;
        assert_eq!(app.json("POST", "/api/v1/calendar/countries", &json!({"country": iso2})).await.status, 201);
        let find = |v: Value| {
            v.as_array()
                .expect("list")
                .iter()
                .find(|r| r["item"]["country"] == iso2.as_str())
                .cloned()
                .unwrap_or_else(|| panic!("{iso2}: {v}"))
        };
        let r = find(app.get("/api/v1/calendar/reminders").await.json());
        assert_eq!((r["days_until"].as_i64(), r["prepared"].as_bool()), (Some(days), Some(false)), "{}: {r}", app.name);
        assert_eq!(r["item"]["celebration_id"], Value::Null);
        let page = app.get("/calendar").await.body;
        assert!(page.contains(&format!("in {days} days")) && page.contains("nothing planned yet"), "{page}");
        assert!(app.get_lang("/calendar", "zh-CN").await.body.contains("尚无安排"));

        let event = json!({ "kind": "national_day_celebration", "title_en": "Reception for the national day", "title_zh": "国庆招待会",
            "planned_on": day.format("%Y-%m").to_string(), "time_zone": "Asia/Shanghai", "organiser_unit_id": app.home_unit().await,
            "country_code": iso2, "status": "planned" });
        let created = app.json("POST", "/api/v1/events", &event).await;
        assert_eq!(created.status, 201, "{}", created.body);
        let id = created.json()["id"].as_i64().expect("id");
        let r = find(app.get("/api/v1/calendar/reminders").await.json());
        assert_eq!((r["prepared"].as_bool(), r["item"]["celebration_id"].as_i64()), (Some(true), Some(id)), "{r}");
        let page = app.get("/calendar").await.body;
        assert!(page.contains("a celebration is planned") && page.contains(&format!("href=\"/events/{id}\"")), "{page}");
        assert!(app.get_lang("/calendar", "zh-CN").await.body.contains("已安排庆祝活动"));
    }
}
