//! What an import refuses — a database with records, another schema, a broken document, unknown
//! tables, a row the database rejects — and that a refused import has written nothing.

use amity_core::{Actor, UnitInput, unit};
use amity_store::archive::{ArchiveError, import_all};
use amity_store::testing::{each_backend, sqlite};
use serde_json::{Value, json};

use crate::support::{assert_same_data, column, export, origin, parse};

/// An export of the demo, made once on SQLite.
async fn demo_export() -> String {
    let db = sqlite().await;
    amity_core::setup::load_demo(&db, &Actor::System).await.expect("demo");
    export(&db).await
}

fn edited(doc: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut value = parse(doc);
    edit(&mut value);
    value.to_string()
}

#[tokio::test]
async fn import_into_a_database_with_records_is_refused_and_writes_nothing() {
    let doc = demo_export().await;
    for (backend, db) in each_backend().await {
        let input = UnitInput { kind: "city".into(), name_en: "Jinan".into(), ..Default::default() };
        unit::create(&*db, &Actor::System, input).await.expect("unit");
        let before = export(&db).await;

        let refused = import_all(&db, doc.as_bytes(), &origin()).await;

        // The first table (by name) holding a record: the unit, or the audit entry of its creation.
        assert!(matches!(&refused, Err(ArchiveError::NotEmpty { rows: 1, .. })), "{backend}: {refused:?}");
        assert_same_data(&before, &export(&db).await, backend);
    }
}

#[tokio::test]
async fn a_document_of_another_schema_is_refused_with_both_names() {
    let demo = demo_export().await;
    let current = parse(&demo)["schema"].as_str().unwrap_or_default().to_string();
    let doc = edited(&demo, |v| v["schema"] = json!("0000_elsewhere"));
    for (backend, db) in each_backend().await {
        let before = export(&db).await;

        let refused = import_all(&db, doc.as_bytes(), &origin()).await;

        let message = refused.as_ref().err().map(ToString::to_string).unwrap_or_default();
        assert!(matches!(refused, Err(ArchiveError::SchemaMismatch { .. })), "{backend}: {message}");
        assert!(message.contains("0000_elsewhere") && message.contains(&current), "{backend}: {message}");
        assert_same_data(&before, &export(&db).await, backend);
    }
}

#[tokio::test]
async fn a_truncated_document_is_refused_where_it_broke_and_writes_nothing() {
    let doc = demo_export().await;
    let cut = doc.find("\n\"partnerships\":").expect("partnerships table") + 400;
    for (backend, db) in each_backend().await {
        let before = export(&db).await;

        let refused = import_all(&db, &doc.as_bytes()[..cut], &origin()).await;

        let Err(ArchiveError::Malformed { at, .. }) = &refused else { panic!("{backend}: {refused:?}") };
        assert!(at.starts_with("table partnerships, row "), "{backend}: {at}");
        assert_same_data(&before, &export(&db).await, backend);
    }
}

#[tokio::test]
async fn a_value_of_the_wrong_shape_is_refused_with_table_row_and_column() {
    let demo = demo_export().await;
    let name_en = column(&parse(&demo), "units", "name_en");
    let doc = edited(&demo, |v| v["tables"]["units"]["rows"][2][name_en] = json!({"not": "a value"}));
    for (backend, db) in each_backend().await {
        let before = export(&db).await;

        let refused = import_all(&db, doc.as_bytes(), &origin()).await;

        let Err(ArchiveError::Malformed { at, .. }) = &refused else { panic!("{backend}: {refused:?}") };
        assert_eq!(at, "table units, row 2, column name_en", "{backend}");
        assert_same_data(&before, &export(&db).await, backend);
    }
}

#[tokio::test]
async fn a_row_the_database_rejects_rolls_back_every_row_before_it() {
    // A partnership whose home unit does not exist: every table before it was already written.
    let demo = demo_export().await;
    let home = column(&parse(&demo), "partnerships", "home_unit_id");
    let doc = edited(&demo, |v| v["tables"]["partnerships"]["rows"][3][home] = json!(999_999));
    for (backend, db) in each_backend().await {
        let before = export(&db).await;

        let refused = import_all(&db, doc.as_bytes(), &origin()).await;

        let is_partnership_3 = matches!(&refused, Err(ArchiveError::Refused { table, row: 3, .. }) if table == "partnerships");
        assert!(is_partnership_3, "{backend}: {refused:?}");
        assert_same_data(&before, &export(&db).await, backend);
    }
}

#[tokio::test]
async fn unknown_tables_and_columns_are_refused() {
    let demo = demo_export().await;
    let table = edited(&demo, |v| v["tables"]["ghosts"] = json!({"columns": ["id"], "rows": [[1]]}));
    let column = edited(&demo, |v| v["tables"]["settings"]["columns"][1] = json!("colour"));
    for (backend, db) in each_backend().await {
        let refused = import_all(&db, table.as_bytes(), &origin()).await.map(drop).map_err(|e| e.to_string());
        assert_eq!(refused, Err("the archive has table ghosts, which this database does not have".into()), "{backend}");

        let refused = import_all(&db, column.as_bytes(), &origin()).await.map(drop).map_err(|e| e.to_string());
        assert_eq!(refused, Err("the archive has column settings.colour, which this database does not have".into()), "{backend}");
    }
}

#[tokio::test]
async fn a_document_that_is_not_an_export_is_refused() {
    let db = sqlite().await;
    let other = json!({"format": "something-else", "version": 1, "schema": "0001_foundation", "tables": {}}).to_string();

    let refused = import_all(&db, other.as_bytes(), &origin()).await;

    assert!(matches!(&refused, Err(ArchiveError::Malformed { reason, .. }) if reason.contains("something-else")), "{refused:?}");
    assert!(matches!(import_all(&db, &b"[1, 2"[..], &origin()).await, Err(ArchiveError::Malformed { .. })));
}
