//! The gift registry over HTTP: CRUD with versions, validation naming fields, the photo (images
//! only), filters, CSV/XLSX export, the partner page, internal only, and the demo's sourced gift.

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};

use super::files_agreements::{Part, download, partnership, post_multipart};
use super::support::apps;

fn gift(pid: i64) -> Value {
    json!({ "direction": "given", "given_on": "2024-10-08", "partnership_id": pid, "occasion": "Mayor's visit to Sacramento",
        "description": "Porcelain vase from Zibo", "giver": "Mayor of Jinan", "recipient": "Mayor of Sacramento",
        "value": "3200.50", "currency": "cny", "kept_at": "Sacramento City Hall", "disclosure": "not_required" })
}

#[tokio::test]
async fn the_demo_records_wakayamas_cherry_saplings_with_only_sourced_facts() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "wakayama").await;
        let list = app.get(&format!("/api/v1/gifts?partnership={pid}&year=1993")).await.json();
        assert_eq!(list["total"], 1, "{}: {list}", app.name);
        let g = &list["items"][0];
        assert_eq!((g["direction"].as_str(), g["given_on"].as_str()), (Some("received"), Some("1993")));
        assert!(g["description"].as_str().unwrap_or("").contains("cherry saplings"), "{g}");
        assert!(g["value"].is_null() && g["currency"].is_null(), "the source gives no value: {g}");
        assert_eq!(g["source_url"], "https://yybnet.net/jinan/news/201911/9853141.html");
        let activity = app.get(&format!("/api/v1/activities/{}", g["activity_id"].as_i64().expect("linked to the activity"))).await.json();
        assert_eq!((activity["kind"].as_str(), activity["start_on"].as_str()), (Some("donation"), Some("1993")));
        let page = app.get(&format!("/partnerships/{pid}")).await;
        assert!(page.body.contains("Over 100 cherry saplings"), "the partner page shows it on {}", app.name);
    }
}

#[tokio::test]
async fn a_gift_goes_through_create_filter_update_photo_export_and_delete() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "sacramento").await;
        let r = app.json("POST", "/api/v1/gifts", &gift(pid)).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let g = r.json();
        let id = g["id"].as_i64().expect("id");
        assert_eq!(
            (g["value"].as_str(), g["value_minor"].as_i64(), g["currency"].as_str()),
            (Some("3200.50"), Some(320_050), Some("CNY")),
            "decimal text in the currency's precision, minor units, upper-case code"
        );

        let given = app.get("/api/v1/gifts?direction=given&year=2024").await.json();
        assert_eq!(given["items"].as_array().expect("items").iter().filter(|x| x["id"] == id).count(), 1);
        assert_eq!(app.get("/api/v1/gifts?direction=received&year=2024").await.json()["total"], 0);
        let bad = app.get("/api/v1/gifts?direction=sideways&year=93").await;
        assert_eq!((bad.status.as_u16(), bad.error_fields()), (422, vec!["direction".to_string(), "year".to_string()]));

        let mut update = gift(pid);
        update["disclosure"] = json!("disclosed");
        update["version"] = json!(1);
        let r = app.json("PUT", &format!("/api/v1/gifts/{id}"), &update).await;
        assert_eq!((r.status.as_u16(), r.json()["version"].as_i64()), (200, Some(2)), "{}", r.body);
        assert_eq!(app.json("PUT", &format!("/api/v1/gifts/{id}"), &update).await.status, 409, "stale version");

        let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        let pdf = [Part::file("photo", "vase.pdf", "application/pdf", b"%PDF-1.4".to_vec())];
        let r = post_multipart(&app, &format!("/api/v1/gifts/{id}/photo"), &pdf, None).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["photo".to_string()]), "a photo must be an image");
        let r =
            post_multipart(&app, &format!("/api/v1/gifts/{id}/photo"), &[Part::file("photo", "花瓶.png", "image/png", png.clone())], None)
                .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let photo = r.json()["photo"]["id"].as_i64().expect("photo");
        let (status, h, bytes) = download(&app, &format!("/api/v1/files/{photo}")).await;
        assert_eq!((status, bytes), (200, png));
        assert!(h.get(header::CONTENT_DISPOSITION).expect("cd").to_str().expect("ascii").starts_with("inline;"));

        let csv = app.get(&format!("/gifts.csv?partnership={pid}&year=2024")).await;
        assert_eq!(csv.status, 200);
        assert!(csv.body.contains("Porcelain vase from Zibo") && csv.body.contains("3200.5") && csv.body.contains(",CNY,"), "{}", csv.body);
        assert!(!csv.body.contains("cherry saplings"), "the filters apply to the export");
        let xlsx = app.get("/gifts.xlsx?direction=given").await;
        assert_eq!(
            xlsx.headers.get(header::CONTENT_TYPE).expect("type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert!(xlsx.body.starts_with("PK"), "a workbook");
        let zh = app.get_lang("/gifts?year=2024", "zh-CN").await;
        assert!(zh.body.contains("礼品登记") && zh.body.contains("已登记"), "the list in Chinese");

        let r = app.send(Request::delete(format!("/api/v1/gifts/{id}")).body(Body::empty()).expect("req")).await;
        assert_eq!(r.status, 204);
        assert_eq!(download(&app, &format!("/api/v1/files/{photo}")).await.0, 404, "the photo went with the gift");
        let audit = app.get(&format!("/api/v1/audit?entity=gift&entity_id={id}")).await.json();
        let actions: Vec<&str> = audit["items"].as_array().expect("items").iter().filter_map(|e| e["action"].as_str()).collect();
        assert_eq!(actions, ["delete", "set_photo", "update", "create"], "{}", app.name);
    }
}

