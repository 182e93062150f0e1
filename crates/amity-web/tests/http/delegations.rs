//! Delegations through the API and the pages: the record and its lists, bad input naming the field
//! with nothing written, completing a visit logging one activity per partnership however often the
//! status is set, and budgets per currency (travel documents: `delegation_documents.rs`; the
//! printable pages, linked gifts, attention and history: `delegation_pages.rs`).

use axum::body::Body;
use axum::http::Request;
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use super::support::{TestApp, apps};

pub(super) fn day(n: i64) -> String {
    (Utc::now().date_naive() + Duration::days(n)).format("%Y-%m-%d").to_string()
}

pub(super) async fn partner(app: &TestApp, q: &str) -> i64 {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0]["id"].as_i64().expect("partnership")
}

pub(super) async fn delete(app: &TestApp, uri: &str) -> u16 {
    app.send(Request::delete(uri).body(Body::empty()).expect("req")).await.status.as_u16()
}

/// An inbound visit from Sacramento starting in `start` days, for three days.
pub(super) async fn body(app: &TestApp, start: i64) -> Value {
    json!({
        "direction": "inbound", "title": "Sacramento youth ambassadors", "purpose": "Youth ambassador programme",
        "partnership_ids": [partner(app, "sacramento").await], "owner_unit_id": app.home_unit().await,
        "starts_on": day(start), "ends_on": day(start + 2), "host": "Vice-mayor of Jinan", "fields": ["education"],
        "members": [
            { "name": "Jane Doe", "title": "Council member", "rank": "Council", "equivalent_post": "Deputy director, municipal people's congress", "organisation": "City of Sacramento", "role": "head" },
            { "name": "John Roe", "organisation": "Sacramento City Unified School District" }
        ],
        "transport": [{ "leg": "arrival", "mode": "flight", "number": "UA 857", "from_place": "San Francisco", "to_place": "Jinan", "arrives_at": format!("{}T15:40", day(start)) }],
        "accommodation": [{ "name": "Sofitel Jinan", "check_in": day(start), "check_out": day(start + 2) }],
        "interpreters": [{ "name": "Li Na", "languages": "Chinese–English" }],
        "itinerary": [{ "starts_at": format!("{}T09:30", day(start + 1)), "place": "Jinan Foreign Language School", "activity": "School visit", "host": "Principal", "responsible_unit_id": app.home_unit().await }]
    })
}

pub(super) async fn create(app: &TestApp, b: &Value) -> Value {
    let r = app.json("POST", "/api/v1/delegations", b).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()
}

/// The coverage matrix's count of done activities of `partnership` in `field` over the last 30 days.
pub(super) async fn coverage_cell(app: &TestApp, partnership: i64, field: &str) -> i64 {
    let m = app.get(&format!("/api/v1/coverage?from={}&to={}", day(-30), day(0))).await.json();
    let column = m["fields"].as_array().expect("fields").iter().position(|f| f["code"] == field).unwrap_or_else(|| panic!("{field}: {m}"));
    let row = m["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["partnership_id"] == partnership)
        .unwrap_or_else(|| panic!("{partnership}: {m}"));
    row["counts"][column].as_i64().expect("count")
}

pub(super) async fn status(app: &TestApp, id: i64, to: &str) -> (u16, Value) {
    let version = app.get(&format!("/api/v1/delegations/{id}")).await.json()["version"].clone();
    let r = app.json("POST", &format!("/api/v1/delegations/{id}/transitions"), &json!({ "status": to, "version": version })).await;
    (r.status.as_u16(), if r.body.is_empty() { Value::Null } else { r.json() })
}

#[tokio::test]
async fn a_delegation_is_created_read_filtered_edited_and_deleted_with_its_lists() {
    for app in apps(true).await {
        let d = create(&app, &body(&app, 30).await).await;
        let id = d["id"].as_i64().expect("id");
        assert_eq!((d["status"].as_str(), d["direction"].as_str()), (Some("proposed"), Some("inbound")), "{}", app.name);
        assert_eq!(d["members"][0]["equivalent_post"], "Deputy director, municipal people's congress");
        assert_eq!(d["members"][1]["role"], "member", "the role defaults to member");
        assert_eq!(d["transport"][0]["number"], "UA 857");
        assert_eq!(d["itinerary"][0]["activity"], "School visit");
        let year = &day(30)[..4];
        let listed = app.get(&format!("/api/v1/delegations?direction=inbound&year={year}&country=US")).await.json();
        assert!(listed["items"].as_array().expect("items").iter().any(|x| x["id"] == id && x["members"] == 2), "{listed}");
        assert_eq!(app.get("/api/v1/delegations?direction=outbound&country=US").await.json()["total"], 0);

        let mut edit = body(&app, 30).await;
        edit["members"] = json!([{ "id": d["members"][0]["id"], "name": "Jane Doe", "role": "head" }]);
        edit["version"] = json!(1);
        let r = app.json("PUT", &format!("/api/v1/delegations/{id}"), &edit).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["members"][0]["id"], d["members"][0]["id"], "a member given by id is kept");
        assert_eq!(r.json()["members"].as_array().map(Vec::len), Some(1));
        assert_eq!(app.json("PUT", &format!("/api/v1/delegations/{id}"), &edit).await.status, 409, "stale version");
        edit["version"] = json!(2);
        edit["members"] = json!([{ "id": 999_999, "name": "Someone" }]);
        let r = app.json("PUT", &format!("/api/v1/delegations/{id}"), &edit).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["members[0].id".to_string()]));

        assert_eq!(delete(&app, &format!("/api/v1/delegations/{id}")).await, 204);
        assert_eq!(app.get(&format!("/api/v1/delegations/{id}")).await.status, 404);
        let audit = app.get(&format!("/api/v1/audit?entity=delegation&entity_id={id}")).await.json();
        assert_eq!(audit["total"], 3, "create, update, delete audited on {}", app.name);
    }
}

