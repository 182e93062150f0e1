//! Unit scopes: a unit editor of a unit below the home city writes the records and personal data
//! of their unit and its sub-units, and nothing of another unit; every refusal is audited. (The
//! authorisation matrix, `matrix.rs`, checks what each route admits; this checks what the services
//! then refuse.)

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};

use super::support::{Resp, TestApp, apps};

async fn send(app: &TestApp, method: &str, uri: &str, body: Option<&Value>) -> Resp {
    match body {
        Some(b) => app.json(method, uri, b).await,
        None => app.send(Request::builder().method(method).uri(uri).body(Body::empty()).expect("request")).await,
    }
}

fn id_of(r: &Resp) -> i64 {
    r.json()["id"].as_i64().unwrap_or_else(|| panic!("an id in {}", r.body))
}

/// A record as its GET returns it, with one text field changed and its empty (null) fields left
/// out (some inputs take only text there): a PUT body.
async fn edited(app: &TestApp, uri: &str, field: &str) -> Value {
    let mut b = app.get(uri).await.json();
    drop_nulls(&mut b);
    b[field] = json!("changed by a unit editor");
    b
}

fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.retain(|_, v| !v.is_null());
            o.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// A partnership's PUT body: its GET body names the city as a nested record, the PUT by id or by hand.
async fn edited_partnership(app: &TestApp, uri: &str) -> Value {
    let mut b = edited(app, uri, "notes").await;
    let city = b["city"].clone();
    match city["geonameid"].as_i64() {
        Some(id) => b["city_id"] = json!(id),
        None => {
            for (to, from) in [("city_name_en", "name_en"), ("country", "country"), ("lat", "lat"), ("lon", "lon")] {
                b[to] = city[from].clone();
            }
        }
    }
    b
}

fn delegation(unit: i64, partnership: i64) -> Value {
    json!({ "direction": "inbound", "title": "Youth ambassadors", "purpose": "Youth exchange", "partnership_ids": [partnership],
        "owner_unit_id": unit, "starts_on": "2031-05-01", "ends_on": "2031-05-03", "host": "Vice-mayor",
        "members": [{ "name": "Jane Doe", "organisation": "City council", "role": "head" }] })
}

fn event(unit: i64) -> Value {
    json!({ "kind": "forum", "title_en": "Sister city forum", "title_zh": "友城论坛", "starts_at": "2031-06-10T09:00",
        "ends_at": "2031-06-10T17:30", "time_zone": "Asia/Shanghai", "venue": "Jinan", "organiser_unit_id": unit,
        "invited_partnership_ids": [], "capacity": 20, "public": false, "status": "confirmed" })
}

/// An event's PUT body: its GET body gives the times as UTC instants, the PUT takes the wall time.
async fn edited_event(app: &TestApp, uri: &str, unit: i64) -> Value {
    let mut b = event(unit);
    b["version"] = app.get(uri).await.json()["version"].clone();
    b["venue"] = json!("changed by a unit editor");
    b
}

fn activity(unit: i64, partnership: i64) -> Value {
    json!({ "kind": "meeting", "title": "Talks", "start_on": "2024-03-01", "status": "done", "owner_unit_id": unit, "partnership_ids": [partnership] })
}

fn contact() -> Value {
    json!({ "side": "partner", "name_romanised": "Jane Roe", "title": "Director" })
}

fn gift(partnership: i64) -> Value {
    json!({ "direction": "given", "given_on": "2024-10-08", "partnership_id": partnership, "occasion": "Visit",
        "description": "Porcelain vase", "giver": "Mayor", "recipient": "Mayor", "disclosure": "not_required" })
}

fn registration() -> Value {
    json!({ "kind": "person", "name": "Ann", "country_code": "US", "party_size": 1 })
}

fn agreement() -> Value {
    json!({ "kind": "mou", "title": "Memorandum on youth exchanges", "signed_on": "2024-05-01" })
}

/// The home city's unit, a bureau under it, an office under the bureau, and an editor of the bureau.
struct Scope {
    home: i64,
    bureau: i64,
    office: i64,
    editor: TestApp,
}

async fn scope(admin: &TestApp) -> Scope {
    let home = admin.home_unit().await;
    let unit = |parent: i64, name: &str| json!({ "parent_id": parent, "kind": "bureau", "name_en": name, "name_zh": "测试局" });
    let r = admin.json("POST", "/api/v1/units", &unit(home, "Bureau of Commerce")).await;
    assert_eq!(r.status, 201, "{}: {}", admin.name, r.body);
    let bureau = id_of(&r);
    let office = id_of(&admin.json("POST", "/api/v1/units", &unit(bureau, "Trade Promotion Office")).await);
    let editor = admin.with_token(Some(admin.user_token("unit_editor", "unit_editor", Some(bureau)).await));
    Scope { home, bureau, office, editor }
}

async fn refused_writes(admin: &TestApp) -> i64 {
    admin.get("/api/v1/audit?action=refused&actor=unit_editor").await.json()["total"].as_i64().expect("total")
}

