//! Units over HTTP on both backends: archiving takes a unit out of every picker but keeps it on
//! the records that name it and in the units list under "archived"; a unit in use cannot be
//! deleted; the units and registrations lists page like the other lists.

use serde_json::{Value, json};

use crate::support::{TestApp, apps};

const NAME: &str = "Bureau of Culture";

/// Creates the bureau and an event it organises; returns (unit id, event id).
async fn bureau_with_event(app: &TestApp) -> (i64, i64) {
    let home = app.home_unit().await;
    let r = app.json("POST", "/api/v1/units", &json!({ "parent_id": home, "kind": "bureau", "name_en": NAME, "name_zh": "文化局" })).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    let unit = r.json()["id"].as_i64().expect("id");
    let r = app.json("POST", "/api/v1/events", &event(unit, None)).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    (unit, r.json()["id"].as_i64().expect("id"))
}

fn event(unit: i64, capacity: Option<i64>) -> Value {
    json!({ "kind": "festival", "title_en": "Culture Week", "title_zh": "文化周", "starts_at": "2024-09-01T09:00",
            "ends_at": "2024-09-07T17:00", "time_zone": "Asia/Shanghai", "organiser_unit_id": unit, "status": "confirmed",
            "capacity": capacity })
}

async fn archive(app: &TestApp, unit: i64, archived: bool) -> crate::support::Resp {
    let version = app.get(&format!("/api/v1/units/{unit}")).await.json()["version"].clone();
    app.json("POST", &format!("/api/v1/units/{unit}/archive"), &json!({ "archived": archived, "version": version })).await
}

/// Whether a page offers the bureau in a select.
fn offers(body: &str) -> bool {
    body.contains(&format!(">{NAME}</option>"))
}

#[tokio::test]
async fn an_archived_unit_leaves_every_picker_but_stays_on_the_records_that_name_it() {
    for app in apps(true).await {
        let (unit, event_id) = bureau_with_event(&app).await;
        let pickers = [
            "/partnerships",
            "/partnerships/new",
            "/activities",
            "/activities/new",
            "/events",
            "/events/new",
            "/event-series",
            "/delegations",
            "/delegations/new",
            "/admin/users/new",
            "/calendar",
            "/coverage",
            "/units/new",
        ];
        for uri in pickers {
            assert!(offers(&app.get(uri).await.body), "{}: {uri} offers the active unit", app.name);
        }
        let r = archive(&app, unit, true).await;
        assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
        assert!(r.json()["archived_at"].is_string(), "{}: {}", app.name, r.body);
        for uri in pickers {
            let r = app.get(uri).await;
            assert_eq!(r.status, 200, "{}: {uri}", app.name);
            assert!(!offers(&r.body), "{}: {uri} still offers the archived unit", app.name);
        }
        // The records that name it still show it, and its event's form keeps it chosen.
        assert!(app.get(&format!("/events/{event_id}")).await.body.contains(NAME), "{}", app.name);
        assert!(app.get("/events").await.body.contains(NAME), "{}: the list names the organiser", app.name);
        let edit = app.get(&format!("/events/{event_id}/edit")).await.body;
        assert!(
            edit.contains(&format!("<option value=\"{unit}\" selected>{NAME}</option>")),
            "{}: the event keeps its organiser",
            app.name
        );
        assert_eq!(app.get(&format!("/api/v1/events/{event_id}")).await.json()["organiser_unit_id"], unit, "{}", app.name);
        // The units list shows it under "archived" only, in both languages.
        assert!(!app.get("/units").await.body.contains(NAME), "{}", app.name);
        let archived = app.get("/units?archived=1").await.body;
        assert!(archived.contains(NAME) && archived.contains("Archived units"), "{}", app.name);
        assert!(app.get_lang("/units?archived=1", "zh-CN").await.body.contains("已归档单位"), "{}", app.name);
        let active = app.get("/api/v1/units?archived=false").await.json();
        assert!(active["items"].as_array().expect("items").iter().all(|u| u["id"] != unit), "{}", app.name);
        assert_eq!(app.get("/api/v1/units?archived=true").await.json()["items"][0]["id"], unit, "{}", app.name);
        // Restored, it is offered again.
        assert_eq!(archive(&app, unit, false).await.status, 200, "{}", app.name);
        assert!(offers(&app.get("/events/new").await.body), "{}", app.name);
    }
}

