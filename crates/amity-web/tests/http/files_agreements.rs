//! Agreements and their files over HTTP: multipart uploads with the larger body limit (too large
//! → 413, empty or mismatched → 422 naming `file`), downloads with safe headers, CSRF on
//! multipart session posts, read-only roles, the rules and versions, the partner page and the
//! needs-attention list.

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::support::{Resp, TestApp, apps};

const BOUNDARY: &str = "amity-test-boundary-7d1c";

/// One part of a multipart body: name, file name (for a file part), type, bytes.
pub struct Part<'a> {
    pub name: &'a str,
    pub file_name: Option<&'a str>,
    pub content_type: &'a str,
    pub bytes: Vec<u8>,
}

impl<'a> Part<'a> {
    pub fn text(name: &'a str, value: &str) -> Self {
        Self { name, file_name: None, content_type: "", bytes: value.as_bytes().to_vec() }
    }

    pub fn file(name: &'a str, file_name: &'a str, content_type: &'a str, bytes: Vec<u8>) -> Self {
        Self { name, file_name: Some(file_name), content_type, bytes }
    }
}

/// A `multipart/form-data` body (the file name is written as browsers do, raw UTF-8 in quotes).
pub fn multipart(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match p.file_name {
            Some(f) => {
                let f = f.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
                out.extend_from_slice(format!("Content-Disposition: form-data; name=\"{}\"; filename=\"{f}\"\r\n", p.name).as_bytes());
                out.extend_from_slice(format!("Content-Type: {}\r\n\r\n", p.content_type).as_bytes());
            }
            None => out.extend_from_slice(format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", p.name).as_bytes()),
        }
        out.extend_from_slice(&p.bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

/// Posts a multipart body (with the app's token, and a cookie when given).
pub async fn post_multipart(app: &TestApp, uri: &str, parts: &[Part<'_>], cookie: Option<&str>) -> Resp {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"));
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    app.send(b.body(Body::from(multipart(parts))).expect("request")).await
}

/// A download: status, headers and the exact bytes.
pub async fn download(app: &TestApp, uri: &str) -> (u16, axum::http::HeaderMap, Vec<u8>) {
    let mut req = Request::get(uri).body(Body::empty()).expect("request");
    if let Some(t) = &app.token {
        req.headers_mut().insert(header::AUTHORIZATION, format!("Bearer {t}").parse().expect("header"));
    }
    let r = app.router.clone().oneshot(req).await.expect("infallible");
    let (parts, body) = r.into_parts();
    (parts.status.as_u16(), parts.headers, body.collect().await.expect("body").to_bytes().to_vec())
}

pub fn pdf_bytes(extra: &[u8]) -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.extend_from_slice(extra);
    b
}

/// Id and home unit of the demo partnership whose city matches `q`.
pub async fn partnership(app: &TestApp, q: &str) -> (i64, i64) {
    let p = app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0].clone();
    (p["id"].as_i64().expect("id"), p["home_unit_id"].as_i64().expect("unit"))
}

fn agreement(valid_until: &str) -> Value {
    json!({ "kind": "signed_agreement", "title": "Agreement on establishing sister-city relations", "languages": ["zh", "ja"],
        "signatories": [{ "name": "Mayor of Jinan", "office": "Mayor", "side": "home" }, { "name": "Mayor of Wakayama", "office": "Mayor", "side": "partner" }],
        "signed_on": "1983-01-14", "signed_place": "Jinan", "valid_until": valid_until })
}

async fn new_agreement(app: &TestApp, pid: i64, body: &Value) -> i64 {
    let r = app.json("POST", &format!("/api/v1/partnerships/{pid}/agreements"), body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()["id"].as_i64().expect("id")
}

fn field_codes(r: &Resp) -> Vec<(String, String)> {
    r.json()["error"]["fields"]
        .as_array()
        .map(|a| a.iter().map(|f| (f["field"].as_str().unwrap_or("").to_string(), f["code"].as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn an_agreement_with_a_file_round_trips_and_is_served_with_safe_headers() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let bytes = pdf_bytes(&(0..=255u8).collect::<Vec<_>>());
        let input = agreement("").to_string();
        let parts = [Part::text("agreement", &input), Part::file("file", "友好城市协议书.pdf", "application/pdf", bytes.clone())];
        let r = post_multipart(&app, &format!("/api/v1/partnerships/{pid}/agreements"), &parts, None).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let a = r.json();
        assert_eq!(a["files"][0]["file_name"], "友好城市协议书.pdf");
        assert_eq!(a["files"][0]["size"], bytes.len());
        assert_eq!(a["signatories"][1]["side"], "partner");
        let file_id = a["files"][0]["id"].as_i64().expect("file id");

        let (status, h, got) = download(&app, &format!("/api/v1/files/{file_id}")).await;
        assert_eq!(status, 200, "{}", app.name);
        assert_eq!(got, bytes, "the bytes come back exactly on {}", app.name);
        assert_eq!(h.get(header::CONTENT_TYPE).expect("type"), "application/pdf");
        assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).expect("nosniff"), "nosniff");
        let cd = h.get(header::CONTENT_DISPOSITION).expect("disposition").to_str().expect("ascii");
        assert!(cd.starts_with("attachment; filename=\""), "{cd}");
        assert!(cd.ends_with("filename*=UTF-8''%E5%8F%8B%E5%A5%BD%E5%9F%8E%E5%B8%82%E5%8D%8F%E8%AE%AE%E4%B9%A6.pdf"), "{cd}");
        // The page route serves the same bytes to a browser.
        assert_eq!(download(&app, &format!("/files/{file_id}")).await.2, bytes);
    }
}

#[tokio::test]
async fn hostile_file_names_never_reach_a_header_or_a_path_and_images_show_inline() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let id = new_agreement(&app, pid, &agreement("")).await;
        let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        let name = "../../etc/pass\"wd\r\nX-Evil: 1.png";
        let r = post_multipart(&app, &format!("/api/v1/agreements/{id}/files"), &[Part::file("file", name, "image/png", png)], None).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let info = r.json();
        let stored = info["file_name"].as_str().expect("name");
        assert!(!stored.contains('/') && !stored.contains("..") && !stored.contains('\r'), "{stored}");
        let (status, h, _) = download(&app, &format!("/api/v1/files/{}", info["id"])).await;
        assert_eq!(status, 200);
        assert!(h.get("x-evil").is_none(), "no header was injected on {}", app.name);
        assert_eq!(h.get(header::CONTENT_TYPE).expect("type"), "image/png");
        let cd = h.get(header::CONTENT_DISPOSITION).expect("disposition").to_str().expect("ascii");
        assert!(cd.starts_with("inline; filename=\""), "{cd}");
        let fallback = cd.split("filename=\"").nth(1).and_then(|s| s.split('"').next()).expect("fallback");
        assert!(!fallback.contains(['/', '\\', '\r', '\n']), "{fallback}");
        // Browsers send a quote and line breaks in a name as %22, %0D, %0A; they are kept as text, encoded again in filename*.
        assert!(cd.ends_with("filename*=UTF-8''pass%2522wd%250D%250AX-Evil%3A%201.png"), "{cd}");
    }
}

#[tokio::test]
async fn too_large_empty_and_mismatched_uploads_are_refused_naming_the_file() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let id = new_agreement(&app, pid, &agreement("")).await;
        let uri = format!("/api/v1/agreements/{id}/files");

        let big = pdf_bytes(&vec![b'x'; 20 * 1024 * 1024]);
        let r = post_multipart(&app, &uri, &[Part::file("file", "big.pdf", "application/pdf", big)], None).await;
        assert_eq!(r.status, 413, "{}: {}", app.name, r.body);
        assert_eq!(field_codes(&r), [("file".to_string(), "file_too_large".to_string())]);
        assert!(r.json()["error"]["fields"][0]["message"].as_str().unwrap_or("").contains("20 MiB"), "{}", r.body);

        let huge = vec![b'x'; 22 * 1024 * 1024];
        let r = post_multipart(&app, &uri, &[Part::file("file", "huge.pdf", "application/pdf", huge)], None).await;
        assert_eq!(r.status, 413, "a body over the upload limit on {}", app.name);
        assert_eq!(field_codes(&r)[0].0, "file");

        let r = post_multipart(&app, &uri, &[Part::file("file", "empty.pdf", "application/pdf", Vec::new())], None).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(field_codes(&r), [("file".to_string(), "file_empty".to_string())]);

        let html = b"<html><script>alert(1)</script></html>".to_vec();
        let r = post_multipart(&app, &uri, &[Part::file("file", "agreement.pdf", "application/pdf", html)], None).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(field_codes(&r), [("file".to_string(), "file_type_mismatch".to_string())]);

        let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec();
        let r = post_multipart(&app, &uri, &[Part::file("file", "logo.svg", "image/svg+xml", svg)], None).await;
        assert_eq!(field_codes(&r), [("file".to_string(), "file_type_not_allowed".to_string())]);

        // Other routes keep the 1 MiB limit.
        let r = app.raw("POST", "/api/v1/fields", "application/json", format!("{{\"code\":\"{}\"}}", "x".repeat(1024 * 1024 + 10))).await;
        assert_eq!(r.status, 413, "{}", app.name);
        assert!(app.get(&format!("/api/v1/agreements/{id}")).await.json()["files"].as_array().expect("files").is_empty(), "nothing stored");
    }
}

