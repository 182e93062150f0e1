//! The relationship lifecycle over HTTP: changes of status through the API and the record page's
//! forms, the rule's refusals, the kept history in both languages, approval milestones, the audit.

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};

use super::support::{Resp, TestApp, apps};

/// Id of the first demo partnership whose name matches `q`.
async fn demo_id(app: &TestApp, q: &str) -> i64 {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0]["id"].as_i64().expect("demo partnership")
}

/// Creates a prospect partnership with London; returns its id and version.
async fn prospect(app: &TestApp) -> (i64, i64) {
    let home = app.home_unit().await;
    let body = json!({ "home_unit_id": home, "city_id": 2643743, "kind": "sister_city", "status": "prospect" });
    let r = app.json("POST", "/api/v1/partnerships", &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    (r.json()["id"].as_i64().expect("id"), r.json()["version"].as_i64().expect("version"))
}

async fn step(app: &TestApp, id: i64, body: Value) -> Resp {
    app.json("POST", &format!("/api/v1/partnerships/{id}/transitions"), &body).await
}

/// The code of the error on `field`.
fn code_of(r: &Resp, field: &str) -> String {
    let fields = r.json()["error"]["fields"].as_array().cloned().unwrap_or_default();
    fields.iter().find(|f| f["field"] == field).map(|f| f["code"].as_str().unwrap_or("").to_string()).unwrap_or_default()
}

#[tokio::test]
async fn a_partnership_walks_the_lifecycle_to_its_end_with_a_successor_and_keeps_every_step() {
    for app in apps(true).await {
        // Arrange
        let (id, mut version) = prospect(&app).await;
        let coventry = demo_id(&app, "coventry").await;
        let steps = [
            json!({ "status": "negotiating", "date": "2023-01", "reason": "first talks in Jinan" }),
            json!({ "status": "letter_of_intent", "date": "2023-06-12", "reason": "letter signed by both mayors" }),
            json!({ "status": "active", "date": "2023-11-03", "reason": "agreement signed" }),
        ];
        // Act and assert, step by step
        for mut s in steps {
            s["version"] = json!(version);
            let r = step(&app, id, s.clone()).await;
            // The answer is the partnership as it now is (as for events and delegations).
            assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
            assert_eq!(r.json()["status"], s["status"], "{}", r.body);
            assert_eq!(r.json()["version"].as_i64(), Some(version + 1), "{}", r.body);
            version = r.json()["version"].as_i64().expect("version");
        }
        let stale =
            step(&app, id, json!({ "status": "suspended", "date": "2024", "reason": "x", "condition": "y", "version": version - 1 })).await;
        assert_eq!(stale.status, 409, "{}", stale.body);
        assert_eq!(stale.error_fields(), ["version"]);
        let no_condition =
            step(&app, id, json!({ "status": "suspended", "date": "2024-02", "reason": "council dissolved", "version": version })).await;
        assert_eq!(no_condition.status, 422);
        assert_eq!(code_of(&no_condition, "condition"), "required", "{}", no_condition.body);
        let suspended = step(
            &app,
            id,
            json!({ "status": "suspended", "date": "2024-02", "reason": "council dissolved",
            "condition": "until the new city council has taken office", "version": version }),
        )
        .await;
        assert_eq!(suspended.status, 200, "{}", suspended.body);
        assert_eq!(suspended.json()["status"], "suspended");
        version += 1;
        let lifted = step(
            &app,
            id,
            json!({ "status": "active", "date": "2024-05", "reason": "new council confirmed the partnership", "version": version }),
        )
        .await;
        assert_eq!(lifted.status, 200, "{}", lifted.body);
        version += 1;
        let ended = step(
            &app,
            id,
            json!({ "status": "ended", "date": "2024-06", "reason": "municipal merger", "ended_by": "partner_side",
            "successor_partnership_id": coventry, "version": version }),
        )
        .await;
        assert_eq!((ended.status.as_u16(), ended.json()["status"].as_str()), (200, Some("ended")), "{}", ended.body);
        version += 1;
        let again = step(&app, id, json!({ "status": "active", "date": "2024-06", "reason": "try again", "version": version })).await;
        assert_eq!(again.status, 422);
        assert_eq!(again.error_fields(), ["status"]);
        assert_eq!(code_of(&again, "status"), "illegal_transition");

        let history = app.get(&format!("/api/v1/partnerships/{id}/history")).await.json();
        let items = history["items"].as_array().expect("items");
        let path: Vec<(&str, &str)> =
            items.iter().map(|h| (h["from_status"].as_str().unwrap_or(""), h["to_status"].as_str().unwrap_or(""))).collect();
        assert_eq!(
            path,
            [
                ("prospect", "negotiating"),
                ("negotiating", "letter_of_intent"),
                ("letter_of_intent", "active"),
                ("active", "suspended"),
                ("suspended", "active"),
                ("active", "ended")
            ],
            "{}",
            app.name
        );
        assert_eq!(items[3]["condition"], "until the new city council has taken office");
        assert_eq!(
            (&items[5]["ended_by"], &items[5]["successor_id"], &items[5]["date"]),
            (&json!("partner_side"), &json!(coventry), &json!("2024-06"))
        );
        assert_eq!(items[0]["actor"], "root");

        let audit = app.get(&format!("/api/v1/audit?entity=partnership&entity_id={id}&action=transition")).await.json();
        assert_eq!(audit["total"], 6, "one audit entry per change on {}", app.name);

        let en = app.get(&format!("/partnerships/{id}")).await;
        assert!(en.body.contains("Status history") && en.body.contains("Negotiating → Letter of intent"), "{}", en.body);
        assert!(en.body.contains("Until: until the new city council has taken office"));
        assert!(en.body.contains("Ended by: The partner"), "{}", en.body);
        assert!(en.body.contains(&format!("href=\"/partnerships/{coventry}\">Coventry</a>")));
        assert!(en.body.contains("This relationship has ended"), "no step is offered after the end");
        let zh = app.get_lang(&format!("/partnerships/{id}"), "zh-CN").await;
        assert!(zh.body.contains("状态变更记录") && zh.body.contains("洽谈中 → 已签意向书"), "{}", zh.body);
        assert!(zh.body.contains("暂停至：until the new city council has taken office") && zh.body.contains("终止方：对方"));
        assert!(zh.body.contains(">考文垂</a>"), "the successor is named in Chinese");
    }
}

#[tokio::test]
async fn a_viewer_may_not_change_the_status_and_a_plain_update_may_not_either() {
    for admin in apps(true).await {
        let (id, version) = prospect(&admin).await;
        let viewer = admin.with_token(Some(admin.user_token("viewer.li", "viewer", None).await));
        let r = step(&viewer, id, json!({ "status": "negotiating", "date": "2024", "reason": "talks", "version": version })).await;
        assert_eq!(r.status, 403, "{}", admin.name);
        assert_eq!(viewer.get(&format!("/api/v1/partnerships/{id}/history")).await.status, 200, "viewers read the history");

        let p = admin.get(&format!("/api/v1/partnerships/{id}")).await.json();
        let mut body = json!({ "home_unit_id": p["home_unit_id"], "city_id": 2643743, "kind": "sister_city", "status": "active", "version": p["version"] });
        let r = admin.json("PUT", &format!("/api/v1/partnerships/{id}"), &body).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(r.error_fields(), ["status"]);
        assert_eq!(code_of(&r, "status"), "use_transition");
        body["status"] = json!("");
        body["notes"] = json!("status left out: kept as it is");
        let r = admin.json("PUT", &format!("/api/v1/partnerships/{id}"), &body).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["status"], "prospect");
        assert!(admin.get(&format!("/api/v1/partnerships/{id}/history")).await.json()["items"].as_array().expect("items").is_empty());
    }
}