#[tokio::test]
async fn a_value_posted_as_1_200_reads_back_as_1200_00_not_1_2() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "sacramento").await;
        let mut typed = gift(pid);
        typed["value"] = json!("1,200");
        let r = app.json("POST", "/api/v1/gifts", &typed).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let id = r.json()["id"].as_i64().expect("id");
        let g = app.get(&format!("/api/v1/gifts/{id}")).await.json();
        assert_eq!((g["value"].as_str(), g["value_minor"].as_i64()), (Some("1200.00"), Some(120_000)), "{}: {g}", app.name);
        let page = app.get(&format!("/gifts?partnership={pid}")).await;
        assert!(page.body.contains("1,200.00 CNY"), "the list groups thousands on {}", app.name);
        let csv = app.get(&format!("/gifts.csv?partnership={pid}")).await;
        assert!(csv.body.contains(",1200.00,CNY,"), "{}", csv.body);

        let mut wide = gift(pid);
        wide["value"] = json!("１，２００．５０");
        assert_eq!(app.json("POST", "/api/v1/gifts", &wide).await.json()["value_minor"], 120_050, "full-width digits");
        let mut european = gift(pid);
        european["value"] = json!("1.200,50");
        let r = app.json("POST", "/api/v1/gifts", &european).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["value".to_string()]), "{}", r.body);
        assert!(r.body.contains("ambiguous_amount"), "{}", r.body);
    }
}

#[tokio::test]
async fn bad_gifts_are_refused_naming_each_field_and_viewers_only_read() {
    for app in apps(true).await {
        let (pid, _) = partnership(&app, "sacramento").await;
        let mut bad = gift(pid);
        bad["value"] = json!("-5");
        bad["currency"] = json!("XYZ");
        bad["given_on"] = json!("1993-13");
        let r = app.json("POST", "/api/v1/gifts", &bad).await;
        assert_eq!(r.status, 422);
        assert_eq!(r.error_fields(), ["given_on", "value", "currency"], "{}", r.body);
        let mut no_currency = gift(pid);
        no_currency["currency"] = json!("");
        assert_eq!(app.json("POST", "/api/v1/gifts", &no_currency).await.error_fields(), ["currency"]);

        let viewer = app.with_token(Some(app.user_token("viewer2", "viewer", None).await));
        assert_eq!(viewer.get("/api/v1/gifts").await.status, 200);
        assert_eq!(viewer.json("POST", "/api/v1/gifts", &gift(pid)).await.status, 403);
        let public = app.with_token(None);
        assert_eq!(public.get("/api/v1/gifts").await.status, 401, "gifts are internal");

        // A gift with its photo in one multipart request, from the API.
        let json_text = gift(pid).to_string();
        let parts = [Part::text("gift", &json_text), Part::file("photo", "vase.webp", "image/webp", b"RIFF\x10\0\0\0WEBPVP8 ".to_vec())];
        let r = post_multipart(&app, "/api/v1/gifts", &parts, None).await;
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(r.json()["photo"]["content_type"], "image/webp");
    }
}

