//! Units of work: rollback on drop, writers queueing instead of failing, ping.

use amity_core::store::{CityStore, SettingStore, Store, Tx as _, UnitStore};
use amity_store::Db;
use amity_store::testing::each_backend;

use crate::open::TempDir;
use crate::support::{JINAN, at, count, linked, unit, valid};

#[tokio::test]
async fn a_transaction_dropped_without_commit_leaves_nothing() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.insert_unit(&unit("Jinan", "济南", "city", None), at(1)).await.expect(backend);
        tx.upsert_city(&valid(&linked(1, JINAN, "", &[])).city).await.expect(backend);
        tx.set_setting("office_time_zone", "Asia/Shanghai", at(1)).await.expect(backend);
        // Act
        drop(tx);
        // Assert
        for table in ["units", "foreign_cities", "settings"] {
            assert_eq!(count(&db, table).await, 0, "{backend}: {table}");
        }
    }
}

#[tokio::test]
async fn ping_answers() {
    for (backend, db) in each_backend().await {
        db.ping().await.expect(backend);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_read_then_write_transactions_queue_and_all_commit() {
    for (backend, db) in each_backend().await {
        eight_writers(backend, &db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writers_on_a_sqlite_file_queue_instead_of_failing_busy() {
    let dir = TempDir::new("writers");
    let db = Db::open(&format!("sqlite:{}", dir.path("amity.db").display())).await.expect("open file");
    eight_writers("sqlite file", &db).await;
    db.close().await;
}

/// Eight tasks, each reading then writing in one unit of work (the pattern that makes a
/// deferred SQLite transaction fail with SQLITE_BUSY on lock upgrade).
async fn eight_writers(backend: &str, db: &Db) {
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                let seen = tx.list_units().await?.len();
                tokio::task::yield_now().await;
                tx.insert_unit(&unit(&format!("Unit {i} after {seen}"), "", "office", None), at(1)).await?;
                tx.commit().await
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task").unwrap_or_else(|e| panic!("{backend}: a writer failed: {e:?}"));
    }
    assert_eq!(count(db, "units").await, 8, "{backend}");
}
