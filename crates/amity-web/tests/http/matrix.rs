//! The authorisation matrix. Its expectation is a hand-written table of area × role × read/write,
//! written from the product's rules (amity-core `auth/role.rs` and `auth/actor.rs`), not from the
//! permission each route declares: the route table must agree with it, and every route of the
//! router must answer every role and the public as it says, on both backends. A route whose area
//! is not in the table fails, so a new area is added here by hand, after review.
//!
//! The rules, per role:
//! - admin: everything;
//! - coordinator: every record of every unit, personal data, and the office-wide reference records
//!   (units, cooperation fields, country groups, the calendar's country relations and national
//!   days); not users, settings or the audit log;
//! - unit editor: reads what a viewer reads; writes records and personal data of their own unit and
//!   its sub-units (the route admits them, the service checks the unit: see `unit_scope.rs`);
//! - viewer: reads internal records, no personal data, writes nothing but their own account and
//!   calendar subscriptions;
//! - auditor: the audit log and their own account, nothing else;
//! - the public: the public portal, the public calendar feed, sign-in, health check, assets.

use axum::body::Body;
use axum::http::{Method, Request};

use super::support::{Resp, TestApp, apps};
use amity_core::auth::Role;
use amity_web::auth::{Decision, decide};
use amity_web::routes::build;

/// What a caller gets: the route's answer, 403, or sent to sign in (303 to `/login?next=` for a
/// page, 401 for the API and for writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Allow,
    Forbid,
    SignIn,
}
use Want::{Allow as A, Forbid as F, SignIn as S};

/// The callers, in the order of every row of [`AREAS`]: the public, then each role.
const WHO: [Option<&str>; 6] = [None, Some("admin"), Some("coordinator"), Some("unit_editor"), Some("viewer"), Some("auditor")];

/// One area of the product: the paths it owns (route templates without `/api/v1`; a path belongs
/// to the first area with a pattern equal to it or followed by `/` or `.`), and who may read it
/// and write it. `write: None` means the area has no writes; a write route there fails the test.
struct Area {
    name: &'static str,
    paths: &'static [&'static str],
    read: [Want; 6],
    write: Option<[Want; 6]>,
}

