//! The authorisation matrix: every route of the router, for every role and for the public,
//! gets the outcome the permission rule table says. A new route without a rule cannot pass.

use axum::body::Body;
use axum::http::{Method, Request};

use super::support::{TestApp, apps};
use amity_web::auth::{Decision, decide};
use amity_web::routes::build;

const ROLES: [Option<&str>; 6] = [None, Some("admin"), Some("coordinator"), Some("unit_editor"), Some("viewer"), Some("auditor")];

fn concrete(path: &str) -> String {
    path.replace("{id}", "1")
        .replace("{approval_id}", "1")
        .replace("{commitment_id}", "1")
        .replace("{contact_id}", "1")
        .replace("{agreement_id}", "1")
        .replace("{file_id}", "1")
        .replace("{gift_id}", "1")
        .replace("{line_id}", "1")
        .replace("{document_id}", "1")
        .replace("{registration_id}", "1")
        .replace("{code}", "en")
        .replace("{file}", "app.css")
        .replace("{iso2}", "CN")
        .replace("{token}", "amf_unknown.ics")
}

async fn call(app: &TestApp, method: &Method, path: &str) -> (u16, String) {
    let api = path.starts_with("/api/");
    let mut b = Request::builder().method(method.clone()).uri(path);
    let body = if *method == Method::GET || *method == Method::DELETE {
        Body::empty()
    } else if api {
        b = b.header("content-type", "application/json");
        Body::from("{}")
    } else {
        b = b.header("content-type", "application/x-www-form-urlencoded");
        Body::from("")
    };
    let r = app.send(b.body(body).expect("request")).await;
    let location = r.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    (r.status.as_u16(), location)
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_rule_table_says() {
    let base = apps(true).await.remove(0);
    let home = base.home_unit().await;
    let (_, _, table) = build();
    let mut checked = 0;
    for role in ROLES {
        let token = match role {
            None => None,
            Some(r) => Some(base.user_token(&format!("matrix-{r}"), r, (r == "unit_editor").then_some(home)).await),
        };
        let app = base.with_token(token);
        let parsed = role.map(|r| amity_core::auth::Role::parse(r).expect("role"));
        for route in &table {
            let path = concrete(&route.path);
            let (status, location) = call(&app, &route.method, &path).await;
            let expected = decide(route.permission, parsed);
            let ok = match expected {
                Decision::Allow => status != 401 && status != 403 && !location.starts_with("/login?next="),
                Decision::SignIn => status == 401 || (status == 303 && location.starts_with("/login?next=")),
                Decision::Forbid => status == 403,
            };
            assert!(ok, "{} {} as {:?}: expected {:?}, got {status} {location}", route.method, path, role.unwrap_or("public"), expected);
            checked += 1;
        }
    }
    eprintln!("authorisation matrix: {} routes × {} roles = {checked} checks", table.len(), ROLES.len());
    assert_eq!(checked, table.len() * ROLES.len());
}
