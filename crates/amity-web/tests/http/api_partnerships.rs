//! Units and partnerships through the API: create, read, filter, update with versions, delete.

use serde_json::json;

use super::support::apps;

#[tokio::test]
async fn a_partnership_goes_through_create_show_filter_update_and_delete_on_both_backends() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let body = json!({ "home_unit_id": home, "city_id": 2643743, "kind": "friendly_cooperation", "status": "negotiating",
            "established": "2024-05", "established_basis": "letter of intent", "fields": ["culture", "education"], "source_url": "https://example.org/x" });
        let r = app.json("POST", "/api/v1/partnerships", &body).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
        let created = r.json();
        let id = created["id"].as_i64().expect("id");
        assert_eq!(r.headers.get("location").expect("location"), &format!("/api/v1/partnerships/{id}"));
        assert_eq!(created["city"]["name_en"], "London");
        assert_eq!(created["city"]["country"], "GB");
        assert_eq!(created["fields"], json!(["culture", "education"]));

        let shown = app.get(&format!("/api/v1/partnerships/{id}")).await.json();
        assert_eq!(shown["established"], "2024-05");

        let list = app.get("/api/v1/partnerships?kind=friendly_cooperation&country=GB").await.json();
        assert_eq!(list["total"], 1, "{}", app.name);
        let list = app.get("/api/v1/partnerships?q=%E8%90%A8%E5%85%8B").await.json();
        assert_eq!(list["items"][0]["city"]["name_en"], "Sacramento", "萨克 finds Sacramento on {}", app.name);

        let mut update = body.clone();
        update["established_basis"] = json!("letter of intent signed by both mayors");
        update["version"] = created["version"].clone();
        let r = app.json("PUT", &format!("/api/v1/partnerships/{id}"), &update).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["established_basis"], "letter of intent signed by both mayors");
        assert_eq!(r.json()["version"], 2);
        let stale = app.json("PUT", &format!("/api/v1/partnerships/{id}"), &update).await;
        assert_eq!(stale.status, 409, "a stale version is refused");
        assert_eq!(stale.error_fields(), ["version"]);

        assert_eq!(
            app.send(axum::http::Request::delete(format!("/api/v1/partnerships/{id}")).body(axum::body::Body::empty()).expect("req"))
                .await
                .status,
            204
        );
        assert_eq!(app.get(&format!("/api/v1/partnerships/{id}")).await.status, 404);
        assert_eq!(app.partnership_count().await, 15);
    }
}

#[tokio::test]
async fn a_hand_entered_city_needs_country_and_coordinates() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let r = app
            .json(
                "POST",
                "/api/v1/partnerships",
                &json!({ "home_unit_id": home, "city_name_en": "Smalltown", "kind": "sister_city", "status": "prospect" }),
            )
            .await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert!(r.error_fields().contains(&"country".to_string()), "{}: {}", app.name, r.body);
        let ok = json!({ "home_unit_id": home, "city_name_en": "Smalltown", "country": "NZ", "lat": -41.2, "lon": 174.7, "kind": "sister_city", "status": "prospect" });
        let r = app.json("POST", "/api/v1/partnerships", &ok).await;
        assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    }
}

#[tokio::test]
async fn demo_partnerships_are_filtered_sorted_and_paged() {
    for app in apps(true).await {
        let r = app.get("/api/v1/partnerships?sort=established&per_page=3").await.json();
        assert_eq!(r["total"], 15);
        assert_eq!(r["items"][0]["city"]["name_en"], "Wakayama", "Jinan's first sister city comes first on {}", app.name);
        assert_eq!(r["items"].as_array().expect("items").len(), 3);
        let r = app.get("/api/v1/partnerships?country=HU").await.json();
        assert_eq!(r["total"], 2);
        let licheng = app.get("/api/v1/units").await.json()["items"]
            .as_array()
            .expect("units")
            .iter()
            .find(|u| u["name_en"] == "Licheng District")
            .expect("Licheng")["id"]
            .clone();
        let r = app.get(&format!("/api/v1/partnerships?unit={licheng}")).await.json();
        assert_eq!(r["total"], 1);
        assert_eq!(r["items"][0]["city"]["name_zh"], "采格莱德");
    }
}

#[tokio::test]
async fn units_are_created_and_updated_with_versions() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        let r = app
            .json(
                "POST",
                "/api/v1/units",
                &json!({ "parent_id": home, "kind": "bureau", "name_en": "Bureau of Commerce", "name_zh": "商务局" }),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let u = r.json();
        let id = u["id"].as_i64().expect("id");
        let upd = json!({ "parent_id": home, "kind": "bureau", "name_en": "Municipal Bureau of Commerce", "name_zh": "市商务局", "version": u["version"] });
        assert_eq!(app.json("PUT", &format!("/api/v1/units/{id}"), &upd).await.status, 200);
        assert_eq!(app.json("PUT", &format!("/api/v1/units/{id}"), &upd).await.status, 409);
        let cycle = json!({ "parent_id": id, "kind": "bureau", "name_en": "x", "version": 2 });
        let r = app.json("PUT", &format!("/api/v1/units/{id}"), &cycle).await;
        assert_eq!(r.error_fields(), ["parent_id"]);
    }
}

#[tokio::test]
async fn the_office_can_add_a_cooperation_field_once() {
    for app in apps(false).await {
        let f = json!({ "code": "marine_fisheries", "name_en": "Marine fisheries", "name_zh": "海洋渔业" });
        assert_eq!(app.json("POST", "/api/v1/fields", &f).await.status, 201, "{}", app.name);
        assert_eq!(app.json("POST", "/api/v1/fields", &f).await.status, 409, "a second time is a conflict on {}", app.name);
        let all = app.get("/api/v1/fields").await.json();
        assert_eq!(all["total"], 13, "{}", app.name);
        assert_eq!(all["items"][0]["code"], "economy", "{}", app.name);
    }
}
