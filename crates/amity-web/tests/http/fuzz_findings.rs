//! What the schema-driven fuzzer (`scripts/fuzz-api`, schemathesis) found, each kept as a
//! regression test: an answer the OpenAPI document did not list, or one that contradicted it.

use serde_json::Value;

use super::support::apps;
use amity_web::routes::build;

/// A schema, following its `$ref` when it is one.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
        None => schema,
    }
}

#[tokio::test]
async fn a_bad_page_number_in_the_gift_list_is_a_422_naming_it_not_a_plain_text_400() {
    for app in apps(false).await {
        for q in ["per_page=-1", "page=two"] {
            let r = app.get(&format!("/api/v1/gifts?{q}")).await;
            assert_eq!(r.status, 422, "{}: {q}: {}", app.name, r.body);
            let field = q.split('=').next().unwrap_or_default();
            assert_eq!(r.error_fields(), [field], "{}: {q}", app.name);
        }
        let r = app.get("/api/v1/gifts?page=1&per_page=5").await;
        assert_eq!((r.status.as_u16(), r.json()["per_page"].as_i64()), (200, Some(5)), "{}", app.name);
    }
}

#[tokio::test]
async fn each_status_history_is_documented_with_its_own_statuses_and_a_null_first_from_status() {
    let doc = serde_json::to_value(build().1).expect("json");
    for (path, status, not) in [
        ("/api/v1/events/{id}/history", "planned", "proposed"),
        ("/api/v1/partnerships/{id}/history", "negotiating", "planned"),
        ("/api/v1/delegations/{id}/history", "proposed", "planned"),
    ] {
        let page = resolve(&doc, &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]);
        let change = resolve(&doc, &page["properties"]["items"]["items"]);
        let statuses = resolve(&doc, &change["properties"]["to_status"]);
        let allowed: Vec<&str> = statuses["enum"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        assert!(allowed.contains(&status) && !allowed.contains(&not), "{path}: to_status allows {allowed:?}");
        let from = change["properties"]["from_status"].to_string();
        assert!(from.contains("\"null\""), "{path}: from_status must admit null: {from}");
    }
    // The documented fields are the ones answered.
    for app in apps(true).await {
        let first = app.get("/api/v1/partnerships?per_page=1").await.json()["items"][0]["id"].as_i64().expect("a demo partnership");
        let entry = app.get(&format!("/api/v1/partnerships/{first}/history")).await.json()["items"][0].clone();
        let page = resolve(
            &doc,
            &doc["paths"]["/api/v1/partnerships/{id}/history"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
        );
        let change = resolve(&doc, &page["properties"]["items"]["items"]);
        let mut documented: Vec<&String> = change["properties"].as_object().expect("properties").keys().collect();
        let mut answered: Vec<&String> = entry.as_object().unwrap_or_else(|| panic!("{}: no history entry", app.name)).keys().collect();
        documented.sort();
        answered.sort();
        assert_eq!(documented, answered, "{}", app.name);
    }
}

#[tokio::test]
async fn a_query_parameter_given_twice_is_a_422_naming_it_in_the_error_body() {
    for app in apps(false).await {
        for uri in ["/api/v1/audit?per_page=null&per_page=null", "/api/v1/events?page=1&page=2", "/api/v1/public/events?q=a&q=b"] {
            let r = app.get(uri).await;
            assert_eq!(r.status, 422, "{}: {uri}: {}", app.name, r.body);
            let name = uri.split('?').nth(1).and_then(|q| q.split('=').next()).unwrap_or_default();
            assert_eq!(r.error_fields(), [name], "{}: {uri}", app.name);
        }
        let zh = app.get_lang("/api/v1/events?page=1&page=2", "zh-CN").await;
        assert_eq!(zh.json()["error"]["fields"][0]["message"], "此参数只能给出一次。", "{}", app.name);
        assert_eq!(app.get("/api/v1/events?page=1&unknown=a&unknown=b").await.status, 200, "{}: unknown parameters stay ignored", app.name);
    }
}
