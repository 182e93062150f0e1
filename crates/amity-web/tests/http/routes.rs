//! The route registry: every API route is in the OpenAPI document, and every route answers.

use super::support::apps;
use amity_web::routes::{Permission, build};

#[tokio::test]
async fn openapi_document_lists_every_api_route_and_no_other() {
    let (_, doc, table) = build();
    let doc = serde_json::to_value(&doc).expect("json");
    let api: Vec<_> = table.iter().filter(|r| r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json").collect();
    assert!(api.len() >= 15, "{} API routes", api.len());
    for r in &api {
        let op = &doc["paths"][&r.path][r.method.as_str().to_ascii_lowercase()];
        assert!(op.is_object(), "{} {} missing from the OpenAPI document", r.method, r.path);
    }
    let documented: usize = doc["paths"].as_object().expect("paths").values().map(|p| p.as_object().map_or(0, |o| o.len())).sum();
    assert_eq!(documented, api.len(), "the document has operations that are not routes");
    for app in apps(false).await {
        let served = app.get("/api/v1/openapi.json").await;
        assert_eq!(served.status, 200, "{}", app.name);
        assert_eq!(served.json()["paths"], doc["paths"], "{}", app.name);
    }
}

#[tokio::test]
async fn every_route_declares_a_permission_and_public_routes_are_few() {
    let (_, _, table) = build();
    let public: Vec<_> = table.iter().filter(|r| r.permission == Permission::Public).map(|r| r.path.as_str()).collect();
    // The public portal's events (pages and JSON) are public by design; see tests/http/public_events.rs.
    let portal = [
        "/p/events",
        "/p/events/{id}",
        "/p/events/{id}/register",
        "/api/v1/public/events",
        "/api/v1/public/events/{id}",
        "/api/v1/public/events/{id}/registrations",
    ];
    // iCalendar feeds: public events for anyone; a private feed opened by the secret in its URL (tests/http/calendar.rs).
    let feeds = ["/calendar/feed/{token}", "/p/calendar.ics"];
    let public: Vec<_> = public.into_iter().filter(|p| !portal.contains(p) && !feeds.contains(p)).collect();
    assert_eq!(public, ["/healthz", "/lang/{code}", "/assets/{file}", "/login", "/login", "/api/v1/openapi.json"]);
    let mut seen = std::collections::HashSet::new();
    for r in &table {
        assert!(seen.insert((r.method.clone(), r.path.clone())), "{} {} registered twice", r.method, r.path);
    }
}

#[tokio::test]
async fn healthz_reports_the_database_on_both_backends() {
    for app in apps(false).await {
        let r = app.get("/healthz").await;
        assert_eq!(r.status, 200, "{}", app.name);
        assert_eq!(r.json()["database"], "ok");
        assert_eq!(r.json()["backend"], app.name);
    }
}

#[tokio::test]
async fn unknown_urls_get_404_as_json_under_the_api_and_as_a_page_elsewhere() {
    for app in apps(false).await {
        let r = app.get("/api/v1/nothing-here").await;
        assert_eq!(r.status, 404, "{}", app.name);
        assert_eq!(r.json()["error"]["code"], "not_found", "{}", app.name);
        let r = app.get("/nothing-here").await;
        assert_eq!(r.status, 404, "{}", app.name);
        assert!(r.body.contains("<h1>"), "{}: {}", app.name, r.body);
    }
}

#[tokio::test]
async fn responses_carry_security_headers_and_a_request_id() {
    for app in apps(false).await {
        let r = app.get("/partnerships").await;
        let csp = r.headers.get("content-security-policy").expect("csp").to_str().expect("text");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{}: {csp}", app.name);
        assert_eq!(r.headers.get("x-content-type-options").expect("nosniff"), "nosniff", "{}", app.name);
        assert!(r.headers.get("x-request-id").is_some(), "{}", app.name);
    }
}