#[tokio::test]
async fn a_viewer_downloads_but_cannot_upload_and_an_auditor_cannot_read() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let id = new_agreement(&app, pid, &agreement("")).await;
        let r = post_multipart(
            &app,
            &format!("/api/v1/agreements/{id}/files"),
            &[Part::file("file", "a.pdf", "application/pdf", pdf_bytes(b"1"))],
            None,
        )
        .await;
        let file_id = r.json()["id"].as_i64().expect("file");
        let viewer = app.with_token(Some(app.user_token("viewer1", "viewer", None).await));
        assert_eq!(download(&viewer, &format!("/api/v1/files/{file_id}")).await.0, 200);
        let refused = post_multipart(
            &viewer,
            &format!("/api/v1/agreements/{id}/files"),
            &[Part::file("file", "b.pdf", "application/pdf", pdf_bytes(b"2"))],
            None,
        )
        .await;
        assert_eq!(refused.status, 403, "{}", app.name);
        let auditor = app.with_token(Some(app.user_token("auditor1", "auditor", None).await));
        assert_eq!(download(&auditor, &format!("/api/v1/files/{file_id}")).await.0, 403);
        assert_eq!(download(&app, "/api/v1/files/999999").await.0, 404);
    }
}

#[tokio::test]
async fn agreement_rules_refuse_bad_dates_prospects_and_ended_partnerships() {
    for app in apps(true).await {
        let (pid, unit) = partnership(&app, "wakayama").await;
        let r = app
            .json(
                "POST",
                &format!("/api/v1/partnerships/{pid}/agreements"),
                &json!({ "kind": "mou", "title": "x", "signed_on": "2020-05-01", "valid_until": "2020-04-30" }),
            )
            .await;
        assert_eq!((r.status.as_u16(), field_codes(&r)), (422, vec![("valid_until".to_string(), "valid_until_before_signed".to_string())]));

        let prospect = app.json("POST", "/api/v1/partnerships", &json!({ "home_unit_id": unit, "city_name_en": "Testville", "country": "FR", "lat": 45.0, "lon": 3.0, "kind": "friendly_cooperation", "status": "prospect" })).await;
        assert_eq!(prospect.status, 201, "{}", prospect.body);
        let prospect = prospect.json()["id"].as_i64().expect("id");
        let r = app.json("POST", &format!("/api/v1/partnerships/{prospect}/agreements"), &agreement("")).await;
        assert_eq!(
            (r.status.as_u16(), field_codes(&r)),
            (422, vec![("kind".to_string(), "agreement_binding_prospect".to_string())]),
            "{}",
            app.name
        );
        let loi = app
            .json(
                "POST",
                &format!("/api/v1/partnerships/{prospect}/agreements"),
                &json!({ "kind": "letter_of_intent", "title": "Letter of intent" }),
            )
            .await;
        assert_eq!(loi.status, 201, "a letter of intent is fine for a prospect: {}", loi.body);

        let ended = app.json("POST", "/api/v1/partnerships", &json!({ "home_unit_id": unit, "city_name_en": "Oldtown", "country": "DE", "lat": 50.0, "lon": 8.0, "kind": "sister_city", "status": "active" })).await;
        let ended = ended.json()["id"].as_i64().expect("id");
        let t = app
            .json(
                "POST",
                &format!("/api/v1/partnerships/{ended}/transitions"),
                &json!({ "status": "ended", "date": "2020", "reason": "ended by council decision", "ended_by": "home_side", "version": 1 }),
            )
            .await;
        assert_eq!(t.status, 200, "{}", t.body);
        let r = app.json("POST", &format!("/api/v1/partnerships/{ended}/agreements"), &json!({ "kind": "mou", "title": "late" })).await;
        assert_eq!(
            (r.status.as_u16(), field_codes(&r)),
            (409, vec![("partnership_id".to_string(), "partnership_ended".to_string())]),
            "{}",
            r.body
        );
    }
}