#[tokio::test]
async fn approval_milestones_are_added_listed_by_date_deleted_and_audited() {
    for app in apps(true).await {
        // Wakayama: the demo records no milestone for it (it does for Sacramento and Joondalup).
        let id = demo_id(&app, "wakayama").await;
        let url = format!("/api/v1/partnerships/{id}/approvals");
        let national = app.json("POST", &url, &json!({ "kind": "national_approval", "date": "1985-03" })).await;
        assert_eq!(national.status, 201, "{}: {}", app.name, national.body);
        let council =
            app.json("POST", &url, &json!({ "kind": "partner_council", "date": "1984-10-16", "reference": "Resolution 84-512" })).await;
        assert_eq!(council.status, 201);
        let bad = app.json("POST", &url, &json!({ "kind": "other", "date": "2999" })).await;
        assert_eq!(bad.status, 422);
        assert_eq!(bad.error_fields(), ["date", "note"]);

        let listed = app.get(&url).await.json();
        let kinds: Vec<&str> = listed["items"].as_array().expect("items").iter().map(|a| a["kind"].as_str().unwrap_or("")).collect();
        assert_eq!(kinds, ["partner_council", "national_approval"], "by date on {}", app.name);
        assert_eq!(listed["items"][0]["reference"], "Resolution 84-512");
        let zh = app.get_lang(&format!("/partnerships/{id}"), "zh-CN").await;
        assert!(zh.body.contains("审批与备案") && zh.body.contains("对方市议会批准") && zh.body.contains("1984年10月16日"), "{}", zh.body);

        let national_id = national.json()["id"].as_i64().expect("id");
        let del = |path: String| app.send(Request::delete(path).body(Body::empty()).expect("request"));
        assert_eq!(del(format!("{url}/{national_id}")).await.status, 204);
        assert_eq!(del(format!("{url}/{national_id}")).await.status, 404);
        let other = demo_id(&app, "yamaguchi").await;
        let council_id = council.json()["id"].as_i64().expect("id");
        assert_eq!(
            del(format!("/api/v1/partnerships/{other}/approvals/{council_id}")).await.status,
            404,
            "only through its own partnership"
        );
        assert_eq!(app.get(&url).await.json()["total"], 1);
        let audit = app.get("/api/v1/audit?entity=partnership_approval").await.json();
        assert_eq!(audit["total"], 5, "the demo's two, two added, one deleted on {}", app.name);
    }
}

