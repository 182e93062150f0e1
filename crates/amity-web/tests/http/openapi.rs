//! The OpenAPI document is good enough to generate a client from: it is a valid OpenAPI 3.1
//! document (checked against the official schema, vendored in `tests/openapi/`), every operation
//! has its own id, every answer a description, the errors a route can give are listed, and local
//! wall times are not typed as instants.

use serde_json::Value;

use amity_web::routes::{Permission, build};

fn document() -> Value {
    let (_, doc, _) = build();
    serde_json::to_value(&doc).expect("json")
}

/// Every operation: (method, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            out.push((method.clone(), path.clone(), op.clone()));
        }
    }
    out
}

#[test]
fn the_document_is_valid_openapi_3_1() {
    let schema: Value =
        serde_json::from_str(include_str!("../openapi/openapi-3.1-schema.json")).expect("the vendored OpenAPI 3.1 schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("the OpenAPI 3.1 schema compiles");
    let doc = document();
    let problems: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(problems.is_empty(), "the OpenAPI document is not valid OpenAPI 3.1:\n{}", problems.join("\n"));
    assert_eq!(doc["openapi"].as_str().map(|v| v.starts_with("3.1")), Some(true), "{}", doc["openapi"]);
}

#[test]
fn every_operation_has_an_id_of_its_own() {
    let doc = document();
    let mut seen = std::collections::HashMap::new();
    for (method, path, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no operationId")).to_string();
        // `<module>_<handler>`: a handler's bare name (`list`, `show`) would be shared by many.
        assert!(id.contains('_'), "{method} {path}: operationId {id:?} is a bare handler name");
        if let Some(other) = seen.insert(id.clone(), format!("{method} {path}")) {
            panic!("operationId {id:?} is used by both {other} and {method} {path}");
        }
    }
    assert!(seen.len() > 100, "{} operations", seen.len());
}

#[test]
fn every_answer_is_described_and_the_errors_a_route_can_give_are_listed() {
    let doc = document();
    let (_, _, table) = build();
    for (method, path, op) in operations(&doc) {
        let responses = op["responses"].as_object().unwrap_or_else(|| panic!("{method} {path}: no responses"));
        for (status, answer) in responses {
            let text = answer["description"].as_str().unwrap_or("");
            assert!(!text.trim().is_empty(), "{method} {path}: answer {status} has no description");
            if status.starts_with('4') {
                assert_eq!(
                    answer["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ErrorBody",
                    "{method} {path} {status}"
                );
            }
        }
        let route = table.iter().find(|r| r.path == path && r.method.as_str().eq_ignore_ascii_case(&method)).expect("registered");
        let mut expected = Vec::new();
        if route.permission != Permission::Public {
            expected.extend(["401", "403"]);
        }
        if method != "get" {
            expected.push("409");
        }
        if path.contains('{') {
            expected.push("404");
        }
        if op.get("requestBody").is_some() {
            expected.extend(["400", "413", "415", "422"]);
        }
        let has_query = op["parameters"].as_array().is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
        if has_query {
            expected.push("422");
        }
        for status in expected {
            assert!(responses.contains_key(status), "{method} {path} does not document {status}");
        }
    }
    // What only the service knows stays listed by the handler: a stale version, a flood of public registrations.
    assert!(doc["paths"]["/api/v1/partnerships/{id}"]["put"]["responses"]["409"].is_object());
    assert!(doc["paths"]["/api/v1/public/events/{id}/registrations"]["post"]["responses"]["429"].is_object());
}

#[test]
fn local_wall_times_are_typed_as_local_times_and_instants_as_timestamps() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let local = [
        ("Event", "starts_local"),
        ("Event", "ends_local"),
        ("PublicEvent", "starts_local"),
        ("PublicEvent", "ends_local"),
        ("Transport", "departs_at"),
        ("Transport", "arrives_at"),
        ("ItineraryItem", "starts_at"),
        ("ItineraryItem", "ends_at"),
    ];
    for (schema, field) in local {
        let p = &schemas[schema]["properties"][field];
        assert_eq!(p["format"], "local-date-time", "{schema}.{field}: {p}");
        let accepts = |v: &str| jsonschema::draft202012::is_valid(p, &Value::from(v));
        assert!(accepts("2023-04-21T15:40:00") && !accepts("2023-04-21T15:40:00Z") && !accepts("2023-04-21"), "{schema}.{field}: {p}");
    }
    for (schema, field) in [("Event", "starts_at"), ("Event", "created_at"), ("PublicEvent", "starts_at")] {
        assert_eq!(schemas[schema]["properties"][field]["format"], "date-time", "{schema}.{field}");
    }
}

#[test]
fn records_mark_the_fields_they_always_carry_as_required() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    for (schema, fields) in [
        ("Event", &["id", "title_en", "title_zh", "status", "time_zone", "version", "created_at"][..]),
        ("Partnership", &["id", "status", "version"][..]),
        ("ErrorBody", &["error"][..]),
        ("ErrorDetail", &["code", "message", "fields"][..]),
    ] {
        let required: Vec<&str> =
            schemas[schema]["required"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        for f in fields {
            assert!(required.contains(f), "{schema}.{f} is not marked required: {required:?}");
        }
    }
}

#[test]
fn path_parameters_are_exactly_the_ones_in_the_path_and_filters_are_query_parameters() {
    // openapi-spec-validator refused the document when list filters were declared `in: path`
    // (their extractor no longer told utoipa where they come from).
    let doc = document();
    for (method, path, op) in operations(&doc) {
        let mut declared: Vec<String> = op["parameters"]
            .as_array()
            .map(|ps| ps.iter().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let mut in_path: Vec<String> = path.split('{').skip(1).filter_map(|piece| piece.split('}').next().map(str::to_string)).collect();
        declared.sort();
        in_path.sort();
        assert_eq!(declared, in_path, "{method} {path}");
    }
    let list = &doc["paths"]["/api/v1/activities"]["get"]["parameters"];
    assert!(list.as_array().is_some_and(|ps| ps.iter().any(|p| p["name"] == "field" && p["in"] == "query")), "{list}");
}