#[tokio::test]
async fn bad_input_names_each_field_and_writes_nothing() {
    for app in apps(true).await {
        let before = app.get("/api/v1/delegations").await.json()["total"].clone();
        let mut b = body(&app, 10).await;
        b["ends_on"] = json!(day(9));
        let r = app.json("POST", "/api/v1/delegations", &b).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["ends_on".to_string()]), "{}", r.body);
        assert_eq!(r.json()["error"]["fields"][0]["code"], "end_before_start");

        let mut b = body(&app, 10).await;
        b["members"] = json!([{ "name": "A" }, { "name": "B" }, { "name": "  ", "title": "Interpreter" }]);
        b["itinerary"][0]["starts_at"] = json!(format!("{}T09:00", day(20)));
        let r = app.json("POST", "/api/v1/delegations", &b).await;
        assert_eq!(r.status, 422);
        assert_eq!(r.error_fields(), ["members[2].name", "itinerary[0].starts_at"], "{}", r.body);
        assert!(r.json()["error"]["fields"][1]["message"].as_str().is_some_and(|m| m.contains("within the visit")), "{}", r.body);

        let mut b = body(&app, 10).await;
        b["partnership_ids"] = json!([]);
        let r = app.json("POST", "/api/v1/delegations", &b).await;
        assert_eq!(r.error_fields(), ["countries"], "a partnership or a country is needed");
        assert_eq!(app.get("/api/v1/delegations").await.json()["total"], before, "nothing half-written on {}", app.name);

        // The form names the same fields and keeps what was typed.
        let home = app.home_unit().await;
        let form = format!(
            "direction=inbound&title=Form+visit&countries=US&owner_unit_id={home}&starts_on={}&ends_on={}\
             &members%5B0%5D.name=Jane&members%5B1%5D.name=&members%5B1%5D.title=Mayor&itinerary%5B0%5D.starts_at={}T10%3A00&itinerary%5B0%5D.activity=Dinner",
            day(10),
            day(11),
            day(15)
        );
        let r = app.form("/delegations", &form).await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert!(r.body.contains("Enter") || r.body.contains("required") || r.body.contains("within the visit"), "{}", r.body);
        assert!(r.body.contains("value=\"Mayor\""), "the typed row stays");
        assert_eq!(app.get("/api/v1/delegations").await.json()["total"], before);
    }
}