#[tokio::test]
async fn a_new_version_supersedes_the_old_and_only_current_versions_expire() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "sacramento").await;
        let soon = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
        let old = new_agreement(
            &app,
            pid,
            &json!({ "kind": "exchange_plan", "title": "Five-year exchange plan 2021–2025", "valid_until": soon }),
        )
        .await;
        let plan = json!({ "kind": "exchange_plan", "title": "Three-year exchange plan", "valid_until": (chrono::Utc::now().date_naive() + chrono::Days::new(60)).to_string() });
        let current = new_agreement(&app, pid, &plan).await;

        let attention = app.get("/api/v1/attention").await.json();
        let expiring: Vec<i64> =
            attention["expiring_agreements"].as_array().expect("list").iter().filter_map(|e| e["agreement_id"].as_i64()).collect();
        assert_eq!(expiring, [old, current], "both current, soonest first, on {}", app.name);
        let page = app.get("/attention").await;
        assert!(page.body.contains("Five-year exchange plan 2021–2025"), "the page lists it");

        let mut v2 =
            json!({ "kind": "renewal", "title": "Renewed five-year plan 2026–2030", "valid_until": "2030-12-31", "supersedes_id": old });
        let newer = new_agreement(&app, pid, &v2).await;
        let old_now = app.get(&format!("/api/v1/agreements/{old}")).await.json();
        assert_eq!(old_now["superseded_by_id"], newer);
        let expiring: Vec<i64> = app.get("/api/v1/attention").await.json()["expiring_agreements"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|e| e["agreement_id"].as_i64())
            .collect();
        assert_eq!(expiring, [current], "a superseded version no longer expires on {}", app.name);
        v2["title"] = json!("rival");
        let twice = app.json("POST", &format!("/api/v1/partnerships/{pid}/agreements"), &v2).await;
        assert_eq!(field_codes(&twice), [("supersedes_id".to_string(), "already_superseded".to_string())]);

        let show = app.get(&format!("/partnerships/{pid}")).await;
        assert!(
            show.body.contains("Renewed five-year plan 2026–2030") && !show.body.contains(">Five-year exchange plan 2021–2025<"),
            "the partner page lists current versions only"
        );
        let list = app.get(&format!("/partnerships/{pid}/agreements")).await;
        assert!(
            list.body.contains("Five-year exchange plan 2021–2025") && list.body.contains("Superseded"),
            "the list keeps every version"
        );

        let audit = app.get(&format!("/api/v1/audit?entity=agreement&entity_id={newer}")).await.json();
        assert_eq!(audit["items"][0]["action"], "create");
        let r = app.send(Request::delete(format!("/api/v1/agreements/{newer}")).body(Body::empty()).expect("req")).await;
        assert_eq!(r.status, 204);
        assert!(
            app.get(&format!("/api/v1/agreements/{old}")).await.json()["superseded_by_id"].is_null(),
            "the old version is current again"
        );
    }
}