#[tokio::test]
async fn a_unit_editor_of_a_sub_unit_cannot_change_the_home_citys_records_and_each_refusal_is_audited() {
    for admin in apps(true).await {
        let Scope { home, editor, .. } = scope(&admin).await;
        let sac = admin.get("/api/v1/partnerships?q=sacramento").await.json()["items"][0].clone();
        assert_eq!(sac["home_unit_id"], home, "the demo's Sacramento is the home city's on {}", admin.name);
        let sac = sac["id"].as_i64().expect("id");
        let d = admin.json("POST", "/api/v1/delegations", &delegation(home, sac)).await;
        assert_eq!(d.status, 201, "{}: {}", admin.name, d.body);
        let (d, member) = (id_of(&d), d.json()["members"][0]["id"].clone());
        let e = id_of(&admin.json("POST", "/api/v1/events", &event(home)).await);
        let a = id_of(&admin.json("POST", "/api/v1/activities", &activity(home, sac)).await);
        let c = id_of(&admin.json("POST", &format!("/api/v1/partnerships/{sac}/contacts"), &contact()).await);
        let g = id_of(&admin.json("POST", "/api/v1/gifts", &gift(sac)).await);
        let london = json!({ "home_unit_id": home, "city_id": 2643743, "kind": "sister_city", "status": "prospect" });

        let writes = [
            ("PUT", format!("/api/v1/partnerships/{sac}"), Some(edited_partnership(&admin, &format!("/api/v1/partnerships/{sac}")).await)),
            ("DELETE", format!("/api/v1/partnerships/{sac}"), None),
            ("POST", "/api/v1/partnerships".to_string(), Some(london)),
            ("POST", format!("/api/v1/partnerships/{sac}/agreements"), Some(agreement())),
            ("POST", format!("/api/v1/partnerships/{sac}/contacts"), Some(contact())),
            ("PUT", format!("/api/v1/contacts/{c}"), Some(contact())),
            ("POST", "/api/v1/gifts".to_string(), Some(gift(sac))),
            ("PUT", format!("/api/v1/gifts/{g}"), Some(edited(&admin, &format!("/api/v1/gifts/{g}"), "occasion").await)),
            ("POST", "/api/v1/delegations".to_string(), Some(delegation(home, sac))),
            ("PUT", format!("/api/v1/delegations/{d}"), Some(edited(&admin, &format!("/api/v1/delegations/{d}"), "title").await)),
            ("DELETE", format!("/api/v1/delegations/{d}"), None),
            (
                "POST",
                format!("/api/v1/delegations/{d}/travel-documents"),
                Some(json!({ "member_id": member, "kind": "visa", "valid_until": "2031-12-31" })),
            ),
            ("POST", "/api/v1/events".to_string(), Some(event(home))),
            ("PUT", format!("/api/v1/events/{e}"), Some(edited_event(&admin, &format!("/api/v1/events/{e}"), home).await)),
            ("POST", format!("/api/v1/events/{e}/registrations"), Some(registration())),
            ("POST", "/api/v1/activities".to_string(), Some(activity(home, sac))),
            ("PUT", format!("/api/v1/activities/{a}"), Some(edited(&admin, &format!("/api/v1/activities/{a}"), "title").await)),
        ];
        for (method, uri, body) in &writes {
            let r = send(&editor, method, uri, body.as_ref()).await;
            assert_eq!(r.status, 403, "{method} {uri} by an editor of another unit on {}: {}", admin.name, r.body);
        }
        let page = editor.form(&format!("/partnerships/{sac}/delete"), "").await;
        assert_eq!(page.status, 403, "the form is refused as the API is, on {}", admin.name);

        assert_eq!(editor.get(&format!("/api/v1/partnerships/{sac}")).await.status, 200, "reading stays open on {}", admin.name);
        let docs = editor.get(&format!("/api/v1/delegations/{d}/travel-documents")).await;
        assert_eq!(docs.status, 403, "another unit's travel documents on {}", admin.name);
        assert_eq!(
            admin.get(&format!("/api/v1/delegations/{d}")).await.json()["title"],
            "Youth ambassadors",
            "unchanged on {}",
            admin.name
        );
        assert_eq!(admin.get(&format!("/api/v1/partnerships/{sac}")).await.status, 200, "not deleted on {}", admin.name);
        assert_eq!(refused_writes(&admin).await, writes.len() as i64 + 1, "every refusal is audited on {}", admin.name);
    }
}