#[tokio::test]
async fn completing_a_visit_logs_one_activity_per_partnership_however_often_the_status_is_set() {
    for app in apps(true).await {
        let sac = partner(&app, "sacramento").await;
        let wak = partner(&app, "wakayama").await;
        let mut b = body(&app, -10).await;
        b["partnership_ids"] = json!([sac, wak]);
        let id = create(&app, &b).await["id"].as_i64().expect("id");
        let visits = |p: i64| format!("/api/v1/activities?partnership={p}&kind=inbound_visit");
        assert_eq!(app.get(&visits(sac)).await.json()["total"], 0);
        let before = [coverage_cell(&app, sac, "education").await, coverage_cell(&app, wak, "education").await];

        assert_eq!(status(&app, id, "completed").await.0, 200);
        assert_eq!(status(&app, id, "in_progress").await.0, 200, "one step back");
        assert_eq!(status(&app, id, "completed").await.0, 200, "completed again");
        let (code, err) = status(&app, id, "reported").await;
        assert_eq!((code, err["error"]["fields"][0]["field"].as_str()), (422, Some("report")), "a report is needed first");
        let (code, _) = status(&app, id, "cancelled").await;
        assert_eq!(code, 422, "a held visit cannot be cancelled");
        for p in [sac, wak] {
            let log = app.get(&visits(p)).await.json();
            assert_eq!(log["total"], 1, "one visit for partnership {p} on {}", app.name);
            assert_eq!(log["items"][0]["status"], "done");
            assert_eq!(log["items"][0]["fields"], json!(["education"]));
            assert_eq!(log["items"][0]["participants"], 2);
        }
        let logged = app.get(&format!("/api/v1/delegations/{id}/activities")).await.json();
        assert_eq!(logged["total"], 2);
        // The coverage matrix counts the visit once in the delegation's field, for each partnership.
        for (p, was) in [sac, wak].into_iter().zip(before) {
            assert_eq!(coverage_cell(&app, p, "education").await, was + 1, "partnership {p} × education on {}", app.name);
        }
        // Follow-up commitments hang off the logged visit.
        let aid = logged["items"][0]["id"].as_i64().expect("activity");
        let r = app
            .json("POST", &format!("/api/v1/activities/{aid}/commitments"), &json!({ "what": "Send the photo book", "due_on": day(20) }))
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let page = app.get(&format!("/delegations/{id}")).await.body;
        assert!(page.contains("Send the photo book"), "the delegation page shows the commitments");
    }
}

#[tokio::test]
async fn budgets_keep_minor_units_and_total_each_currency_apart() {
    for app in apps(true).await {
        let id = create(&app, &body(&app, 30).await).await["id"].as_i64().expect("id");
        let uri = format!("/api/v1/delegations/{id}/budget");
        for (cat, cur, planned, actual) in
            [("travel", "CNY", "12000.50", "11800"), ("meals", "CNY", "3000", ""), ("accommodation", "USD", "450.25", "")]
        {
            let r = app.json("POST", &uri, &json!({ "category": cat, "currency": cur, "planned": planned, "actual": actual })).await;
            assert_eq!(r.status, 201, "{}", r.body);
        }
        let b = app.get(&uri).await.json();
        assert_eq!(b["items"][0]["planned_minor"], 1_200_050);
        assert_eq!(
            b["totals"],
            json!([
                { "currency": "CNY", "planned_minor": 1_500_050, "actual_minor": 1_180_000, "planned": "15000.50", "actual": "11800.00" },
                { "currency": "USD", "planned_minor": 45_025, "actual_minor": 0, "planned": "450.25", "actual": "0.00" }
            ]),
            "{}",
            app.name
        );
        let r = app.json("POST", &uri, &json!({ "category": "travel", "currency": "CNY", "planned": "12.345" })).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["planned".to_string()]));
        let r = app.json("POST", &uri, &json!({ "category": "travel", "currency": "ABC", "planned": "1" })).await;
        assert_eq!(r.error_fields(), ["currency"]);
        let viewer = app.with_token(Some(app.user_token("b-viewer", "viewer", None).await));
        assert_eq!(viewer.get(&uri).await.status, 200, "viewers read the budget");
        assert_eq!(viewer.json("POST", &uri, &json!({ "category": "travel", "currency": "CNY", "planned": "1" })).await.status, 403);
        let line = b["items"][0]["id"].as_i64().expect("line");
        let r = app
            .json(
                "PUT",
                &format!("{uri}/{line}"),
                &json!({ "category": "travel", "currency": "CNY", "planned": "1", "actual": "1", "version": 1 }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(delete(&app, &format!("{uri}/{line}")).await, 204);
        assert_eq!(app.get(&uri).await.json()["items"].as_array().map(Vec::len), Some(2));
        let page = app.get(&format!("/delegations/{id}")).await.body;
        assert!(page.contains("3000.00") && page.contains("450.25"), "the page shows the lines");
    }
}
