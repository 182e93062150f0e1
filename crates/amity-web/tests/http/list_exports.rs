//! The event and delegation lists as CSV and XLSX: the list's filters apply, headers and labels follow
//! the reader's language, a formula in a title is defused, the list pages link to the exports with
//! their filters, and no member's name or travel document leaves with a delegation.

use axum::http::header;
use serde_json::{Value, json};

use super::files_agreements::download;
use super::support::{Resp, TestApp, apps};

/// Id of the demo partnership whose city matches `q`.
async fn partnership(app: &TestApp, q: &str) -> i64 {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0]["id"].as_i64().expect("partnership")
}

async fn created(app: &TestApp, uri: &str, body: &Value) -> Value {
    let r = app.json("POST", uri, body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()
}

/// The CSV's rows (header first), after the byte-order mark.
fn rows(r: &Resp) -> Vec<Vec<String>> {
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.headers.get(header::CONTENT_TYPE).expect("type"), "text/csv; charset=utf-8");
    let text = r.body.strip_prefix('\u{feff}').expect("a byte-order mark for spreadsheet programs");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|rec| rec.expect("a CSV record").iter().map(str::to_string).collect())
        .collect()
}

/// The page with the ampersands of its attributes unescaped.
fn unescaped(page: &Resp) -> String {
    page.body.replace("&#38;", "&").replace("&amp;", "&")
}

/// Asserts an XLSX download: its type, its ASCII file name, and a workbook (a zip with a sheet).
async fn assert_workbook(app: &TestApp, uri: &str, file_name: &str) {
    let (status, h, bytes) = download(app, uri).await;
    assert_eq!(status, 200, "{}: {uri}", app.name);
    assert_eq!(h.get(header::CONTENT_TYPE).expect("type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_eq!(h.get(header::CONTENT_DISPOSITION).expect("disposition"), &format!("attachment; filename=\"{file_name}\""));
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
    assert!(bytes.windows(24).any(|w| w == b"xl/worksheets/sheet1.xml"), "with a worksheet");
}

#[tokio::test]
async fn the_event_list_exports_what_its_filters_match_in_the_readers_language() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let sacramento = partnership(&app, "sacramento").await;
        let forum = json!({ "kind": "forum", "title_en": "=HYPERLINK(\"http://evil.example\")", "title_zh": "友城论坛",
            "starts_at": "2031-06-10T09:00", "ends_at": "2031-06-10T17:30", "time_zone": "Asia/Shanghai", "venue": "Jinan Grand Theatre",
            "organiser_unit_id": unit, "invited_partnership_ids": [sacramento], "country_code": "US", "capacity": 40, "public": true,
            "status": "confirmed" });
        let e = created(&app, "/api/v1/events", &forum).await;
        let id = e["id"].as_i64().expect("id");
        let registration = json!({ "kind": "delegation", "name": "Sacramento youth", "country_code": "US", "party_size": 3 });
        created(&app, &format!("/api/v1/events/{id}/registrations"), &registration).await;
        let other = json!({ "kind": "festival", "title_en": "Lantern festival", "planned_on": "2031", "time_zone": "Asia/Shanghai",
            "organiser_unit_id": unit, "status": "planned" });
        created(&app, "/api/v1/events", &other).await;

        let csv = rows(&app.get("/events.csv?year=2031&kind=forum").await);
        assert_eq!(csv[0][..6], ["ID", "Kind", "Series", "Name in English", "Name in Chinese", "When"], "{}", app.name);
        assert_eq!(csv.len(), 2, "only the 2031 forum: {csv:?}");
        let row = &csv[1];
        assert_eq!(row[0], id.to_string());
        assert_eq!(row[3], "'=HYPERLINK(\"http://evil.example\")", "a formula in a title is defused");
        assert_eq!((row[1].as_str(), row[4].as_str(), row[5].as_str()), ("Forum", "友城论坛", "10 Jun 2031 09:00 – 17:30"));
        assert_eq!(
            (row[6].as_str(), row[7].as_str(), row[9].as_str(), row[10].as_str()),
            ("Asia/Shanghai", "Jinan Grand Theatre", "United States", "Sacramento")
        );
        assert_eq!(row[11..15], ["40", "3", "Yes", "Confirmed"], "capacity, seats taken, public, status");
        assert!(!csv.iter().flatten().any(|c| c == "Sacramento youth"), "no registrant leaves with the list");

        let planned = rows(&app.get("/events.csv?year=2031&status=planned").await);
        assert_eq!((planned[1][2].as_str(), planned[1][5].as_str(), planned[1][13].as_str()), ("", "2031, date to be set", "No"));
        let zh = rows(&app.get_lang("/events.csv?year=2023&kind=summit", "zh-CN").await);
        assert_eq!(zh[0][..6], ["编号", "类型", "系列活动", "英文名称", "中文名称", "时间"], "{}", app.name);
        assert_eq!((zh[1][1].as_str(), zh[1][5].as_str(), zh[1][14].as_str()), ("峰会", "2023年，具体日期待定", "计划中"));
        assert!(zh[1][2].contains("11"), "the series with its edition: {:?}", zh[1]);

        assert_workbook(&app, "/events.xlsx?year=2031&lang=zh-CN", "amity-events.xlsx").await;
        assert_eq!(app.get("/events.csv?year=20x1").await.status, 422, "a bad filter is refused, not ignored");
        let page = app.get("/events?kind=forum&year=2031").await;
        assert!(unescaped(&page).contains("href=\"/events.csv?kind=forum&year=2031\""), "the list links to its export");
        assert!(unescaped(&page).contains("href=\"/events.xlsx?kind=forum&year=2031\""));
        let viewer = app.with_token(Some(app.user_token("export-viewer", "viewer", None).await));
        assert_eq!(rows(&viewer.get("/events.csv?year=2031").await).len(), 3, "readers may export");
    }
}

