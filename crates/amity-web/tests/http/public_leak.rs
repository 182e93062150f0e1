//! Nothing internal reaches the public. A database is filled with internal records whose free-text
//! columns all carry a marker (a unit, a partnership and its contact, agreement, activity and
//! commitment, a gift, a series, an internal event and a public one still at the idea stage, a
//! delegation with every list, a travel document and budget lines, registrants and budget lines of
//! the published event, a country group, an account); then every route the registry marks public —
//! API, pages and feeds — is walked in English and Chinese with its path parameters filled by the
//! ids of those records, and no answer contains the marker. The published event carries no marker
//! and must appear, so the walk is not vacuous.

use axum::body::Body;
use axum::http::{Method, Request, header};
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use super::support::{Resp, TestApp, apps};
use amity_web::routes::{Permission, build};

/// The marker, in Latin letters and in Chinese, put in every free-text column of internal data.
const MARK: &str = "Qz7LeakMark";
const MARK_ZH: &str = "泄密标记";

fn m(what: &str) -> String {
    format!("{MARK} {what} {MARK_ZH}")
}

fn day(n: i64) -> String {
    (Utc::now().date_naive() + Duration::days(n)).format("%Y-%m-%d").to_string()
}

async fn created(app: &TestApp, uri: &str, body: Value) -> Value {
    let r = app.json("POST", uri, &body).await;
    assert_eq!(r.status, 201, "{}: POST {uri}: {}", app.name, r.body);
    r.json()
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

/// The published event's titles: the public must see it.
const PUBLISHED: &str = "Spring Lantern Evening";
const PUBLISHED_ZH: &str = "春季灯会";

/// Fills the database; answers the ids of the marked records and of the published event.
async fn seed(app: &TestApp) -> (Vec<i64>, i64) {
    let home = app.home_unit().await;
    let unit =
        created(app, "/api/v1/units", json!({ "parent_id": home, "kind": "bureau", "name_en": m("Bureau"), "name_zh": m("局") })).await;
    let unit = id(&unit);
    let p = created(
        app,
        "/api/v1/partnerships",
        json!({ "home_unit_id": unit, "city_name_en": m("Town"), "city_name_zh": m("镇"),
        "city_name_native": m("Ville"), "country": "FR", "lat": 45.0, "lon": 3.0, "kind": "sister_city", "status": "active",
        "established": "2020", "established_basis": m("basis"), "notes": m("notes") }),
    )
    .await;
    let p = id(&p);
    let contact = created(
        app,
        &format!("/api/v1/partnerships/{p}/contacts"),
        json!({ "side": "partner", "name_native": m("name"),
        "name_romanised": m("romanised"), "title": m("title"), "organisation": m("org"), "email": "leak@example.org",
        "phone": "+33 1 23 45 67 89", "notes": m("notes") }),
    )
    .await;
    let agreement = created(
        app,
        &format!("/api/v1/partnerships/{p}/agreements"),
        json!({ "kind": "mou", "title": m("MoU"),
        "signatories": [{ "name": m("signatory"), "office": m("office"), "side": "partner" }], "signed_on": "2021",
        "signed_place": m("place"), "notes": m("notes") }),
    )
    .await;
    let activity = created(
        app,
        "/api/v1/activities",
        json!({ "kind": "inbound_visit", "title": m("visit"), "start_on": day(-20),
        "status": "done", "owner_unit_id": unit, "partnership_ids": [p], "summary": m("summary"), "outcome": m("outcome"),
        "commitments": [{ "what": m("what"), "who": m("who"), "due_on": day(10) }] }),
    )
    .await;
    let gift = created(
        app,
        "/api/v1/gifts",
        json!({ "direction": "received", "given_on": "2024", "partnership_id": p,
        "occasion": m("occasion"), "description": m("vase"), "giver": m("giver"), "recipient": m("recipient"),
        "kept_at": m("kept"), "disclosure": "pending", "notes": m("notes") }),
    )
    .await;
    let series = created(
        app,
        "/api/v1/event-series",
        json!({ "name_en": m("Series"), "name_zh": m("系列"),
        "description": m("description"), "owner_unit_id": unit }),
    )
    .await;
    let event = |title: String, public: bool, status: &str, series: Option<i64>, marked: bool| {
        let text = |s: &str| if marked { m(s) } else { String::new() };
        let mut b = json!({ "kind": "festival", "title_en": title, "title_zh": if marked { m("活动") } else { PUBLISHED_ZH.into() },
            "description": text("description"), "venue": text("venue"), "time_zone": "Asia/Shanghai",
            "organiser_unit_id": if marked { unit } else { home }, "public": public, "status": status, "series_id": series,
            "capacity": 50 });
        if marked {
            b["co_organiser_names"] = json!([m("co-organiser")]);
            b["invited_partnership_ids"] = json!([p]);
        }
        if status == "idea" {
            b["planned_on"] = json!(day(60)[..7]);
        } else {
            b["starts_at"] = json!(format!("{}T18:00", day(30)));
            b["ends_at"] = json!(format!("{}T21:00", day(30)));
        }
        b
    };
    let internal = created(app, "/api/v1/events", event(m("internal event"), false, "confirmed", Some(id(&series)), true)).await;
    let idea = created(app, "/api/v1/events", event(m("idea event"), true, "idea", Some(id(&series)), true)).await;
    let published = created(app, "/api/v1/events", event(PUBLISHED.into(), true, "confirmed", None, false)).await;
    let published = id(&published);
    let mut ids = vec![unit, p, id(&contact), id(&agreement), id(&activity), id(&gift), id(&series), id(&internal), id(&idea)];
    for e in [id(&internal), published] {
        let reg = created(
            app,
            &format!("/api/v1/events/{e}/registrations"),
            json!({ "name": m("guest"), "name_zh": m("嘉宾"),
            "organisation": m("org"), "role": m("role"), "arrival": format!("{}T10:00", day(29)), "departure": day(31),
            "accommodation": m("hotel"), "dietary": m("diet"), "email": "guest@example.org", "notes": m("notes") }),
        )
        .await;
        let line = created(
            app,
            &format!("/api/v1/events/{e}/budget"),
            json!({ "category": "venue", "description": m("budget"),
            "currency": "CNY", "planned": "1000" }),
        )
        .await;
        ids.extend([id(&reg), id(&line)]);
    }
    let d = created(
        app,
        "/api/v1/delegations",
        json!({ "direction": "inbound", "title": m("delegation"), "purpose": m("purpose"),
        "partnership_ids": [p], "owner_unit_id": unit, "starts_on": day(40), "ends_on": day(42), "host": m("host"),
        "approval_document": m("approval"), "approval_number": m("number"), "report": m("report"), "notes": m("notes"),
        "members": [{ "name": m("member"), "name_native": m("native"), "title": m("title"), "rank": m("rank"),
            "equivalent_post": m("post"), "organisation": m("org"), "role": "head" }],
        "transport": [{ "leg": "arrival", "mode": "flight", "number": m("flight"), "from_place": m("from"), "to_place": m("to"),
            "arrives_at": format!("{}T15:40", day(40)), "notes": m("notes") }],
        "accommodation": [{ "name": m("hotel"), "address": m("address"), "check_in": day(40), "check_out": day(42), "notes": m("notes") }],
        "interpreters": [{ "name": m("interpreter"), "languages": m("languages"), "organisation": m("org"), "phone": "+86 531 5555 0100" }],
        "itinerary": [{ "starts_at": format!("{}T09:30", day(41)), "place": m("place"), "activity": m("activity"), "host": m("host") }] }),
    )
    .await;
    let did = id(&d);
    let member = d["members"][0]["id"].as_i64().expect("member");
    let doc = created(
        app,
        &format!("/api/v1/delegations/{did}/travel-documents"),
        json!({ "member_id": member, "kind": "passport",
        "number": m("passport"), "country": "US", "valid_until": day(900) }),
    )
    .await;
    let line = created(
        app,
        &format!("/api/v1/delegations/{did}/budget"),
        json!({ "category": "travel", "description": m("budget"),
        "currency": "CNY", "planned": "500" }),
    )
    .await;
    let group = created(
        app,
        "/api/v1/country-groups",
        json!({ "code": "leak-check", "name_en": m("group"), "name_zh": m("组"),
        "source_note": m("source"), "members": ["FR"] }),
    )
    .await;
    let user = created(
        app,
        "/api/v1/users",
        json!({ "username": "leaky", "display_name": m("person"), "role": "viewer",
        "password": "a long test password" }),
    )
    .await;
    ids.extend([did, member, id(&doc), id(&line), id(&group), id(&user["user"])]);
    (ids, published)
}

/// Every public route with its parameters filled by each id (a route without parameters once).
fn public_requests(ids: &[i64]) -> Vec<(Method, String)> {
    let (_, _, table) = build();
    let mut out = Vec::new();
    for r in table.iter().filter(|r| r.permission == Permission::Public) {
        if !r.path.contains('{') {
            out.push((r.method.clone(), r.path.clone()));
            continue;
        }
        for id in ids {
            // Split on the braces: the odd pieces are parameter names, and every parameter gets the id.
            let path: String = r
                .path
                .split(['{', '}'])
                .enumerate()
                .map(|(i, piece)| if i % 2 == 1 { id.to_string() } else { piece.to_string() })
                .collect();
            out.push((r.method.clone(), path));
        }
    }
    out
}

async fn ask(anon: &TestApp, method: &Method, path: &str, lang: &str) -> Resp {
    let api = path.starts_with("/api/");
    let req = if *method == Method::GET {
        Request::get(format!("{path}?per_page=500")).header(header::ACCEPT_LANGUAGE, lang).body(Body::empty())
    } else if api {
        let body = json!({ "name": "A Visitor", "email": "visitor@example.org" }).to_string();
        Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::ACCEPT_LANGUAGE, lang)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
    } else {
        let body = "name=A+Visitor&email=visitor%40example.org&username=nobody&password=wrong+password";
        Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::ACCEPT_LANGUAGE, lang)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
    };
    anon.send(req.expect("request")).await
}

