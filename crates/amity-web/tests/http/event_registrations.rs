//! An event's registrations over HTTP: a waiting list beyond capacity that moves up, a cancelled
//! event refusing them, the participant exports by country with bilingual badges, and a
//! registration edited through its form.

use serde_json::json;

use super::events::{create, forum};
use super::support::apps;

#[tokio::test]
async fn registrations_beyond_capacity_wait_and_move_up_and_a_cancelled_event_refuses_them() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let e = create(&app, &forum(unit, &[], "2030-06-10T09:00", "2030-06-10T17:30")).await;
        let id = e["id"].as_i64().expect("id");
        let url = format!("/api/v1/events/{id}/registrations");
        let mut regs = Vec::new();
        for (name, size) in [("Ann", 1), ("Sacramento delegation", 1), ("Bob", 1)] {
            let kind = if name.contains("delegation") { "delegation" } else { "person" };
            let r = app.json("POST", &url, &json!({ "kind": kind, "name": name, "country_code": "US", "party_size": size })).await;
            assert_eq!(r.status, 201, "{}", r.body);
            regs.push(r.json());
        }
        assert_eq!((regs[2]["status"].as_str(), regs[2]["waiting_position"].as_i64()), (Some("waiting"), Some(1)), "{}", app.name);
        let ann = &regs[0];
        let r = app
            .json(
                "POST",
                &format!("/api/v1/registrations/{}/status", ann["id"]),
                &json!({ "status": "cancelled", "version": ann["version"] }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let bob = app.get(&format!("/api/v1/registrations/{}", regs[2]["id"])).await.json();
        assert_eq!((bob["status"].as_str(), bob["waiting_position"].is_null()), (Some("registered"), true), "{}", app.name);
        let r = app
            .json(
                "POST",
                &format!("/api/v1/registrations/{}/check-in", bob["id"]),
                &json!({ "checked_in": true, "version": bob["version"] }),
            )
            .await;
        assert!(r.json()["checked_in_at"].is_string(), "{}", r.body);
        let page = app.get(&format!("/events/{id}/registrations")).await;
        assert!(page.body.contains("Bob") && page.body.contains("Checked in"), "{}", app.name);

        let cancel = json!({ "status": "cancelled", "reason": "", "version": e["version"] });
        assert_eq!(app.json("POST", &format!("/api/v1/events/{id}/transitions"), &cancel).await.error_fields(), ["reason"]);
        let cancel = json!({ "status": "cancelled", "reason": "Venue unavailable", "version": e["version"] });
        assert_eq!(app.json("POST", &format!("/api/v1/events/{id}/transitions"), &cancel).await.status, 200);
        let refused = app.json("POST", &url, &json!({ "name": "Late" })).await;
        assert_eq!((refused.status.as_u16(), refused.error_fields()), (422, vec!["event_id".to_string()]), "{}", app.name);
        assert!(refused.json()["error"]["fields"][0]["message"].as_str().unwrap_or("").contains("cancelled"));
    }
}

#[tokio::test]
async fn participant_exports_list_seated_people_by_country_with_bilingual_badges() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let mut body = forum(unit, &[], "2030-06-10T09:00", "2030-06-10T17:30");
        body["capacity"] = json!(3);
        let e = create(&app, &body).await;
        let id = e["id"].as_i64().expect("id");
        for (name, zh, cc) in [("Jane Doe", "", "US"), ("Li Wei", "李伟", "CN"), ("=cmd|' /C calc'!A0", "", "US"), ("Late", "", "US")] {
            let r = app
                .json("POST", &format!("/api/v1/events/{id}/registrations"), &json!({ "name": name, "name_zh": zh, "country_code": cc }))
                .await;
            assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
            let seated = if name == "Late" { "waiting" } else { "registered" };
            assert_eq!(r.json()["status"], seated, "{name} on {}", app.name);
        }
        let csv = app.get(&format!("/events/{id}/participants.csv")).await;
        assert_eq!(csv.status, 200);
        assert!(csv.body.contains("Jane Doe") && csv.body.contains("李伟"), "{}", app.name);
        assert!(!csv.body.contains("Late"), "{}: three seats, so the fourth registrant waits and is no participant", app.name);
        let cells: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .flat_map(|rec| rec.expect("a CSV record").iter().map(str::to_string).collect::<Vec<_>>())
            .collect();
        assert!(
            cells.iter().any(|c| c == "'=cmd|' /C calc'!A0"),
            "the seated formula-like name is exported, defused, on {}: {cells:?}",
            app.name
        );
        assert!(cells.iter().all(|c| !c.starts_with(['=', '+', '-', '@'])), "no cell starts a formula on {}: {cells:?}", app.name);
        let xlsx = app.get(&format!("/events/{id}/participants.xlsx")).await;
        assert_eq!(
            xlsx.headers.get("content-type").map(|v| v.to_str().unwrap_or("")),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        let sheet = app.get(&format!("/events/{id}/sign-sheet")).await;
        assert!(sheet.body.contains("Signature") && sheet.body.contains("United States") && sheet.body.contains("China"), "{}", app.name);
        let badges = app.get_lang(&format!("/events/{id}/badges"), "zh-CN").await;
        assert!(badges.body.contains("class=\"badge-name\" lang=\"zh-CN\">李伟") && badges.body.contains("Li Wei"), "{}", app.name);
    }
}

#[tokio::test]
async fn a_registration_is_edited_through_its_form_and_a_bad_departure_is_named() {
    for app in apps(true).await {
        let unit = app.home_unit().await;
        let e = create(&app, &forum(unit, &[], "2030-06-10T09:00", "2030-06-10T17:30")).await;
        let r = app
            .json("POST", &format!("/api/v1/events/{}/registrations", e["id"]), &json!({ "name": "Jane Doe", "arrival": "2030-06-09" }))
            .await
            .json();
        let id = r["id"].as_i64().expect("id");
        let form = app.get(&format!("/registrations/{id}/edit")).await;
        assert!(form.status == 200 && form.body.contains("value=\"Jane Doe\""), "{}", app.name);
        let bad = app.form(&format!("/registrations/{id}"), "name=Jane+Doe&arrival=2030-06-09&departure=2030-06-08&version=1").await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("Departure is before arrival"), "{}", app.name);
        let ok =
            app.form(&format!("/registrations/{id}"), "name=Jane+Doe&name_zh=简&dietary=Vegetarian&interpreter_needed=on&version=1").await;
        assert_eq!(ok.status.as_u16(), 303, "{}", ok.body);
        let got = app.get(&format!("/api/v1/registrations/{id}")).await.json();
        assert_eq!(
            (got["dietary"].as_str(), got["interpreter_needed"].as_bool(), got["version"].as_i64()),
            (Some("Vegetarian"), Some(true), Some(2))
        );
    }
}
