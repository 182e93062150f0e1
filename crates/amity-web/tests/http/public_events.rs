//! The public events pages and API under `/p/` and `/api/v1/public/`: internal events do not
//! exist there, no registrant is shown, and public registration resists abuse — a filled honeypot
//! is answered as a success but stores nothing, submissions per address are limited (429),
//! oversized bodies are refused (413).

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, header};
use serde_json::{Value, json};

use super::support::{Resp, TestApp, apps};

async fn event(app: &TestApp, public: bool, capacity: i64) -> i64 {
    let unit = app.home_unit().await;
    let body = json!({ "kind": "festival", "title_en": "China-Africa Youth Festival", "title_zh": "中非青年节",
        "starts_at": "2030-09-01T10:00", "ends_at": "2030-09-01T18:00", "time_zone": "Asia/Shanghai", "venue": "Quancheng Square",
        "organiser_unit_id": unit, "capacity": capacity, "public": public, "status": "confirmed" });
    let r = app.json("POST", "/api/v1/events", &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["id"].as_i64().expect("id")
}

/// Posts the public form from a client address (the router sees it as the peer).
async fn post_form(app: &TestApp, id: i64, body: &str, from: &str) -> Resp {
    let mut req = Request::post(format!("/p/events/{id}/register"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .expect("request");
    req.extensions_mut().insert(ConnectInfo(format!("{from}:40000").parse::<SocketAddr>().expect("addr")));
    app.send(req).await
}

async fn registrations(app: &TestApp, id: i64) -> Vec<Value> {
    app.get(&format!("/api/v1/events/{id}/registrations")).await.json()["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn internal_events_are_not_reachable_under_p_and_pages_name_no_registrant() {
    for app in apps(true).await {
        let internal = event(&app, false, 10).await;
        let public = event(&app, true, 10).await;
        app.json("POST", &format!("/api/v1/events/{public}/registrations"), &json!({ "name": "Secret Guest", "email": "s@example.org" }))
            .await;
        let anon = app.with_token(None);
        assert_eq!(anon.get(&format!("/p/events/{internal}")).await.status, 404, "{}", app.name);
        assert_eq!(anon.get(&format!("/api/v1/public/events/{internal}")).await.status, 404);
        assert_eq!(post_form(&anon, internal, "name=A&email=a%40example.org", "203.0.113.1").await.status, 404);
        let list = anon.get("/api/v1/public/events?per_page=500").await.json();
        let ids: Vec<i64> = list["items"].as_array().expect("items").iter().filter_map(|e| e["id"].as_i64()).collect();
        assert!(ids.contains(&public) && !ids.contains(&internal), "{}", app.name);
        assert!(list["items"][0].get("organiser_unit_id").is_none() && list["items"][0].get("report_notes").is_none());
        let page = anon.get(&format!("/p/events/{public}")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("China-Africa Youth Festival") && !page.body.contains("Secret Guest"), "{}", app.name);
        let html = anon.get("/p/events").await.body;
        assert!(html.contains(&format!("/p/events/{public}")) && !html.contains(&format!("/p/events/{internal}\"")), "{}", app.name);
        assert_eq!(anon.get(&format!("/events/{public}")).await.status.as_u16(), 303, "staff pages need a sign-in");
    }
}

#[tokio::test]
async fn a_public_registration_gets_a_confirmation_with_its_reference_and_waiting_place() {
    for app in apps(true).await {
        let id = event(&app, true, 1).await;
        let anon = app.with_token(None);
        let first = post_form(&anon, id, "name=Amina+Diallo&email=amina%40example.org&country_code=SN", "198.51.100.7").await;
        assert_eq!(first.status, 200, "{}", first.body);
        assert!(first.body.contains("Registration received") && first.body.contains("EV-"), "{}", app.name);
        let second = post_form(&anon, id, "name=Kofi+Mensah&email=kofi%40example.org&country_code=GH", "198.51.100.8").await;
        assert!(second.body.contains("waiting list, place 1"), "{}", app.name);
        assert!(!second.body.contains("Amina"), "the confirmation names nobody else");
        let stored = registrations(&app, id).await;
        assert_eq!(stored.len(), 2);
        assert!(stored.iter().all(|r| r["source"] == "public"), "{}", app.name);
        let bad = post_form(&anon, id, "name=X&email=not-an-address", "198.51.100.9").await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("Enter an e-mail address"), "{}", app.name);
    }
}

#[tokio::test]
async fn a_filled_honeypot_pretends_success_but_stores_nothing() {
    for app in apps(true).await {
        let id = event(&app, true, 10).await;
        let anon = app.with_token(None);
        let r = post_form(&anon, id, "name=Bot&email=bot%40example.org&website=http%3A%2F%2Fspam.example", "192.0.2.50").await;
        assert_eq!(r.status, 200, "{}", app.name);
        assert!(r.body.contains("Registration received"), "{}", app.name);
        assert!(registrations(&app, id).await.is_empty(), "nothing stored on {}", app.name);
        let api = anon
            .json(
                "POST",
                &format!("/api/v1/public/events/{id}/registrations"),
                &json!({ "name": "Bot", "email": "b@example.org", "website": "x" }),
            )
            .await;
        assert_eq!(api.status, 201);
        assert!(registrations(&app, id).await.is_empty(), "nothing stored through the API either");
    }
}

#[tokio::test]
async fn too_many_submissions_from_one_address_are_refused_with_429() {
    for app in apps(true).await {
        let id = event(&app, true, 100).await;
        let anon = app.with_token(None);
        for i in 0..amity_core::event::PUBLIC_FORM_LIMIT {
            let r = post_form(&anon, id, &format!("name=P{i}&email=p{i}%40example.org"), "203.0.113.77").await;
            assert_eq!(r.status, 200, "{i}: {}", r.body);
        }
        let limited = post_form(&anon, id, "name=Again&email=again%40example.org", "203.0.113.77").await;
        assert_eq!(limited.status, 429, "{}", app.name);
        assert!(limited.body.contains("Too many submissions"), "{}", app.name);
        assert_eq!(limited.headers[header::RETRY_AFTER], "3600", "the page says when to try again ({})", app.name);
        let mut req = Request::post(format!("/api/v1/public/events/{id}/registrations"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({ "name": "Again", "email": "again@example.org" }).to_string()))
            .expect("request");
        req.extensions_mut().insert(ConnectInfo("203.0.113.77:40000".parse::<SocketAddr>().expect("addr")));
        let api = anon.send(req).await;
        assert_eq!(api.status, 429, "{}", app.name);
        assert_eq!(api.headers[header::RETRY_AFTER], "3600", "the API too ({})", app.name);
        assert_eq!(api.json()["error"]["code"], "too_many_requests", "{}", app.name);
        assert_eq!(post_form(&anon, id, "name=Other&email=o%40example.org", "203.0.113.78").await.status, 200, "another address");
        assert_eq!(registrations(&app, id).await.len() as i64, amity_core::event::PUBLIC_FORM_LIMIT + 1);
    }
}

#[tokio::test]
async fn oversized_public_bodies_are_refused_with_413() {
    for app in apps(true).await {
        let id = event(&app, true, 10).await;
        let anon = app.with_token(None);
        let big = format!("name={}&email=a%40example.org", "A".repeat(40 * 1024));
        assert_eq!(post_form(&anon, id, &big, "203.0.113.90").await.status, 413, "{}", app.name);
        let api = anon
            .raw(
                "POST",
                &format!("/api/v1/public/events/{id}/registrations"),
                "application/json",
                json!({ "name": "A".repeat(40 * 1024) }).to_string(),
            )
            .await;
        assert_eq!(api.status, 413);
        let long_name = format!("name={}&email=a%40example.org", "A".repeat(300));
        let r = post_form(&anon, id, &long_name, "203.0.113.91").await;
        assert_eq!(r.status, 422, "a field over its limit names it");
        assert!(registrations(&app, id).await.is_empty());
    }
}
