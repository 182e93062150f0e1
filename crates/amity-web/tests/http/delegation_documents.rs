//! A delegation's travel documents over HTTP: seen only by admins, coordinators and the owner
//! unit's editors; deleted once the retention period after the visit has passed, and hidden when
//! read past it until the sweep deletes them.

use serde_json::json;

use super::delegations::{body, create, day};
use super::support::apps;

#[tokio::test]
async fn travel_documents_are_seen_only_by_admins_coordinators_and_the_owner_units_editors() {
    for app in apps(true).await {
        let d = create(&app, &body(&app, 30).await).await;
        let id = d["id"].as_i64().expect("id");
        let jane = d["members"][0]["id"].as_i64().expect("member");
        let uri = format!("/api/v1/delegations/{id}/travel-documents");
        // A passport ending within six months of the return is flagged.
        let r = app
            .json(
                "POST",
                &uri,
                &json!({ "member_id": jane, "kind": "passport", "number": "P7654321", "country": "US", "valid_until": day(100) }),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let r = app.json("POST", &uri, &json!({ "member_id": 999_999, "kind": "visa", "valid_until": day(40) })).await;
        assert_eq!(r.error_fields(), ["member_id"]);
        assert_eq!(app.get(&uri).await.json()["total"], 1);
        let alerts = app.get("/api/v1/travel-documents/alerts").await.json();
        assert_eq!(alerts["items"][0]["alert"], "passport_under_six_months", "{alerts}");
        assert!(alerts["items"][0].get("number").is_none(), "alerts carry no document number");
        assert!(app.get(&format!("/delegations/{id}")).await.body.contains("P7654321"));
        assert!(app.get("/attention").await.body.contains("Jane Doe"), "the needs-attention page flags it");

        let viewer = app.with_token(Some(app.user_token("t-viewer", "viewer", None).await));
        assert_eq!(viewer.get(&uri).await.status, 403, "{}", app.name);
        assert_eq!(viewer.get("/api/v1/travel-documents/alerts").await.status, 403);
        let page = viewer.get(&format!("/delegations/{id}")).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("P7654321"), "a viewer never sees a passport number");
        assert!(!viewer.get("/attention").await.body.contains("P7654321"));
        assert!(!viewer.get(&format!("/delegations/{id}/invitation")).await.body.contains("P7654321"));
        let auditor = app.with_token(Some(app.user_token("t-auditor", "auditor", None).await));
        assert_eq!(auditor.get(&uri).await.status, 403);

        let units = app.get("/api/v1/units").await.json();
        let licheng =
            units["items"].as_array().expect("units").iter().find(|u| u["name_en"] == "Licheng District").expect("unit")["id"].as_i64();
        let other = app.with_token(Some(app.user_token("t-licheng", "unit_editor", licheng).await));
        assert_eq!(other.get(&uri).await.status, 403, "an editor of another unit");
        assert!(!other.get(&format!("/delegations/{id}")).await.body.contains("P7654321"));
        let coordinator = app.with_token(Some(app.user_token("t-coord", "coordinator", None).await));
        assert_eq!(coordinator.get(&uri).await.json()["items"][0]["number"], "P7654321");
        assert!(coordinator.get(&format!("/delegations/{id}/invitation")).await.body.contains("P7654321"), "the letter may carry it");

        // The audit log never keeps the number.
        let audit = app.get("/api/v1/audit?entity=travel_document").await.body;
        assert!(audit.contains("passport") && !audit.contains("P7654321"), "{audit}");
    }
}

#[tokio::test]
async fn travel_documents_are_deleted_once_the_retention_period_after_the_visit_has_passed() {
    for app in apps(true).await {
        let past = create(&app, &body(&app, -20).await).await;
        let id = past["id"].as_i64().expect("id");
        let uri = format!("/api/v1/delegations/{id}/travel-documents");
        let jane = past["members"][0]["id"].clone();
        let r = app.json("POST", &uri, &json!({ "member_id": jane, "kind": "visa", "valid_until": day(-10) })).await;
        assert_eq!(r.status, 201, "within the default 90 days: {}", r.body);
        assert_eq!(app.get("/api/v1/settings/travel-document-retention").await.json()["days"], 90);
        let viewer = app.with_token(Some(app.user_token("r-viewer", "viewer", None).await));
        assert_eq!(viewer.json("PUT", "/api/v1/settings/travel-document-retention", &json!({ "days": 5 })).await.status, 403);
        let r = app.json("PUT", "/api/v1/settings/travel-document-retention", &json!({ "days": 5000 })).await;
        assert_eq!(r.error_fields(), ["days"]);
        let r = app.json("PUT", "/api/v1/settings/travel-document-retention", &json!({ "days": 5 })).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(app.get(&uri).await.json()["total"], 0, "the visit ended 18 days ago: deleted on {}", app.name);
        let r = app.json("POST", &uri, &json!({ "member_id": jane, "kind": "visa", "valid_until": day(-10) })).await;
        assert_eq!(r.error_fields(), ["valid_until"], "nothing is added past retention");
        let purged = app.get("/api/v1/audit?entity=travel_document&action=purge").await.json();
        assert!(purged["total"].as_i64().unwrap_or(0) >= 1, "{purged}");
    }
}

#[tokio::test]
async fn reading_travel_documents_past_retention_hides_them_and_leaves_the_deleting_to_the_sweep() {
    use amity_core::delegation::{RETENTION_SETTING, documents};
    use amity_core::store::{SettingStore, Store, Tx as _};
    for app in apps(true).await {
        let past = create(&app, &body(&app, -20).await).await;
        let id = past["id"].as_i64().expect("id");
        let uri = format!("/api/v1/delegations/{id}/travel-documents");
        let jane = past["members"][0]["id"].clone();
        let r =
            app.json("POST", &uri, &json!({ "member_id": jane, "kind": "passport", "number": "P1234567", "valid_until": day(400) })).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        // The period shortens behind the service's back (as if another server's admin changed it
        // and its purge had not reached this document yet).
        let mut tx = app.db.begin().await.expect("tx");
        tx.set_setting(RETENTION_SETTING, "5", chrono::Utc::now()).await.expect("setting");
        tx.commit().await.expect("commit");

        assert_eq!(app.get(&uri).await.json()["total"], 0, "past retention: not shown on {}", app.name);
        assert!(!app.get(&format!("/delegations/{id}")).await.body.contains("P1234567"), "nor on the page");
        assert!(!app.get(&format!("/delegations/{id}/invitation")).await.body.contains("P1234567"), "nor in the letter");
        let today = chrono::Utc::now().date_naive();
        let swept = documents::purge_expired(&**app.db, today).await.expect("sweep");
        assert_eq!(swept, 1, "the reads deleted nothing: the sweep still finds the document on {}", app.name);
    }
}
