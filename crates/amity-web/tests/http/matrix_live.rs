//! The authorisation matrix, live: every route of the router answers every role and the public as
//! the hand-written table (`matrix.rs`) says, on both backends.

use axum::body::Body;
use axum::http::{Method, Request};

use super::matrix::Want::{self, Allow as A, Forbid as F, SignIn as S};
use super::matrix::{WHO, expected};
use super::support::{Resp, TestApp, apps};
use amity_web::routes::build;

pub(super) fn concrete(path: &str) -> String {
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

pub(super) async fn call(app: &TestApp, method: &Method, path: &str) -> Resp {
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
    app.send(b.body(body).expect("request")).await
}

fn answers(want: Want, _method: &Method, path: &str, r: &Resp) -> bool {
    let status = r.status.as_u16();
    let location = r.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("");
    // A page, or a form post from a browser: both are sent to sign in (a form post never gets JSON).
    let page = !path.starts_with("/api/");
    match want {
        A => status != 401 && status != 403 && status < 500 && !location.starts_with("/login?next="),
        F => status == 403,
        S if page => status == 303 && location.starts_with("/login?next="),
        S => status == 401,
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_hand_written_table_says() {
    for base in apps(true).await {
        let home = base.home_unit().await;
        let (_, _, table) = build();
        let mut checked = 0;
        for (who, role) in WHO.iter().enumerate() {
            // This unit editor holds the home city, so the service admits every write the route does.
            let token = match role {
                None => None,
                Some(r) => Some(base.user_token(&format!("matrix-{r}"), r, (*r == "unit_editor").then_some(home)).await),
            };
            let app = base.with_token(token);
            for route in &table {
                let want = expected(&route.method, &route.path, who).unwrap_or_else(|e| panic!("{e}"));
                let path = concrete(&route.path);
                let r = call(&app, &route.method, &path).await;
                assert!(
                    answers(want, &route.method, &path, &r),
                    "{} {path} as {} on {}: expected {want:?}, got {} {:?}",
                    route.method,
                    role.unwrap_or("public"),
                    base.name,
                    r.status,
                    r.headers.get("location")
                );
                checked += 1;
            }
        }
        eprintln!("authorisation matrix on {}: {} routes × {} callers = {checked} checks", base.name, table.len(), WHO.len());
        assert_eq!(checked, table.len() * WHO.len());
    }
}