#[rustfmt::skip]
const AREAS: &[Area] = &[
    // Columns, as in WHO: public, admin, coordinator, unit editor, viewer, auditor.
    Area { name: "public portal", paths: &["/p", "/public", "/openapi.json"],
           read:        [A, A, A, A, A, A],
           write: Some([A, A, A, A, A, A]) },
    Area { name: "sign-in, language, health, assets", paths: &["/login", "/lang", "/healthz", "/assets"],
           read:        [A, A, A, A, A, A],
           write: Some([A, A, A, A, A, A]) },
    // A private feed is opened by the secret in its URL, not by a session.
    Area { name: "private calendar feed by its secret", paths: &["/calendar/feed/{token}"],
           read:        [A, A, A, A, A, A],
           write: None },
    // A reader's own subscriptions to what they may read: not records, so viewers manage theirs.
    Area { name: "own calendar feeds and digest", paths: &["/calendar/feeds", "/calendar/feed", "/calendar/digest", "/me/digest"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, A, A, F]) },
    Area { name: "own account", paths: &["/", "/account", "/logout", "/me"],
           read:        [S, A, A, A, A, A],
           write: Some([S, A, A, A, A, A]) },
    Area { name: "calendar country relations and national days", paths: &["/calendar/relations", "/calendar/national-days", "/calendar/countries"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, F, F, F]) },
    Area { name: "calendar", paths: &["/calendar"],
           read:        [S, A, A, A, A, F],
           write: None },
    Area { name: "contacts (personal data)", paths: &["/partnerships/{id}/contacts", "/contacts"],
           read:        [S, A, A, A, F, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "registrations (personal data)",
           paths: &["/events/{id}/registrations", "/registrations", "/events/{id}/participants", "/events/{id}/badges", "/events/{id}/sign-sheet"],
           read:        [S, A, A, A, F, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "travel documents (personal data)", paths: &["/delegations/{id}/travel-documents", "/travel-documents"],
           read:        [S, A, A, A, F, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "settings", paths: &["/settings", "/delegations/retention"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, F, F, F, F]) },
    Area { name: "agreements", paths: &["/partnerships/{id}/agreements", "/agreements"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "gifts", paths: &["/gifts", "/delegations/{id}/gifts"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "partnerships", paths: &["/partnerships"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "activities", paths: &["/activities", "/commitments"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "events", paths: &["/events", "/event-series"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "delegations", paths: &["/delegations"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, A, F, F]) },
    Area { name: "stored files (agreements, gift photos)", paths: &["/files"],
           read:        [S, A, A, A, A, F],
           write: None },
    Area { name: "units", paths: &["/units"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, F, F, F]) },
    Area { name: "cooperation fields", paths: &["/fields"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, F, F, F]) },
    Area { name: "country groups", paths: &["/groups", "/country-groups"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, A, F, F, F]) },
    Area { name: "reports (coverage, health, needs attention, search)", paths: &["/coverage", "/health", "/attention", "/search"],
           read:        [S, A, A, A, A, F],
           write: None },
    Area { name: "reference data (countries, cities)", paths: &["/countries", "/cities"],
           read:        [S, A, A, A, A, F],
           write: None },
    Area { name: "audit log", paths: &["/audit"],
           read:        [S, A, F, F, F, A],
           write: None },
    Area { name: "data sets (the sourced demo, the sample office)", paths: &["/setup", "/data-set"],
           read:        [S, A, A, A, A, F],
           write: Some([S, A, F, F, F, F]) },
    Area { name: "users", paths: &["/admin/users", "/users"],
           read:        [S, A, F, F, F, F],
           write: Some([S, A, F, F, F, F]) },
    Area { name: "people (erasure on request)", paths: &["/admin/people", "/people"],
           read:        [S, A, F, F, F, F],
           write: Some([S, A, F, F, F, F]) },
    // The settings page is the admins' (the API's settings are readable by every reader).
    Area { name: "settings page", paths: &["/admin/settings"],
           read:        [S, A, F, F, F, F],
           write: Some([S, A, F, F, F, F]) },
];

fn owns(pattern: &str, path: &str) -> bool {
    path == pattern || path.strip_prefix(pattern).is_some_and(|rest| pattern != "/" && (rest.starts_with('/') || rest.starts_with('.')))
}

/// The area a route template belongs to.
fn area_of(path: &str) -> Option<&'static Area> {
    let path = path.strip_prefix("/api/v1").filter(|p| !p.is_empty()).unwrap_or(path);
    AREAS.iter().find(|a| a.paths.iter().any(|p| owns(p, path)))
}

/// Whether a route changes something: every method but GET, and the forms to do so.
fn is_write(method: &Method, path: &str) -> bool {
    *method != Method::GET || path.ends_with("/new") || path.ends_with("/edit")
}

/// What the table says `WHO[who]` gets on a route, or why the route is not in the table.
fn expected(method: &Method, path: &str, who: usize) -> Result<Want, String> {
    let area = area_of(path).ok_or_else(|| format!("{method} {path}: no area of the table owns it; add it by hand"))?;
    let row = if is_write(method, path) {
        area.write.ok_or_else(|| format!("{method} {path}: a write in {}, which the table says has none", area.name))?
    } else {
        area.read
    };
    Ok(row[who])
}

fn declared(d: Decision) -> Want {
    match d {
        Decision::Allow => A,
        Decision::Forbid => F,
        Decision::SignIn => S,
    }
}

#[test]
fn every_routes_permission_agrees_with_the_hand_written_table() {
    let (_, _, table) = build();
    let mut problems = Vec::new();
    for route in &table {
        for (who, role) in WHO.iter().enumerate() {
            let want = match expected(&route.method, &route.path, who) {
                Ok(w) => w,
                Err(e) => {
                    problems.push(e);
                    break;
                }
            };
            let got = declared(decide(route.permission, role.map(|r| Role::parse(r).expect("role"))));
            if got != want {
                problems.push(format!(
                    "{} {} as {}: the table says {want:?}, the route's permission {:?} gives {got:?}",
                    route.method,
                    route.path,
                    role.unwrap_or("public"),
                    route.permission
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
    for area in AREAS {
        assert!(table.iter().any(|r| area_of(&r.path).is_some_and(|a| a.name == area.name)), "no route is in the area {}", area.name);
    }
}

#[test]
fn the_area_table_sends_paths_where_a_reader_expects() {
    for (path, area) in [
        ("/", "own account"),
        ("/partnerships", "partnerships"),
        ("/api/v1/partnerships/{id}/contacts", "contacts (personal data)"),
        ("/events/{id}/participants.csv", "registrations (personal data)"),
        ("/api/v1/events/{id}/participants-by-country", "events"),
        ("/api/v1/health", "reports (coverage, health, needs attention, search)"),
        ("/healthz", "sign-in, language, health, assets"),
        ("/audit.csv", "audit log"),
        ("/calendar/feed/{token}", "private calendar feed by its secret"),
        ("/api/v1/calendar/feed", "own calendar feeds and digest"),
        ("/api/v1/me/digest", "own calendar feeds and digest"),
        ("/api/v1/me/tokens/{id}", "own account"),
        ("/api/v1/calendar", "calendar"),
        ("/delegations/retention", "settings"),
        ("/p/calendar.ics", "public portal"),
    ] {
        assert_eq!(area_of(path).map(|a| a.name), Some(area), "{path}");
    }
    assert!(area_of("/nowhere").is_none(), "an unknown area is not guessed");
}

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