#[tokio::test]
async fn an_editor_records_a_gift_with_its_photo_in_the_browser() {
    for admin in apps(true).await {
        let (pid, _) = partnership(&admin, "wakayama").await;
        let (app, cookie) = super::files_agreements::browser(&admin, "li.na").await;
        let get = |uri: String| {
            let req = Request::get(uri).header(header::COOKIE, cookie.clone()).body(Body::empty()).expect("req");
            app.send(req)
        };
        let form = get(format!("/gifts/new?partnership={pid}")).await;
        assert_eq!(form.status, 200, "{}", form.body);
        assert!(form.body.contains("10th anniversary: Wakayama gives over 100 cherry saplings"), "the partner's activities are offered");
        let i = form.body.find("name=\"_csrf\" value=\"").expect("csrf") + 20;
        let token = form.body[i..].split('"').next().expect("token").to_string();
        let pid_text = pid.to_string();
        let parts = |description: &'static str| {
            vec![
                Part::text("_csrf", &token),
                Part::text("direction", "given"),
                Part::text("given_on", "2023-11"),
                Part::text("partnership_id", &pid_text),
                Part::text("description", description),
                Part::text("value", "15000"),
                Part::text("currency", "JPY"),
                Part::text("disclosure", "not_required"),
                Part::file("photo", "茶具.jpg", "image/jpeg", vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16]),
            ]
        };
        let refused = post_multipart(&app, "/gifts", &parts(""), Some(&cookie)).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert!(refused.body.contains("error-summary"), "the form comes back with its errors");
        let ok = post_multipart(&app, "/gifts", &parts("Tea set from Jingdezhen"), Some(&cookie)).await;
        assert_eq!(ok.status, 303, "{}", ok.body);
        let shown = get(ok.headers.get(header::LOCATION).expect("location").to_str().expect("ascii").to_string()).await;
        assert!(shown.body.contains("Tea set from Jingdezhen") && shown.body.contains("15,000 JPY"), "{}", shown.body);
        assert!(shown.body.contains("<img src=\"/files/"), "the photo is shown");
        let partner = get(format!("/partnerships/{pid}")).await;
        assert!(partner.body.contains("Tea set from Jingdezhen"), "the partner page lists it");
    }
}

#[tokio::test]
async fn a_gift_form_with_a_partnership_id_that_is_not_a_number_is_refused_naming_the_field() {
    for admin in apps(false).await {
        let (app, cookie) = super::files_agreements::browser(&admin, "li.na").await;
        let form = app.send(Request::get("/gifts/new").header(header::COOKIE, cookie.clone()).body(Body::empty()).expect("req")).await;
        let i = form.body.find("name=\"_csrf\" value=\"").expect("csrf") + 20;
        let token = form.body[i..].split('"').next().expect("token").to_string();
        let parts = [
            Part::text("_csrf", &token),
            Part::text("direction", "given"),
            Part::text("given_on", "2023-11"),
            Part::text("partnership_id", "abc"),
            Part::text("description", "Tea set from Jingdezhen"),
            Part::text("disclosure", "not_required"),
        ];

        let refused = post_multipart(&app, "/gifts", &parts, Some(&cookie)).await;

        assert_eq!(refused.status, 422, "{}", refused.body);
        assert!(refused.body.contains("href=\"#f-partnership_id\""), "the summary names the field: {}", refused.body);
        assert!(refused.body.contains("Enter a number."), "{}", refused.body);
        assert!(
            refused.body.contains(r#"<p class="field-error" id="e-partnership_id">"#)
                && refused.body.contains(r#"id="i-partnership_id" aria-describedby="e-partnership_id""#),
            "the field points at its message: {}",
            refused.body
        );
        let list = admin.get("/api/v1/gifts").await;
        assert_eq!(list.json()["total"], 0, "nothing was saved without the partnership");
    }
}

#[tokio::test]
async fn the_gift_api_reads_any_json_content_type_as_every_json_route_does() {
    for app in apps(false).await {
        let body = json!({ "direction": "received", "given_on": "2024", "description": "Lacquered box", "disclosure": "pending" });
        let req = Request::post("/api/v1/gifts")
            .header(header::CONTENT_TYPE, "application/vnd.amity+json; charset=utf-8")
            .body(Body::from(body.to_string()))
            .expect("req");

        let r = app.send(req).await;

        assert_eq!(r.status, 201, "{}", r.body);
        let text = Request::post("/api/v1/gifts").header(header::CONTENT_TYPE, "text/plain").body(Body::from(body.to_string()));
        assert_eq!(app.send(text.expect("req")).await.status, 415, "a body that is neither JSON nor multipart is refused");
    }
}
