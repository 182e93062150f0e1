//! The calendar's iCalendar feeds, read by an independent parser: the private feed with stable
//! UIDs until it is revoked, and the public feed holding what the portal publishes and nothing
//! internal.

use std::collections::HashSet;
use std::io::BufReader;

use chrono::Duration;

use serde_json::{Value, json};

use super::calendar::{delete, items, today};
use super::support::apps;

/// Every VEVENT of an iCalendar text, as an independent parser reads it: (UID, SUMMARY, DTSTART line value, DTSTART params).
fn events(ics: &str) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for cal in ical::IcalParser::new(BufReader::new(ics.as_bytes())) {
        let cal = cal.unwrap_or_else(|e| panic!("not iCalendar ({e}): {ics}"));
        for e in cal.events {
            let prop = |name: &str| e.properties.iter().find(|p| p.name == name).cloned();
            let start = prop("DTSTART").expect("DTSTART");
            assert!(prop("DTSTAMP").is_some(), "RFC 5545 requires DTSTAMP");
            let params = format!("{:?}", start.params.unwrap_or_default());
            out.push((
                prop("UID").and_then(|p| p.value).expect("UID"),
                prop("SUMMARY").and_then(|p| p.value).unwrap_or_default(),
                start.value.unwrap_or_default(),
                params,
            ));
        }
    }
    out
}

#[tokio::test]
async fn the_private_feed_is_valid_icalendar_with_stable_uids_until_revoked() {
    for app in apps(true).await {
        let r = app.json("POST", "/api/v1/calendar/feed", &json!({})).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let path = r.json()["path"].as_str().expect("path").to_string();
        let public = app.with_token(None);
        let feed = public.get(&path).await;
        assert_eq!(feed.status, 200, "the link alone opens the feed: {}", feed.body);
        assert!(feed.headers["content-type"].to_str().unwrap_or("").starts_with("text/calendar"));
        let first = events(&feed.body);
        assert!(first.len() > 20, "a year back and two ahead of national days and anniversaries: {}", first.len());
        let uids: HashSet<&String> = first.iter().map(|e| &e.0).collect();
        assert_eq!(uids.len(), first.len(), "UIDs are unique");
        let us = first.iter().find(|e| e.1 == "United States: Independence Day").expect("US national day");
        assert!(us.3.contains("DATE"), "national days are all-day events: {us:?}");
        assert!(us.2.ends_with("0704"), "{us:?}");
        let again = events(&public.get(&path).await.body);
        assert_eq!(again.iter().map(|e| &e.0).collect::<HashSet<_>>(), uids, "UIDs are stable across fetches");
        let zh = public.get(&format!("{}?lang=zh-CN", path.trim_end_matches(".ics"))).await;
        assert!(events(&zh.body).iter().any(|e| e.1 == "美国国庆日"), "the link may ask for Chinese titles");

        assert_eq!(delete(&app, "/api/v1/calendar/feed").await, 204);
        assert_eq!(public.get(&path).await.status, 404, "a revoked link answers nothing");
        assert_eq!(public.get("/calendar/feed/amf_not-a-real-secret.ics").await.status, 404);
    }
}

/// An event a month ahead, public or not, at `status`.
fn event(unit: i64, title: &str, public: bool, status: &str) -> Value {
    let day = (today() + Duration::days(30)).format("%Y-%m-%d");
    json!({ "kind": "forum", "title_en": title, "title_zh": "友城论坛", "starts_at": format!("{day}T09:00"), "ends_at": format!("{day}T17:00"),
        "time_zone": "Asia/Shanghai", "venue": "Jinan", "organiser_unit_id": unit, "capacity": 50, "public": public, "status": status })
}

#[tokio::test]
async fn the_public_feed_holds_the_events_the_public_portal_publishes_and_nothing_internal() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let mut ids = Vec::new();
        for (title, public, status) in
            [("Open forum", true, "confirmed"), ("Internal briefing", false, "confirmed"), ("Forum idea", true, "idea")]
        {
            let r = app.json("POST", "/api/v1/events", &event(unit, title, public, status)).await;
            assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
            ids.push(r.json()["id"].as_i64().expect("id"));
        }
        let anyone = app.with_token(None);
        let feed = anyone.get("/p/calendar.ics").await;
        assert_eq!(feed.status, 200, "{}", app.name);
        let feed = events(&feed.body);
        let summary = |id: i64| feed.iter().find(|e| e.0 == format!("event-{id}@amity.calendar")).map(|e| e.1.clone());
        assert_eq!(summary(ids[0]).as_deref(), Some("Open forum"), "the public, confirmed event on {}: {feed:?}", app.name);
        assert_eq!(summary(ids[1]), None, "an internal event never reaches the public feed on {}", app.name);
        assert_eq!(summary(ids[2]), None, "a public event at the idea stage is not published yet on {}", app.name);
        assert!(feed.iter().all(|e| !e.1.contains("Internal briefing") && !e.1.contains("Independence Day")), "{}: {feed:?}", app.name);
        let portal = anyone.get("/api/v1/public/events?per_page=500").await.json();
        let listed: Vec<i64> = items(&portal).iter().filter_map(|e| e["id"].as_i64()).collect();
        for id in &ids {
            assert_eq!(
                summary(*id).is_some(),
                listed.contains(id),
                "event {id}: the feed and the portal publish by one rule on {}",
                app.name
            );
        }
    }
}
