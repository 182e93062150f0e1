//! Agreements and their files over HTTP: multipart uploads with the larger body limit (too large
//! → 413, empty or mismatched → 422 naming `file`), downloads with safe headers, CSRF on
//! multipart session posts, read-only roles, the rules and versions, the partner page and the
//! needs-attention list.

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};

use super::support::{Resp, TestApp, apps};
pub use super::uploads::{Part, browser, download, partnership, pdf_bytes, post_multipart};

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