#[tokio::test]
async fn a_unit_in_use_is_archived_not_deleted_and_an_unused_one_is_deleted() {
    for app in apps(true).await {
        let (unit, _) = bureau_with_event(&app).await;
        let r = app.json("DELETE", &format!("/api/v1/units/{unit}"), &json!({})).await;
        assert_eq!(r.status, 409, "{}: {}", app.name, r.body);
        assert_eq!(r.json()["error"]["fields"][0]["field"], "unit", "{}", app.name);
        let r = app.form(&format!("/units/{unit}/delete"), "").await;
        assert_eq!(r.status, 422, "{}: the edit page again, saying why", app.name);
        assert!(r.body.contains("Still in use") && r.body.contains("archive the others"), "{}: {}", app.name, r.body);
        let version = app.get(&format!("/api/v1/units/{unit}")).await.json()["version"].clone();
        let r = app.form(&format!("/units/{unit}/archive"), &format!("archived=true&version={version}")).await;
        assert_eq!((r.status.as_u16(), r.headers.get("location").and_then(|v| v.to_str().ok())), (303, Some("/units?archived=1")));
        let r = app.form(&format!("/units/{unit}/archive"), &format!("archived=false&version={version}")).await;
        assert_eq!(r.status, 422, "{}: a stale version", app.name);
        assert!(r.body.contains("Someone else changed this record"), "{}", app.name);
        let home = app.home_unit().await;
        let r = archive(&app, home, true).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["archived".to_string()]), "{}", app.name);
        let r = app.json("POST", "/api/v1/units", &json!({ "parent_id": home, "kind": "bureau", "name_en": "Short-lived Bureau" })).await;
        let unused = r.json()["id"].as_i64().expect("id");
        assert_eq!(app.json("DELETE", &format!("/api/v1/units/{unused}"), &json!({})).await.status, 204, "{}", app.name);
        assert_eq!(app.get(&format!("/api/v1/units/{unused}")).await.status, 404, "{}", app.name);
        let viewer = app.with_token(Some(app.user_token("viewer", "viewer", None).await));
        assert_eq!(archive(&viewer, unit, false).await.status, 403, "{}: only the office archives", app.name);
    }
}

#[tokio::test]
async fn units_and_registrations_are_listed_a_page_at_a_time() {
    for app in apps(true).await {
        let all = app.get("/api/v1/units").await.json();
        let total = all["total"].as_i64().expect("total");
        assert!(total > 2, "{}", app.name);
        let second = app.get("/api/v1/units?page=2&per_page=2").await.json();
        assert_eq!((second["page"].as_i64(), second["per_page"].as_i64(), second["total"].as_i64()), (Some(2), Some(2), Some(total)));
        assert_eq!(second["items"][0]["id"], all["items"][2]["id"], "{}", app.name);
        let r = app.get("/api/v1/units?per_page=many").await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["per_page".to_string()]), "{}", app.name);
        let r = app.get("/api/v1/units?archived=perhaps").await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["archived".to_string()]), "{}", app.name);

        let home = app.home_unit().await;
        let r = app.json("POST", "/api/v1/events", &event(home, Some(2))).await;
        let event_id = r.json()["id"].as_i64().expect("id");
        for name in ["Annabel Lee", "Bob Brown", "Cyrus Zed"] {
            let r = app.json("POST", &format!("/api/v1/events/{event_id}/registrations"), &json!({ "name": name })).await;
            assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        }
        let page = app.get(&format!("/api/v1/events/{event_id}/registrations?per_page=2&page=2")).await.json();
        assert_eq!((page["total"].as_i64(), page["items"].as_array().map(Vec::len)), (Some(3), Some(1)), "{}", app.name);
        assert_eq!((page["items"][0]["name"].as_str(), page["items"][0]["waiting_position"].as_i64()), (Some("Cyrus Zed"), Some(1)));
        let r = app.get(&format!("/api/v1/events/{event_id}/registrations?page=0x")).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["page".to_string()]), "{}", app.name);
        let html = app.get(&format!("/events/{event_id}/registrations?per_page=2")).await.body;
        assert!(html.contains("Annabel Lee") && !html.contains("Cyrus Zed") && html.contains("Page 1 of 2"), "{}", app.name);
        let html = app.get_lang(&format!("/events/{event_id}/registrations?per_page=2&page=2"), "zh-CN").await.body;
        assert!(html.contains("Cyrus Zed") && html.contains("第 2 页，共 2 页"), "{}", app.name);
    }
}