#[tokio::test]
async fn the_record_page_offers_only_the_allowed_steps_and_shows_a_refused_form_again() {
    for app in apps(true).await {
        let id = demo_id(&app, "sacramento").await;
        let page = app.get(&format!("/partnerships/{id}")).await;
        assert!(page.body.contains("Suspend the relationship") && page.body.contains("End the relationship"), "{}", page.body);
        assert!(!page.body.contains("Record a letter of intent") && !page.body.contains("Return to prospect"));
        assert!(
            page.body.contains("Recorded as Agreement signed (active)") && page.body.contains("agreement signed by the mayor"),
            "the demo's first step"
        );

        let r = app.form(&format!("/partnerships/{id}/transitions"), "status=suspended&version=1&date=2024-03&reason=elections").await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("error-summary") && r.body.contains("href=\"#f-condition\""), "{}", r.body);
        assert!(r.body.contains("value=\"2024-03\""), "what was typed is kept");
        let r = app
            .form(
                &format!("/partnerships/{id}/transitions"),
                "status=suspended&version=1&date=2024-03&reason=elections&condition=until+the+new+mayor+takes+office",
            )
            .await;
        assert_eq!(r.status, 303, "{}: {}", app.name, r.body);
        let page = app.get(&format!("/partnerships/{id}")).await;
        assert!(page.body.contains("aria-current=\"step\">Suspended") && page.body.contains("Lift the suspension"), "{}", page.body);
        let r = app.form(&format!("/partnerships/{id}/transitions"), "status=letter_of_intent&version=2&date=2024-04&reason=x").await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("This status cannot follow the current one"), "{}", r.body);

        let r = app.form(&format!("/partnerships/{id}/approvals"), "kind=partner_council&date=1984-10-16&reference=84-512").await;
        assert_eq!(r.status, 303, "{}", r.body);
        let listed = app.get(&format!("/api/v1/partnerships/{id}/approvals")).await.json();
        let added = listed["items"].as_array().expect("items").iter().find(|a| a["reference"] == "84-512").expect("the added one").clone();
        let approval = added["id"].as_i64().expect("id");
        assert!(app.get(&format!("/partnerships/{id}")).await.body.contains("Council approval (partner"), "the approval is listed");
        let r = app.form(&format!("/partnerships/{id}/approvals"), "kind=&date=").await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("href=\"#f-kind\"") && r.body.contains("href=\"#f-date\""), "{}", r.body);
        let r = app.form(&format!("/partnerships/{id}/approvals/{approval}/delete"), "").await;
        assert_eq!(r.status, 303);
        assert_eq!(
            app.get(&format!("/api/v1/partnerships/{id}/approvals")).await.json()["total"],
            1,
            "the demo's council resolution stays"
        );

        let viewer = app.with_token(Some(app.user_token("viewer.wang", "viewer", None).await));
        let page = viewer.get(&format!("/partnerships/{id}")).await;
        assert!(page.body.contains("Status history") && !page.body.contains("Change the status"), "viewers see no actions");
    }
}
