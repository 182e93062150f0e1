//! Online backups: an SQLite file copied while another task writes, a PostgreSQL database as its
//! export, and restores of both into either backend.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use amity_core::{Actor, UnitInput, unit};
use amity_store::Db;
use amity_store::archive::{ArchiveError, BackupFormat, backup, restore};
use amity_store::testing::{each_backend, postgres, sqlite};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::support::{add_probe, assert_same_data, export, fill};
use amity_store::Pool;

/// The backup file opened read-only (opening it as Amity would switches it to WAL mode).
async fn open_backup(path: &std::path::Path) -> Db {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    Db::from(Pool::Sqlite(SqlitePoolOptions::new().max_connections(1).connect_with(options).await.expect("open the backup")))
}

/// Keeps creating units until `stop` is set; returns how many it created.
fn keep_writing(db: Db, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<u64> {
    tokio::spawn(async move {
        let written = AtomicU64::new(0);
        while !stop.load(Ordering::Relaxed) {
            let input =
                UnitInput { kind: "office".into(), name_en: format!("Busy {}", written.load(Ordering::Relaxed)), ..Default::default() };
            unit::create(&db, &Actor::System, input).await.expect("write during the backup");
            written.fetch_add(1, Ordering::Relaxed);
        }
        written.load(Ordering::Relaxed)
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_taken_while_another_task_writes_is_whole_and_restores_into_postgres() {
    let dir = tempfile::tempdir().expect("temp dir");
    let live = Db::open(dir.path().join("live.db").to_str().expect("utf-8 path")).await.expect("open the live database");
    add_probe(&live).await;
    fill(&live).await;
    let stop = Arc::new(AtomicBool::new(false));
    let writer = keep_writing(live.clone(), stop.clone());
    tokio::time::sleep(Duration::from_millis(100)).await;
    let path = dir.path().join("backup.db");

    let summary = backup(&live, &path).await.expect("backup");

    stop.store(true, Ordering::Relaxed);
    let written = writer.await.expect("writer");
    assert!(written > 0, "the writer ran during the backup");
    assert_eq!(summary.format, BackupFormat::Sqlite);
    let copy = open_backup(&path).await;
    let Pool::Sqlite(pool) = &copy.pool() else { unreachable!() };
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(pool).await.expect("integrity check");
    assert_eq!(check, "ok");
    let copied = export(&copy).await;
    for (backend, target) in each_backend().await {
        add_probe(&target).await;

        let restored = restore(&target, &path, "tester").await.expect("restore");

        assert_eq!(restored.rows(), summary.rows(), "{backend}");
        assert_same_data(&copied, &export(&target).await, &format!("sqlite backup → {backend}"));
    }
}

#[tokio::test]
async fn a_postgres_backup_is_its_export_and_restores_into_sqlite() {
    let Some(pg) = postgres().await else { return };
    add_probe(&pg).await;
    fill(&pg).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("backup.json");

    let summary = backup(&pg, &path).await.expect("backup");

    assert_eq!(summary.format, BackupFormat::Json);
    let target = sqlite().await;
    add_probe(&target).await;
    restore(&target, &path, "tester").await.expect("restore");
    assert_same_data(&export(&pg).await, &export(&target).await, "postgres backup → sqlite");
    let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
    assert_eq!(leftovers, 1, "no partial file is left beside the backup");
}

#[tokio::test]
async fn a_backup_never_overwrites_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("precious.db");
    std::fs::write(&path, b"keep me").expect("write");

    for (backend, db) in each_backend().await {
        let refused = backup(&db, &path).await;

        assert!(matches!(refused, Err(ArchiveError::Exists { .. })), "{backend}: {refused:?}");
        assert_eq!(std::fs::read(&path).expect("read"), b"keep me", "{backend}");
    }
}

#[tokio::test]
async fn restore_refuses_a_file_that_is_no_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "minutes of the meeting").expect("write");
    let db = sqlite().await;

    let refused = restore(&db, &path, "tester").await;

    assert!(matches!(refused, Err(ArchiveError::NotABackup { .. })), "{refused:?}");
}
