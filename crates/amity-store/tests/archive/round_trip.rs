//! The round trip: export, import into a new database of each backend, export again, and compare
//! every table — SQLite→SQLite, SQLite→PostgreSQL, PostgreSQL→SQLite, PostgreSQL→PostgreSQL.

use amity_store::testing::each_backend;
use serde_json::{Value, json};

use crate::support::{MICROS, add_probe, assert_same_data, column, export, fill, import, parse, rows};

#[tokio::test]
async fn every_table_survives_a_round_trip_between_every_pair_of_backends() {
    for (from, source) in each_backend().await {
        add_probe(&source).await;
        fill(&source).await;
        let original = export(&source).await;

        for (to, target) in each_backend().await {
            add_probe(&target).await;
            import(&target, &original).await;
            let again = export(&target).await;

            assert_same_data(&original, &again, &format!("{from} → {to}"));
        }
    }
}

#[tokio::test]
async fn bytes_booleans_floats_instants_and_dates_export_alike_on_both_backends() {
    let mut exports = Vec::new();
    for (backend, db) in each_backend().await {
        add_probe(&db).await;
        fill(&db).await;
        let doc = export(&db).await;
        exports.push((backend, parse(&doc)));
    }
    for (backend, doc) in &exports {
        assert_eq!(doc["format"], "amity-export", "{backend}");
        assert_eq!(doc["version"], 1, "{backend}");
        assert_eq!(doc["schema"], exports[0].1["schema"], "{backend}");
        let names: Vec<&String> = doc["tables"].as_object().expect("tables").keys().collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{backend}: tables sorted by name");
        assert!(!names.iter().any(|n| n.starts_with("_sqlx")), "{backend}: no migration bookkeeping");
        let probe = rows(doc, "zz_probe");
        assert_eq!(
            probe[0],
            json!([1, {"base64": "AAEC/v9QSw=="}, true, 0.1, MICROS, "2024-02-29", "כפר סבא"]),
            "{backend}: bytes, booleans, floats, instants, dates, text"
        );
        assert_eq!(probe[1], json!([2, null, false, null, "1999-12-31T16:00:00.000000Z", null, null]), "{backend}: NULLs");
    }
}

#[tokio::test]
async fn rows_come_in_primary_key_order_with_normalised_values() {
    for (backend, db) in each_backend().await {
        add_probe(&db).await;
        fill(&db).await;

        let doc = parse(&export(&db).await);

        let units = rows(&doc, "units");
        let [id, parent, created, updated] = ["id", "parent_id", "created_at", "updated_at"].map(|c| column(&doc, "units", c));
        let ids: Vec<i64> = units.iter().filter_map(|r| r[id].as_i64()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{backend}: units by id");
        assert!(units.iter().any(|r| r[updated] == MICROS), "{backend}: microseconds kept");
        let mut stamps = units.iter().map(|r| r[created].as_str().unwrap_or_default());
        assert!(stamps.all(|s| s.len() == 27 && s.ends_with('Z')), "{backend}: RFC 3339 UTC with microseconds");
        let late_parent = units.iter().any(|r| r[parent].as_i64().is_some_and(|p| Some(p) > r[id].as_i64()));
        assert!(late_parent, "{backend}: a unit whose parent has a higher id");
        let cities = rows(&doc, "foreign_cities");
        let [native, verified] = ["name_native", "name_zh_verified"].map(|c| column(&doc, "foreign_cities", c));
        assert!(cities.iter().any(|r| r[native] == "כפר סבא"), "{backend}: right-to-left text");
        assert!(cities.iter().all(|r| r[verified].is_boolean()), "{backend}: name_zh_verified is a boolean");
        let settings = rows(&doc, "settings");
        let keys: Vec<&str> = settings.iter().filter_map(|r| r[0].as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{backend}: text keys in byte order");
        let [established, notes] = ["established", "notes"].map(|c| column(&doc, "partnerships", c));
        let bare = rows(&doc, "partnerships").iter().any(|r| r[established] == Value::Null && r[notes] == Value::Null);
        assert!(bare, "{backend}: a partnership with NULLs");
    }
}