#[tokio::test]
async fn the_delegation_list_exports_what_its_filters_match_without_members_or_travel_documents() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let wakayama = partnership(&app, "wakayama").await;
        let outbound = json!({ "direction": "outbound", "title": "=1+2 Wakayama trade mission", "purpose": "Trade fair",
            "title_zh": "和歌山经贸代表团", "purpose_zh": "参加贸易展",
            "partnership_ids": [wakayama], "countries": ["JP"], "owner_unit_id": unit, "starts_on": "2031-05-10", "ends_on": "2031-05-14",
            "approval_number": "济外审〔2031〕7号",
            "members": [{ "name": "Jane Doe", "role": "head" }, { "name": "John Roe" }] });
        let d = created(&app, "/api/v1/delegations", &outbound).await;
        let id = d["id"].as_i64().expect("id");
        let jane = d["members"][0]["id"].as_i64().expect("member");
        let passport = json!({ "member_id": jane, "kind": "passport", "number": "P7654321", "country": "CN", "valid_until": "2040-01-01" });
        created(&app, &format!("/api/v1/delegations/{id}/travel-documents"), &passport).await;
        let inbound = json!({ "direction": "inbound", "title": "Sacramento youth ambassadors", "countries": ["US"],
            "owner_unit_id": unit, "starts_on": "2031-07-01", "ends_on": "2031-07-03", "approval_number": "not for inbound" });
        created(&app, "/api/v1/delegations", &inbound).await;

        let csv = rows(&app.get("/delegations.csv?year=2031&direction=outbound").await);
        let head =
            ["ID", "Direction", "Delegation in English or its original language", "Delegation in Chinese", "Purpose", "Purpose in Chinese"];
        assert_eq!(csv[0][..6], head, "{}: both languages in their own columns", app.name);
        assert_eq!(csv.len(), 2, "only the outbound visit: {csv:?}");
        let row = &csv[1];
        assert_eq!(row[0], id.to_string());
        assert_eq!((row[1].as_str(), row[2].as_str()), ("Outbound", "'=1+2 Wakayama trade mission"), "a formula in a title is defused");
        assert_eq!(row[3..6], ["和歌山经贸代表团", "Trade fair", "参加贸易展"]);
        assert_eq!((row[6].as_str(), row[7].as_str()), ("Wakayama", "Japan"));
        assert_eq!(row[8..], ["2031-05-10", "2031-05-14", row[10].as_str(), "Proposed", "2", "济外审〔2031〕7号"]);
        assert!(!row[10].is_empty(), "the owner unit is named");
        let everything = app.get("/delegations.csv?year=2031").await.body;
        for secret in ["Jane Doe", "John Roe", "P7654321", "not for inbound"] {
            assert!(!everything.contains(secret), "{secret} stays out of the export");
        }

        let zh = rows(&app.get("/delegations.csv?year=2031&direction=inbound&lang=zh-CN").await);
        assert_eq!(zh[0][..4], ["编号", "类别", "团组名称（英文或原文）", "团组名称（中文）"], "{}", app.name);
        assert_eq!(zh[0][12], "团组人数");
        assert_eq!((zh[1][1].as_str(), zh[1][7].as_str(), zh[1][11].as_str()), ("来访团组", "美国", "拟议"));

        assert_workbook(&app, "/delegations.xlsx?year=2031", "amity-delegations.xlsx").await;
        let page = app.get("/delegations?direction=outbound&year=2031").await;
        assert!(unescaped(&page).contains("href=\"/delegations.csv?direction=outbound&year=2031\""), "the list links to its export");
        assert_eq!(app.get("/delegations.xlsx?country=Japan").await.status, 422, "a bad filter is refused");
    }
}
