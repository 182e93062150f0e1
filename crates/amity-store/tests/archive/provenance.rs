//! Whole-database loads leave a trace (the file, its SHA-256, the rows, who), and archives carry
//! their schema: an older one is migrated forward on the way in, a newer one is refused.

use amity_core::Actor;
use amity_store::archive::{ArchiveError, Origin, backup, import_all, restore};
use amity_store::testing::{each_backend, each_backend_before, sqlite};
use amity_store::{Db, Pool};
use chrono::{TimeZone, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::support::{assert_same_data, export, load_entries, parse};

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

async fn demo_export() -> String {
    let db = sqlite().await;
    amity_core::setup::load_demo(&db, &Actor::System).await.expect("demo");
    export(&db).await
}

async fn scalar(db: &Db, sql: &str) -> Option<i64> {
    match db.pool() {
        Pool::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        Pool::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[tokio::test]
async fn an_import_records_the_file_its_sha256_the_row_counts_and_who_ran_it_in_the_loaded_database() {
    let doc = demo_export().await;
    let rows: u64 =
        parse(&doc)["tables"].as_object().expect("tables").values().map(|t| t["rows"].as_array().map_or(0, Vec::len) as u64).sum();
    for (backend, db) in each_backend().await {
        import_all(&db, doc.as_bytes(), &Origin::new("office-2026-12-07.json", "wang")).await.expect(backend);

        let entries = load_entries(&parse(&export(&db).await));
        assert_eq!(entries.len(), 1, "{backend}: one entry for the load");
        let e = &entries[0];
        assert_eq!(e["file"], "office-2026-12-07.json", "{backend}");
        assert_eq!(e["sha256"], json!(sha256(doc.as_bytes())), "{backend}");
        assert_eq!(e["by"], "wang", "{backend}");
        assert_eq!(e["rows"], json!(rows), "{backend}");
        assert_eq!(e["tables"]["fields"], json!(12), "{backend}");
        assert_eq!(e["schema"], parse(&doc)["schema"], "{backend}");
    }
}

#[tokio::test]
async fn a_restore_records_the_backup_file_and_its_sha256_in_the_restored_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = Db::open(dir.path().join("live.db").to_str().expect("utf-8 path")).await.expect("open");
    amity_core::setup::load_demo(&source, &Actor::System).await.expect("demo");
    let path = dir.path().join("backup.db");
    backup(&source, &path).await.expect("backup");
    let digest = sha256(&std::fs::read(&path).expect("the backup"));
    for (backend, db) in each_backend().await {
        restore(&db, &path, "li").await.expect(backend);

        let entries = load_entries(&parse(&export(&db).await));
        assert_eq!(entries.len(), 1, "{backend}");
        assert_eq!(entries[0]["file"], json!(path.display().to_string()), "{backend}");
        assert_eq!(entries[0]["sha256"], json!(digest), "{backend}");
        assert_eq!(entries[0]["by"], "li", "{backend}");
    }
}

/// A database of schema 0015 holding a gift whose value 0016 converts to minor units.
async fn old_office() -> Vec<(&'static str, amity_store::testing::BackendGuard)> {
    let old = each_backend_before(16).await;
    const SQL: &str = "INSERT INTO gifts (direction, given_on, description, value, currency, disclosure, created_at, updated_at) \
                       VALUES ('received', '1993', 'a vase', '1200.5', 'CNY', 'not_required', $1, $1)";
    let now = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).single().expect("a time");
    for (backend, db) in &old {
        match db.pool() {
            Pool::Sqlite(p) => sqlx::query(SQL).bind(now).execute(p).await.map(drop),
            Pool::Postgres(p) => sqlx::query(SQL).bind(now).execute(p).await.map(drop),
        }
        .unwrap_or_else(|e| panic!("{backend}: {e}"));
    }
    old
}

#[tokio::test]
async fn an_export_of_an_older_schema_is_migrated_forward_on_import_into_either_backend() {
    for (from, old) in old_office().await {
        let doc = export(&old).await;
        assert_eq!(parse(&doc)["schema"], "0015_status_changes", "{from}");
        for (to, db) in each_backend().await {
            // The newest schema, whatever migration that is: the empty database is at it.
            let newest = parse(&export(&db).await)["schema"].clone();
            assert_ne!(newest, "0015_status_changes", "{to}");
            import_all(&db, doc.as_bytes(), &Origin::new("old.json", "tester")).await.unwrap_or_else(|e| panic!("{from} → {to}: {e}"));

            let now = parse(&export(&db).await);
            assert_eq!(now["schema"], newest, "{from} → {to}");
            assert_eq!(scalar(&db, "SELECT value_minor FROM gifts").await, Some(120_050), "{from} → {to}: 0016 ran on the rows");
            let entries = load_entries(&now);
            assert_eq!(entries[0]["archive_schema"], "0015_status_changes", "{from} → {to}");
            assert_eq!(entries[0]["schema"], newest, "{from} → {to}");
        }
    }
}

#[tokio::test]
async fn a_restore_of_an_older_backup_file_migrates_it_forward() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = old_office().await;
    let (_, sqlite_old) = &old[0];
    let path = dir.path().join("old.json");
    std::fs::write(&path, export(sqlite_old).await).expect("the old backup");
    for (backend, db) in each_backend().await {
        restore(&db, &path, "tester").await.unwrap_or_else(|e| panic!("{backend}: {e}"));

        assert_eq!(scalar(&db, "SELECT value_minor FROM gifts").await, Some(120_050), "{backend}");
    }
}

#[tokio::test]
async fn an_export_of_a_newer_schema_is_refused_naming_both_versions_and_writes_nothing() {
    let mut doc = parse(&demo_export().await);
    let ours = doc["schema"].as_str().expect("schema").to_string();
    doc["schema"] = json!("0099_from_the_future");
    let doc = doc.to_string();
    for (backend, db) in each_backend().await {
        let before = export(&db).await;

        let refused = import_all(&db, doc.as_bytes(), &Origin::new("new.json", "tester")).await;

        let message = refused.as_ref().err().map(ToString::to_string).unwrap_or_default();
        assert!(matches!(refused, Err(ArchiveError::NewerSchema { .. })), "{backend}: {message}");
        assert!(message.contains("0099_from_the_future") && message.contains(&ours), "{backend}: {message}");
        assert_same_data(&before, &export(&db).await, backend);
    }
}