#[tokio::test]
async fn the_audit_log_records_files_by_hash_and_size_never_their_bytes() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let id = new_agreement(&app, pid, &agreement("")).await;
        let marker = "UNIQUE-BYTES-MARKER-4711";
        let r = post_multipart(
            &app,
            &format!("/api/v1/agreements/{id}/files"),
            &[Part::file("file", "scan.pdf", "application/pdf", pdf_bytes(marker.as_bytes()))],
            None,
        )
        .await;
        let sha = r.json()["sha256"].as_str().expect("sha").to_string();
        let audit = app.get(&format!("/api/v1/audit?entity=agreement&entity_id={id}")).await;
        let entries = audit.json();
        assert_eq!(entries["items"][0]["action"], "attach_file", "{}", audit.body);
        assert!(audit.body.contains(&sha) && audit.body.contains("scan.pdf"), "{}", audit.body);
        assert!(!audit.body.contains(marker), "no bytes in the audit log on {}", app.name);
    }
}

fn cookie_of(r: &Resp, name: &str) -> Option<String> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{name}=")).map(|v| v.split(';').next().unwrap_or("").to_string()))
}

fn csrf_in(html: &str) -> String {
    let i = html.find("name=\"_csrf\" value=\"").expect("a form with a CSRF token") + 20;
    html[i..].split('"').next().expect("token").to_string()
}

