//! Users, tokens, fields, series and country groups page like every other list: `page` and
//! `per_page` (default 50, at most 500), `total` counting every row, a bad value refused naming it.

use serde_json::{Value, json};

use super::support::{TestApp, apps};

async fn page(app: &TestApp, uri: &str) -> Value {
    let r = app.get(uri).await;
    assert_eq!(r.status, 200, "{uri} on {}: {}", app.name, r.body);
    r.json()
}

fn ids(v: &Value) -> Vec<i64> {
    v["items"].as_array().map(|a| a.iter().filter_map(|x| x["id"].as_i64()).collect()).unwrap_or_default()
}

/// Walks `list` two rows at a time: every row once, in the order of the whole list, and `total` right.
async fn pages_cover_the_list(app: &TestApp, list: &str) {
    let whole = page(app, &format!("{list}?per_page=500")).await;
    let total = whole["total"].as_i64().expect("total");
    assert!(total >= 3, "{list} has rows to page on {}: {whole}", app.name);
    let mut seen = Vec::new();
    for n in 1..=((total + 1) / 2) {
        let p = page(app, &format!("{list}?page={n}&per_page=2")).await;
        assert_eq!((p["total"].as_i64(), p["page"].as_i64(), p["per_page"].as_i64()), (Some(total), Some(n), Some(2)), "{list}");
        seen.extend(ids(&p));
    }
    assert_eq!(seen, ids(&whole), "{list} paged on {}", app.name);
    assert_eq!(ids(&page(app, &format!("{list}?page={}&per_page=2", total + 5)).await), Vec::<i64>::new(), "past the end");
    let r = app.get(&format!("{list}?page=-1")).await;
    assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["page".to_string()]), "{list} on {}: {}", app.name, r.body);
}

#[tokio::test]
async fn users_tokens_fields_series_and_groups_are_paged() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        for name in ["alice", "bob", "carol"] {
            let r = app.json("POST", "/api/v1/users", &json!({ "username": name, "role": "viewer" })).await;
            assert_eq!(r.status, 201, "{}", r.body);
        }
        for name in ["laptop", "script"] {
            assert_eq!(app.json("POST", "/api/v1/me/tokens", &json!({ "name": name })).await.status, 201);
        }
        for name in ["Forum", "Festival", "Summit"] {
            let body = json!({ "name_en": name, "name_zh": "系列", "owner_unit_id": home });
            assert_eq!(app.json("POST", "/api/v1/event-series", &body).await.status, 201);
        }
        for list in ["/api/v1/users", "/api/v1/me/tokens", "/api/v1/fields", "/api/v1/event-series", "/api/v1/country-groups"] {
            pages_cover_the_list(&app, list).await;
        }
    }
}

#[tokio::test]
async fn the_list_pages_of_users_fields_series_and_groups_link_their_pages() {
    for app in apps(true).await {
        let home = app.home_unit().await;
        assert_eq!(app.json("POST", "/api/v1/users", &json!({ "username": "dora", "role": "viewer" })).await.status, 201);
        for name in ["Forum", "Festival"] {
            let body = json!({ "name_en": name, "name_zh": "系列", "owner_unit_id": home });
            assert_eq!(app.json("POST", "/api/v1/event-series", &body).await.status, 201);
        }
        for list in ["/admin/users", "/fields", "/event-series", "/groups"] {
            let first = app.get(&format!("{list}?per_page=1")).await;
            assert_eq!(first.status, 200, "{list} on {}", app.name);
            assert!(first.body.contains("rel=\"next\"") && !first.body.contains("rel=\"prev\""), "{list}: {}", first.body);
            let second = app.get(&format!("{list}?page=2&per_page=1")).await;
            assert!(second.body.contains("rel=\"prev\""), "{list} page 2 links back on {}", app.name);
        }
        let fields = app.get("/fields").await;
        assert!(!fields.body.contains("rel=\"next\""), "twelve fields fit on one page");
    }
}