/// The answer as a reader (or a calendar program) sees it: iCalendar lines unfolded.
fn seen(r: &Resp) -> String {
    let headers: Vec<String> = r.headers.values().filter_map(|v| v.to_str().ok()).map(str::to_string).collect();
    format!("{}\n{}", headers.join("\n"), r.body.replace("\r\n ", "").replace("\r\n\t", ""))
}

#[tokio::test]
async fn no_public_route_shows_internal_data_in_either_language_and_the_published_event_is_shown() {
    for app in apps(true).await {
        let (ids, published) = seed(&app).await;
        // The marked data is there for staff, so its absence below means something.
        let internal = app.get(&format!("/api/v1/events/{}", ids[7])).await;
        assert!(internal.body.contains(MARK), "{}: {}", app.name, internal.body);
        let anon = app.with_token(None);
        let mut all = ids.clone();
        all.push(published);
        let mut shown_published = Vec::new();
        let requests = public_requests(&all);
        // Thirteen public routes today, seven of them with an id: well over a hundred requests.
        assert!(requests.len() > 100, "{} requests", requests.len());
        for (method, path) in requests {
            for lang in ["en", "zh-CN"] {
                let r = ask(&anon, &method, &path, lang).await;
                assert!(r.status.as_u16() < 500, "{}: {method} {path} ({lang}) answered {}", app.name, r.status);
                let text = seen(&r);
                assert!(
                    !text.contains(MARK) && !text.contains(MARK_ZH),
                    "{}: {method} {path} ({lang}) shows internal data: {text}",
                    app.name
                );
                if text.contains(PUBLISHED) || text.contains(PUBLISHED_ZH) {
                    shown_published.push(format!("{method} {path} {lang}"));
                }
            }
        }
        let page = format!("/p/events/{published}");
        for must in ["/p/events", "/api/v1/public/events", "/p/calendar.ics", page.as_str()] {
            for lang in ["en", "zh-CN"] {
                let seen_there = format!("GET {must} {lang}");
                assert!(
                    shown_published.contains(&seen_there),
                    "{}: the published event is missing from {seen_there}: {shown_published:?}",
                    app.name
                );
            }
        }
    }
}