/// Signs a coordinator in through the form; returns the app without a token and the session cookie.
pub async fn browser(admin: &TestApp, user: &str) -> (TestApp, String) {
    admin.user_token(user, "coordinator", None).await;
    let app = admin.with_token(None);
    let form = app.get("/login").await;
    let pre = cookie_of(&form, "amity_pre").expect("pre-sign-in cookie");
    let body = format!("_csrf={}&username={user}&password=a+long+test+password&next=/", csrf_in(&form.body));
    let req = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("amity_pre={pre}"))
        .body(Body::from(body))
        .expect("req");
    let r = app.send(req).await;
    let session = cookie_of(&r, "amity_session").expect("session cookie");
    (app, format!("amity_session={session}"))
}

async fn get_with(app: &TestApp, uri: &str, cookie: &str) -> Resp {
    app.send(Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).expect("req")).await
}

#[tokio::test]
async fn browser_uploads_are_multipart_and_need_the_csrf_field() {
    for admin in apps(true).await {
        let (pid, _) = partnership(&admin, "wakayama").await;
        let (app, cookie) = browser(&admin, "zhang").await;
        let page = get_with(&app, &format!("/partnerships/{pid}/agreements/new"), &cookie).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("enctype=\"multipart/form-data\""), "the form posts multipart");
        let token = csrf_in(&page.body);
        let uri = format!("/partnerships/{pid}/agreements");
        let fields = |csrf: Option<&str>| {
            let mut v = Vec::new();
            if let Some(t) = csrf {
                v.push(Part::text("_csrf", t));
            }
            v.push(Part::text("kind", "mou"));
            v.push(Part::text("title", "Memorandum on youth exchange"));
            v.push(Part::text("signatory_name", "Mayor of Wakayama"));
            v.push(Part::text("signatory_office", "Mayor"));
            v.push(Part::text("signatory_side", "partner"));
            v.push(Part::file("file", "备忘录.pdf", "application/pdf", pdf_bytes(b"memo")));
            v
        };
        let refused = post_multipart(&app, &uri, &fields(None), Some(&cookie)).await;
        assert_eq!(refused.status, 403, "no CSRF field on {}", admin.name);
        let forged = post_multipart(&app, &uri, &fields(Some("forged")), Some(&cookie)).await;
        assert_eq!(forged.status, 403, "a wrong CSRF field on {}", admin.name);
        let ok = post_multipart(&app, &uri, &fields(Some(&token)), Some(&cookie)).await;
        assert_eq!(ok.status, 303, "{}: {}", admin.name, ok.body);
        let location = ok.headers.get(header::LOCATION).expect("location").to_str().expect("ascii").to_string();
        let shown = get_with(&app, &location, &cookie).await;
        assert!(shown.body.contains("备忘录.pdf") && shown.body.contains("Mayor of Wakayama (Mayor)"), "{}", shown.body);

        // A second file, then the partner page links the downloads.
        let id = location.rsplit('/').next().expect("id");
        let more = [
            Part::text("_csrf", &token),
            Part::file(
                "file",
                "memorandum-ja.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                b"PK\x03\x04\x14\0\0\0word/document.xml".to_vec(),
            ),
        ];
        let r = post_multipart(&app, &format!("/agreements/{id}/files"), &more, Some(&cookie)).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let bad = [Part::text("_csrf", &token), Part::file("file", "x.pdf", "application/pdf", b"<html>".to_vec())];
        let r = post_multipart(&app, &format!("/agreements/{id}/files"), &bad, Some(&cookie)).await;
        assert_eq!(r.status, 422, "the page shows the refusal");
        assert!(r.body.contains("does not match its name or type"), "{}", r.body);
        let partner = get_with(&app, &format!("/partnerships/{pid}"), &cookie).await;
        assert!(
            partner.body.contains("Memorandum on youth exchange") && partner.body.matches("href=\"/files/").count() >= 2,
            "{}",
            partner.body
        );
    }
}
