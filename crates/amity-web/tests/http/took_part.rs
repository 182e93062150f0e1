//! What "took part" means (issue 12, item 7): marking an event held asks which of its invited,
//! co-organising or registered partnerships took part — co-organisers and those with a checked-in
//! registrant ticked in advance — and logs one activity for each ticked one, once; a delegation is
//! not completed before its return day nor in progress before it leaves (the office's today).

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::browser::at;
use super::support::{TestApp, apps};

async fn partnership(app: &TestApp, q: &str) -> i64 {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0]["id"].as_i64().expect("id")
}

/// A confirmed forum last June inviting `invited`, co-organised with `co`.
async fn forum(app: &TestApp, invited: &[i64], co: &[i64]) -> Value {
    let body = json!({ "kind": "forum", "title_en": "World Sister City Forum", "title_zh": "世界友好城市论坛",
        "starts_at": "2024-06-10T09:00", "ends_at": "2024-06-11T17:30", "time_zone": "Asia/Shanghai", "venue": "Jinan",
        "organiser_unit_id": app.home_unit().await, "invited_partnership_ids": invited, "co_organiser_partnership_ids": co,
        "status": "confirmed", "fields": ["culture"] });
    let r = app.json("POST", "/api/v1/events", &body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()
}

/// Registers someone for `partnership`, checked in when `arrived`.
async fn register(app: &TestApp, event: i64, partnership: i64, arrived: bool) {
    let r = app
        .json(
            "POST",
            &format!("/api/v1/events/{event}/registrations"),
            &json!({ "name": "Guest", "partnership_id": partnership, "country_code": "US" }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    if arrived {
        let reg = r.json();
        let r = app
            .json(
                "POST",
                &format!("/api/v1/registrations/{}/check-in", reg["id"]),
                &json!({ "checked_in": true, "version": reg["version"] }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
}

/// The partnerships the event logged an activity for, sorted.
async fn logged(app: &TestApp, event: i64) -> Vec<i64> {
    let origins = app.get(&format!("/api/v1/events/{event}/activities")).await.json();
    let mut ids: Vec<i64> = origins.as_array().expect("origins").iter().filter_map(|o| o["partnership_id"].as_i64()).collect();
    ids.sort_unstable();
    ids
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable();
    v
}

#[tokio::test]
async fn marking_held_logs_the_ticked_partnerships_and_by_default_the_co_organisers_and_checked_in_ones() {
    for app in apps(true).await {
        let [sac, wak, cov, reg] = [
            partnership(&app, "sacramento").await,
            partnership(&app, "wakayama").await,
            partnership(&app, "coventry").await,
            partnership(&app, "regina").await,
        ];
        // Sacramento co-organises; Wakayama's guest checked in; Coventry's registered but never came;
        // Regina was invited only.
        let e = forum(&app, &[wak, cov, reg], &[sac]).await;
        let id = e["id"].as_i64().expect("id");
        register(&app, id, wak, true).await;
        register(&app, id, cov, false).await;

        // The page offers all four, pre-ticking Sacramento and Wakayama.
        let page = app.get(&format!("/events/{id}")).await.body;
        let boxes: Vec<(i64, bool)> = page
            .split("name=\"took_part\" value=\"")
            .skip(1)
            .map(|rest| {
                let (v, tail) = rest.split_once('"').expect("value");
                (v.parse().expect("id"), tail.split('>').next().unwrap_or("").contains("checked"))
            })
            .collect();
        assert_eq!(
            sorted(boxes.iter().map(|b| b.0).collect()),
            sorted(vec![sac, wak, cov, reg]),
            "{}: invited, co-organising and registered partnerships are offered",
            app.name
        );
        assert_eq!(sorted(boxes.iter().filter(|b| b.1).map(|b| b.0).collect()), sorted(vec![sac, wak]), "{}", app.name);
        let zh = app.get_lang(&format!("/events/{id}"), "zh-CN").await.body;
        assert!(zh.contains("哪些友城参加了活动？"), "{}: the checklist in Chinese", app.name);

        // The API without a list takes the pre-ticked ones.
        let r = app.json("POST", &format!("/api/v1/events/{id}/transitions"), &json!({ "status": "held", "version": e["version"] })).await;
        assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
        assert_eq!(logged(&app, id).await, sorted(vec![sac, wak]), "{}", app.name);

        // Back to confirmed and held again naming Regina too: one more activity, none doubled.
        let v = r.json()["version"].clone();
        let r = app.json("POST", &format!("/api/v1/events/{id}/transitions"), &json!({ "status": "confirmed", "version": v })).await;
        let body = json!({ "status": "held", "took_part": [sac, wak, reg, reg], "version": r.json()["version"] });
        let r = app.json("POST", &format!("/api/v1/events/{id}/transitions"), &body).await;
        assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
        assert_eq!(logged(&app, id).await, sorted(vec![sac, wak, reg]), "{}", app.name);
        let all = app.get(&format!("/api/v1/activities?kind=event_participation&partnership={reg}")).await.json();
        assert_eq!(all["total"], 1, "{}: Regina's participation once", app.name);
    }
}

#[tokio::test]
async fn a_partnership_the_event_does_not_offer_or_a_list_for_another_status_is_refused_with_nothing_written() {
    for app in apps(true).await {
        let [sac, wak] = [partnership(&app, "sacramento").await, partnership(&app, "wakayama").await];
        let e = forum(&app, &[sac], &[]).await;
        let id = e["id"].as_i64().expect("id");
        let url = format!("/api/v1/events/{id}/transitions");
        let r = app.json("POST", &url, &json!({ "status": "held", "took_part": [sac, wak], "version": e["version"] })).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["took_part[1]".to_string()]), "{}: {}", app.name, r.body);
        assert!(r.body.contains("not invited"), "{}: {}", app.name, r.body);
        let r =
            app.json("POST", &url, &json!({ "status": "cancelled", "reason": "Rain", "took_part": [sac], "version": e["version"] })).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["took_part".to_string()]), "{}: {}", app.name, r.body);
        let now = app.get(&format!("/api/v1/events/{id}")).await.json();
        assert_eq!((now["status"].as_str(), now["version"].clone()), (Some("confirmed"), e["version"].clone()), "{}", app.name);
        assert!(logged(&app, id).await.is_empty(), "{}", app.name);

        // The page's checklist with nothing ticked: held, and nobody's activity logged.
        let form = format!("status=held&took_part_asked=1&version={}", e["version"]);
        let r = app.form(&format!("/events/{id}/transitions"), &form).await;
        assert_eq!(r.status, 303, "{}: {}", app.name, r.body);
        assert_eq!(app.get(&format!("/api/v1/events/{id}")).await.json()["status"], "held");
        assert!(logged(&app, id).await.is_empty(), "{}: an unticked list logs none", app.name);
    }
}

#[tokio::test]
async fn the_pages_checklist_logs_exactly_the_ticked_partnerships_and_a_wrong_one_is_named_in_both_languages() {
    for app in apps(true).await {
        let [sac, wak, reg] =
            [partnership(&app, "sacramento").await, partnership(&app, "wakayama").await, partnership(&app, "regina").await];
        let e = forum(&app, &[sac, wak], &[sac]).await;
        let id = e["id"].as_i64().expect("id");
        let bad = format!("status=held&took_part_asked=1&took_part={reg}&version={}", e["version"]);
        let r = app.form(&format!("/events/{id}/transitions"), &bad).await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert!(r.body.contains("does not co-organise it"), "{}: {}", app.name, r.body);
        let zh = app
            .send(
                axum::http::Request::post(format!("/events/{id}/transitions"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("accept-language", "zh-CN")
                    .body(axum::body::Body::from(bad))
                    .expect("request"),
            )
            .await;
        assert!(zh.body.contains("未受邀"), "{}: {}", app.name, zh.body);
        let good = format!("status=held&took_part_asked=1&took_part={wak}&version={}", e["version"]);
        assert_eq!(app.form(&format!("/events/{id}/transitions"), &good).await.status, 303, "{}", app.name);
        assert_eq!(logged(&app, id).await, vec![wak], "{}: the co-organiser was unticked", app.name);
    }
}

/// A visit from Sacramento leaving on 11 May 2030 and returning on 13 May.
async fn visit(app: &TestApp) -> Value {
    let body = json!({ "direction": "inbound", "title": "Sacramento youth ambassadors", "partnership_ids": [partnership(app, "sacramento").await],
        "owner_unit_id": app.home_unit().await, "starts_on": "2030-05-11", "ends_on": "2030-05-13" });
    let r = app.json("POST", "/api/v1/delegations", &body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()
}

async fn move_to(app: &TestApp, id: i64, to: &str) -> (u16, Value) {
    let version = app.get(&format!("/api/v1/delegations/{id}")).await.json()["version"].clone();
    let r = app.json("POST", &format!("/api/v1/delegations/{id}/transitions"), &json!({ "status": to, "version": version })).await;
    (r.status.as_u16(), if r.body.is_empty() { Value::Null } else { r.json() })
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

#[tokio::test]
async fn a_visit_is_in_progress_from_the_day_it_leaves_and_completed_from_the_day_it_returns_by_the_offices_calendar() {
    for app in apps(true).await {
        let id = visit(&app).await["id"].as_i64().expect("id");
        // 10 May in Jinan: before the visit.
        let before = at(&app, utc("2030-05-10T08:00:00Z"));
        let (code, err) = move_to(&before, id, "in_progress").await;
        assert_eq!((code, err["error"]["fields"][0]["field"].as_str()), (422, Some("status")), "{}: {err}", app.name);
        assert_eq!(err["error"]["fields"][0]["code"], "not_yet_departed");
        assert!(err["error"]["fields"][0]["message"].as_str().is_some_and(|m| m.contains("2030-05-11")), "{err}");
        let (code, err) = move_to(&before, id, "completed").await;
        assert_eq!((code, err["error"]["fields"][0]["code"].as_str()), (422, Some("not_yet_returned")), "{}: {err}", app.name);
        let page = before.form(&format!("/delegations/{id}/transitions"), "status=completed&version=1").await;
        assert_eq!(page.status, 422, "{}", app.name);
        assert!(page.body.contains("returns on 2030-05-13"), "{}: the page says why", app.name);
        let history = app.get(&format!("/api/v1/delegations/{id}/history")).await.json();
        assert_eq!(history["items"].as_array().map(Vec::len), Some(1), "{}: nothing recorded", app.name);

        // 20:00 UTC on 10 May is already 11 May in Jinan (the office's day): it has left.
        let leaving = at(&app, utc("2030-05-10T20:00:00Z"));
        assert_eq!(move_to(&leaving, id, "in_progress").await.0, 200, "{}", app.name);
        let (code, err) = move_to(&leaving, id, "completed").await;
        assert_eq!((code, err["error"]["fields"][0]["code"].as_str()), (422, Some("not_yet_returned")), "{}", app.name);
        let zh = leaving
            .send(
                axum::http::Request::post(format!("/delegations/{id}/transitions"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("accept-language", "zh-CN")
                    .body(axum::body::Body::from("status=completed&version=2"))
                    .expect("request"),
            )
            .await;
        assert!(zh.body.contains("2030-05-13返程"), "{}: {}", app.name, zh.body);
        let back = at(&app, utc("2030-05-13T01:00:00Z"));
        assert_eq!(move_to(&back, id, "completed").await.0, 200, "{}: completed on the return day", app.name);
        let visits = app.get("/api/v1/activities?kind=inbound_visit&q=youth+ambassadors").await.json();
        assert_eq!(visits["total"], 1, "{}: the visit is logged once completed", app.name);
    }
}
