//! A delegation's printable pages and the demo's sourced visit, gifts of the registry linked to a
//! visit, outbound visits without an approval number on the needs-attention list, and the history
//! of its changes of status in both languages.

use serde_json::{Value, json};

use super::delegations::{body, create, day, delete, status};
use super::support::apps;

#[tokio::test]
async fn the_pages_print_and_the_demo_holds_the_sourced_visit_to_trinidad_and_tobago() {
    for app in apps(true).await {
        let list = app.get("/api/v1/delegations?country=TT").await.json();
        assert_eq!(list["total"], 1, "{}", app.name);
        let tt = &list["items"][0];
        assert_eq!(
            (tt["starts_on"].as_str(), tt["ends_on"].as_str(), tt["status"].as_str()),
            (Some("2023-04-21"), Some("2023-04-23"), Some("completed"))
        );
        let id = tt["id"].as_i64().expect("id");
        let d = app.get(&format!("/api/v1/delegations/{id}")).await.json();
        assert_eq!(d["source_url"], "https://www.investt.co.tt/news-and-events/shangdon-province-pinpoin/");
        assert!(d["members"].as_array().is_some_and(Vec::is_empty), "no invented members");

        let en = app.get_lang("/delegations?year=2023", "en").await;
        assert!(en.body.contains("Trinidad and Tobago") && en.body.contains("Completed"), "{}", app.name);
        let zh = app.get_lang(&format!("/delegations/{id}"), "zh-CN").await;
        assert!(zh.body.contains("出访团组") && zh.body.contains("已完成") && zh.body.contains("特立尼达"), "{}", zh.body);
        assert!(zh.body.contains("该出访团组尚未登记批件文号"));
        let letter = app.get(&format!("/delegations/{id}/invitation")).await;
        assert_eq!(letter.status, 200);
        assert!(letter.body.contains("邀请函") && letter.body.contains("Letter of invitation"), "bilingual");
        assert!(
            letter.body.contains("Jinan Municipal Foreign Affairs Office") && letter.body.contains("济南市人民政府外事办公室"),
            "letterhead"
        );
        let mine = create(&app, &body(&app, 30).await).await["id"].as_i64().expect("id");
        let itin = app.get_lang(&format!("/delegations/{mine}/itinerary"), "en").await;
        assert!(itin.body.contains("School visit") && itin.body.contains("UA 857"), "{}", app.name);
        for uri in ["/delegations/new".to_string(), format!("/delegations/{mine}/edit")] {
            let r = app.get_lang(&uri, "zh-CN").await;
            assert_eq!(r.status, 200, "{uri}");
            assert!(r.body.contains("我方对等身份"), "{uri}");
        }
        let viewer = app.with_token(Some(app.user_token("p-viewer", "viewer", None).await));
        assert_eq!(viewer.get("/delegations/new").await.status, 403);
        assert!(!viewer.get(&format!("/delegations/{mine}")).await.body.contains("/transitions\""), "no status actions for viewers");
    }
}

#[tokio::test]
async fn gifts_of_the_registry_are_linked_to_a_visit_once_and_unlinked() {
    for app in apps(true).await {
        let id = create(&app, &body(&app, -5).await).await["id"].as_i64().expect("id");
        let gift = app
            .json(
                "POST",
                "/api/v1/gifts",
                &json!({ "direction": "given", "given_on": day(-4), "description": "Porcelain vase", "disclosure": "pending" }),
            )
            .await;
        assert_eq!(gift.status, 201, "{}", gift.body);
        let gid = gift.json()["id"].as_i64().expect("gift");
        let uri = format!("/api/v1/delegations/{id}/gifts");
        for _ in 0..2 {
            assert_eq!(app.json("POST", &uri, &json!({ "gift_id": gid })).await.status, 201, "{}", app.name);
        }
        let linked = app.get(&uri).await.json();
        assert_eq!(
            (linked["total"].as_i64(), linked["items"][0]["description"].as_str()),
            (Some(1), Some("Porcelain vase")),
            "linked once"
        );
        assert!(app.get(&format!("/delegations/{id}")).await.body.contains("Porcelain vase"));
        assert_eq!(app.json("POST", &uri, &json!({ "gift_id": 999_999 })).await.error_fields(), ["gift_id"]);
        let viewer = app.with_token(Some(app.user_token("g-viewer", "viewer", None).await));
        assert_eq!(viewer.json("POST", &uri, &json!({ "gift_id": gid })).await.status, 403);
        assert_eq!(delete(&app, &format!("{uri}/{gid}")).await, 204);
        assert_eq!(app.get(&uri).await.json()["total"], 0);
        assert_eq!(app.get(&format!("/api/v1/gifts/{gid}")).await.status, 200, "the gift stays in the registry");
    }
}