#[tokio::test]
async fn a_unit_editor_of_a_sub_unit_changes_records_of_their_unit_and_of_its_sub_units() {
    for admin in apps(true).await {
        let Scope { bureau, office, editor, .. } = scope(&admin).await;
        for unit in [bureau, office] {
            let at = format!("unit {unit} on {}", admin.name);
            let town = json!({ "home_unit_id": unit, "city_name_en": format!("Town {unit}"), "country": "NZ", "lat": -41.2, "lon": 174.7,
                "kind": "sister_city", "status": "active", "established": "2024" });
            let p = editor.json("POST", "/api/v1/partnerships", &town).await;
            assert_eq!(p.status, 201, "{at}: {}", p.body);
            let p = id_of(&p);
            let uri = format!("/api/v1/partnerships/{p}");
            let r = editor.json("PUT", &uri, &edited_partnership(&editor, &uri).await).await;
            assert_eq!(r.status, 200, "{at}: {}", r.body);
            for (uri, body) in [
                (format!("{uri}/agreements"), agreement()),
                (format!("{uri}/contacts"), contact()),
                ("/api/v1/gifts".to_string(), gift(p)),
                ("/api/v1/activities".to_string(), activity(unit, p)),
            ] {
                let r = editor.json("POST", &uri, &body).await;
                assert_eq!(r.status, 201, "POST {uri} for {at}: {}", r.body);
            }

            let d = editor.json("POST", "/api/v1/delegations", &delegation(unit, p)).await;
            assert_eq!(d.status, 201, "{at}: {}", d.body);
            let (d, member) = (id_of(&d), d.json()["members"][0]["id"].clone());
            let uri = format!("/api/v1/delegations/{d}");
            let r = editor.json("PUT", &uri, &edited(&editor, &uri, "title").await).await;
            assert_eq!(r.status, 200, "{at}: {}", r.body);
            let doc = json!({ "member_id": member, "kind": "visa", "valid_until": "2031-12-31" });
            assert_eq!(editor.json("POST", &format!("{uri}/travel-documents"), &doc).await.status, 201, "{at}");
            assert_eq!(editor.get(&format!("{uri}/travel-documents")).await.json()["total"], 1, "{at}");

            let e = editor.json("POST", "/api/v1/events", &event(unit)).await;
            assert_eq!(e.status, 201, "{at}: {}", e.body);
            let uri = format!("/api/v1/events/{}", id_of(&e));
            let r = editor.json("PUT", &uri, &edited_event(&editor, &uri, unit).await).await;
            assert_eq!(r.status, 200, "{at}: {}", r.body);
            assert_eq!(editor.json("POST", &format!("{uri}/registrations"), &registration()).await.status, 201, "{at}");
        }
        assert_eq!(refused_writes(&admin).await, 0, "nothing of their own was refused on {}", admin.name);
    }
}

#[tokio::test]
async fn a_unit_editor_is_refused_the_edit_forms_of_another_units_records_and_opens_their_own() {
    for admin in apps(true).await {
        let Scope { home, bureau, editor, .. } = scope(&admin).await;
        let mut forms = Vec::new();
        for unit in [home, bureau] {
            let town = json!({ "home_unit_id": unit, "city_name_en": format!("Town {unit}"), "country": "NZ", "lat": -41.2, "lon": 174.7,
                "kind": "sister_city", "status": "active", "established": "2024" });
            let p = id_of(&admin.json("POST", "/api/v1/partnerships", &town).await);
            let agreement = id_of(&admin.json("POST", &format!("/api/v1/partnerships/{p}/agreements"), &agreement()).await);
            let contact = id_of(&admin.json("POST", &format!("/api/v1/partnerships/{p}/contacts"), &contact()).await);
            let gift = id_of(&admin.json("POST", "/api/v1/gifts", &gift(p)).await);
            let activity = id_of(&admin.json("POST", "/api/v1/activities", &activity(unit, p)).await);
            let delegation = id_of(&admin.json("POST", "/api/v1/delegations", &delegation(unit, p)).await);
            let event = id_of(&admin.json("POST", "/api/v1/events", &event(unit)).await);
            let registration = id_of(&admin.json("POST", &format!("/api/v1/events/{event}/registrations"), &registration()).await);
            let series = json!({ "name_en": format!("Series {unit}"), "name_zh": "系列", "owner_unit_id": unit });
            let series = id_of(&admin.json("POST", "/api/v1/event-series", &series).await);
            forms.push((
                unit,
                [
                    format!("/partnerships/{p}/edit"),
                    format!("/agreements/{agreement}/edit"),
                    format!("/contacts/{contact}/edit"),
                    format!("/gifts/{gift}/edit"),
                    format!("/activities/{activity}/edit"),
                    format!("/delegations/{delegation}/edit"),
                    format!("/events/{event}/edit"),
                    format!("/registrations/{registration}/edit"),
                    format!("/event-series/{series}/edit"),
                ],
            ));
        }
        for (unit, uris) in forms {
            let expected = if unit == home { 403 } else { 200 };
            for uri in uris {
                let r = editor.get(&uri).await;
                assert_eq!(r.status, expected, "GET {uri} (unit {unit}) by the bureau's editor on {}", admin.name);
                assert_eq!(admin.get(&uri).await.status, 200, "GET {uri} by an admin on {}", admin.name);
            }
        }
    }
}
