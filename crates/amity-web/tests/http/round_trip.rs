//! A record read from the API can be sent straight back: for every resource with a PUT, a record
//! created with its optional fields empty, read, and PUT back unchanged is accepted and unchanged.

use serde_json::{Value, json};

use super::support::{TestApp, apps};

/// Fields the server keeps itself and may change on any write.
const MOVING: &[&str] = &["version", "updated_at", "updated_by"];

fn without_moving(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        for k in MOVING {
            o.remove(*k);
        }
    }
    v
}

async fn created_id(app: &TestApp, uri: &str, body: Value) -> i64 {
    let r = app.json("POST", uri, &body).await;
    assert_eq!(r.status, 201, "POST {uri} on {}: {}", app.name, r.body);
    let v = r.json();
    v["id"].as_i64().or_else(|| v["user"]["id"].as_i64()).unwrap_or_else(|| panic!("id in {}", r.body))
}

/// (what, the record's URI) for a record of every resource with a PUT, optional fields left out.
async fn records(app: &TestApp) -> Vec<(&'static str, String)> {
    let home = app.home_unit().await;
    let partnership = created_id(
        app,
        "/api/v1/partnerships",
        json!({ "home_unit_id": home, "city_name_en": "Testville", "country": "FR", "lat": 45.0, "lon": 3.0,
            "kind": "friendly_cooperation", "status": "prospect" }),
    )
    .await;
    let unit =
        created_id(app, "/api/v1/units", json!({ "parent_id": home, "kind": "district", "name_en": "Lixia", "name_zh": "历下区" })).await;
    let group = created_id(app, "/api/v1/country-groups", json!({ "code": "round-trip", "name_en": "Round", "name_zh": "往返" })).await;
    let contact =
        created_id(app, &format!("/api/v1/partnerships/{partnership}/contacts"), json!({ "side": "partner", "name_romanised": "Sato" }))
            .await;
    let agreement = created_id(
        app,
        &format!("/api/v1/partnerships/{partnership}/agreements"),
        json!({ "kind": "letter_of_intent", "title": "Letter of intent" }),
    )
    .await;
    let gift = created_id(
        app,
        "/api/v1/gifts",
        json!({ "direction": "given", "given_on": "2023-05-01", "description": "Vase", "disclosure": "pending" }),
    )
    .await;
    let user = created_id(app, "/api/v1/users", json!({ "username": "round.trip", "role": "viewer" })).await;
    let activity = created_id(
        app,
        "/api/v1/activities",
        json!({ "kind": "meeting", "title": "Talks", "start_on": "2023-05-01", "status": "done", "owner_unit_id": home, "partnership_ids": [partnership] }),
    )
    .await;
    let event = created_id(
        app,
        "/api/v1/events",
        json!({ "kind": "forum", "title_en": "Forum", "starts_at": "2030-06-10T09:00", "ends_at": "2030-06-10T17:00",
            "time_zone": "Asia/Shanghai", "organiser_unit_id": home, "status": "confirmed" }),
    )
    .await;
    let all_day = created_id(
        app,
        "/api/v1/events",
        json!({ "kind": "forum", "title_en": "Two days", "starts_at": "2030-07-01", "ends_at": "2030-07-02",
            "time_zone": "America/Los_Angeles", "organiser_unit_id": home, "status": "confirmed" }),
    )
    .await;
    let series =
        created_id(app, "/api/v1/event-series", json!({ "name_en": "Forum series", "name_zh": "论坛系列", "owner_unit_id": home })).await;
    let registration = created_id(app, &format!("/api/v1/events/{event}/registrations"), json!({ "kind": "person", "name": "Ann" })).await;
    let delegation = created_id(
        app,
        "/api/v1/delegations",
        json!({ "direction": "inbound", "title": "Visit", "owner_unit_id": home, "partnership_ids": [partnership],
            "starts_on": "2030-05-01", "ends_on": "2030-05-03" }),
    )
    .await;
    let linked = app.get("/api/v1/partnerships?q=sacramento").await.json()["items"][0]["id"].as_i64().expect("demo partnership");
    vec![
        ("partnership", format!("/api/v1/partnerships/{partnership}")),
        ("partnership with a reference city", format!("/api/v1/partnerships/{linked}")),
        ("unit", format!("/api/v1/units/{unit}")),
        ("country group", format!("/api/v1/country-groups/{group}")),
        ("contact", format!("/api/v1/contacts/{contact}")),
        ("agreement", format!("/api/v1/agreements/{agreement}")),
        ("gift", format!("/api/v1/gifts/{gift}")),
        ("user", format!("/api/v1/users/{user}")),
        ("activity", format!("/api/v1/activities/{activity}")),
        ("event", format!("/api/v1/events/{event}")),
        ("all-day event", format!("/api/v1/events/{all_day}")),
        ("event series", format!("/api/v1/event-series/{series}")),
        ("registration", format!("/api/v1/registrations/{registration}")),
        ("delegation", format!("/api/v1/delegations/{delegation}")),
    ]
}

#[tokio::test]
async fn every_record_read_from_the_api_can_be_put_back_unchanged() {
    for app in apps(true).await {
        let mut failures = Vec::new();
        for (what, uri) in records(&app).await {
            let before = app.get(&uri).await;
            assert_eq!(before.status, 200, "GET {uri} on {}: {}", app.name, before.body);
            let put = app.json("PUT", &uri, &before.json()).await;
            if put.status != 200 {
                failures.push(format!("{what}: PUT answered {}: {}", put.status, put.body));
                continue;
            }
            let after = app.get(&uri).await.json();
            if without_moving(&after) != without_moving(&before.json()) {
                failures.push(format!("{what}: changed from {} to {after}", before.body));
            }
        }
        assert!(failures.is_empty(), "on {}:\n{}", app.name, failures.join("\n"));
    }
}
