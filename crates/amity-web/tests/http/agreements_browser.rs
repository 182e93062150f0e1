//! Agreements uploaded from the browser: the form posts multipart and needs its CSRF field.

use axum::http::header;

use super::support::apps;
use super::uploads::{Part, browser, csrf_in, get_with, partnership, pdf_bytes, post_multipart};

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