#[tokio::test]
async fn approved_outbound_visits_without_an_approval_number_need_attention() {
    for app in apps(true).await {
        let mut b = body(&app, 60).await;
        (b["direction"], b["title"]) = (json!("outbound"), json!("Visit to Trinidad and Tobago"));
        let id = create(&app, &b).await["id"].as_i64().expect("id");
        let listed = |a: &Value| a["visits_without_approval"].as_array().expect("list").iter().any(|v| v["id"] == id);
        assert!(!listed(&app.get("/api/v1/attention").await.json()), "{}: proposed and two months away", app.name);
        assert_eq!(status(&app, id, "approved").await.0, 200, "{}", app.name);
        assert!(listed(&app.get("/api/v1/attention").await.json()), "{}: approved with no number", app.name);
        assert!(app.get("/attention").await.body.contains("Outbound visits without an approval number (1)"), "{}", app.name);
        assert!(app.get_lang("/attention", "zh-CN").await.body.contains("尚无批件文号的出访团组"), "{}", app.name);

        (b["title"], b["approval_number"]) = (json!("Visit to Sacramento"), json!("Approval 2027-12"));
        let numbered = create(&app, &b).await["id"].as_i64().expect("id");
        assert_eq!(status(&app, numbered, "approved").await.0, 200);
        let a = app.get("/api/v1/attention").await.json();
        assert_eq!(a["visits_without_approval"].as_array().map(Vec::len), Some(1), "{}: the numbered one is not listed: {a}", app.name);
    }
}

#[tokio::test]
async fn a_delegations_changes_of_status_are_kept_as_history_shown_in_both_languages() {
    for app in apps(true).await {
        let id = create(&app, &body(&app, -10).await).await["id"].as_i64().expect("id");
        assert_eq!(status(&app, id, "approved").await.0, 200, "{}", app.name);
        let version = app.get(&format!("/api/v1/delegations/{id}")).await.json()["version"].clone();
        let with_reason = json!({ "status": "cancelled", "reason": "Visa refused", "date": day(-9), "version": version });
        let r = app.json("POST", &format!("/api/v1/delegations/{id}/transitions"), &with_reason).await;
        assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
        let (code, refused) = status(&app, id, "completed").await;
        assert_eq!((code, refused["error"]["fields"][0]["code"].as_str()), (422, Some("illegal_transition")), "{}: {refused}", app.name);

        let history = app.get(&format!("/api/v1/delegations/{id}/history")).await.json();
        let steps: Vec<(Value, Value)> =
            history["items"].as_array().expect("items").iter().map(|h| (h["from_status"].clone(), h["to_status"].clone())).collect();
        assert_eq!(
            steps,
            [(Value::Null, json!("proposed")), (json!("proposed"), json!("approved")), (json!("approved"), json!("cancelled"))],
            "{}",
            app.name
        );
        assert_eq!((history["items"][2]["reason"].as_str(), history["items"][2]["date"].as_str()), (Some("Visa refused"), Some(&*day(-9))));
        let audit = app.get(&format!("/api/v1/audit?entity=delegation&entity_id={id}&action=transition")).await.json();
        assert_eq!(audit["total"], 2, "each change audited once on {}", app.name);

        let en = app.get_lang(&format!("/delegations/{id}"), "en").await;
        assert!(en.body.contains("Status history") && en.body.contains("Visa refused"), "{}", app.name);
        let zh = app.get_lang(&format!("/delegations/{id}"), "zh-CN").await;
        assert!(zh.body.contains("状态变更记录") && zh.body.contains("Visa refused"), "{}", app.name);
    }
}
