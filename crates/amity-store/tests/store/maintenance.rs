//! Erased data does not linger in the database files: SQLite overwrites what it deletes on every
//! connection, and `Db::vacuum` runs on both databases.

use amity_store::testing::each_backend;
use amity_store::{Db, Pool};

use crate::open::TempDir;

const SECRET: &str = "Passport E12345678 of Zhang Wei";

#[tokio::test]
async fn every_sqlite_connection_overwrites_deleted_rows_so_the_file_no_longer_holds_them() {
    // Arrange: a database file, several connections held at once
    let dir = TempDir::new("secure-delete");
    let path = dir.path("amity.db");
    let db = Db::open(path.to_str().expect("utf-8 path")).await.expect("open");
    let Pool::Sqlite(pool) = db.pool() else { unreachable!("a SQLite file") };
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut c = pool.acquire().await.expect("connection");
        let on: i64 = sqlx::query_scalar("PRAGMA secure_delete").fetch_one(&mut *c).await.expect("pragma");
        assert_eq!(on, 1, "secure_delete is on for every connection");
        held.push(c);
    }
    drop(held);
    assert!(db.secure_delete().await.expect("pragma"));
    sqlx::query("CREATE TABLE zz_people (id INTEGER PRIMARY KEY, note TEXT)").execute(pool).await.expect("table");
    for i in 0..20 {
        sqlx::query("INSERT INTO zz_people (id, note) VALUES ($1, $2)").bind(i).bind(format!("keep {i}")).execute(pool).await.expect("row");
    }
    sqlx::query("INSERT INTO zz_people (id, note) VALUES (100, $1)").bind(SECRET).execute(pool).await.expect("row");
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await.expect("checkpoint");
    assert!(file_holds(&path, SECRET), "the row reached the file");

    // Act: delete it, and let the WAL reach the file
    sqlx::query("DELETE FROM zz_people WHERE id = 100").execute(pool).await.expect("delete");
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await.expect("checkpoint");

    // Assert
    assert!(!file_holds(&path, SECRET), "the deleted text is overwritten in the file");
    db.close().await;
}

#[tokio::test]
async fn vacuum_rewrites_both_databases_and_keeps_every_row() {
    for (backend, db) in each_backend().await {
        let before = count_units(&db).await;
        db.vacuum().await.unwrap_or_else(|e| panic!("{backend}: {e}"));
        assert_eq!(count_units(&db).await, before, "{backend}");
    }
}

async fn count_units(db: &Db) -> i64 {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) FROM fields";
    match db.pool() {
        Pool::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        Pool::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

fn file_holds(path: &std::path::Path, text: &str) -> bool {
    let bytes = std::fs::read(path).expect("read the file");
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}
