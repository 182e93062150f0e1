//! Opening databases: URLs, a new file, and files that are not SQLite databases left untouched.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use amity_store::Pool;
use amity_store::{Db, OpenError};

/// A directory under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("amity-store-{}-{n}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn refused_and_untouched(path: &Path, bytes: &[u8], err: Result<Db, OpenError>) {
    assert!(matches!(err, Err(OpenError::NotSqlite { .. })), "{:?}", err.map(|_| ()));
    assert_eq!(std::fs::read(path).expect("still there"), bytes, "the file was changed");
    let dir = path.parent().expect("dir");
    let names: Vec<_> = std::fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names.len(), 1, "nothing written beside it: {names:?}");
}

#[tokio::test]
async fn a_corrupt_file_is_refused_and_left_byte_identical() {
    // Arrange: bytes no SQLite file starts with (a fixed pseudo-random sequence)
    let dir = TempDir::new("corrupt");
    let path = dir.path("amity.db");
    let mut x: u32 = 0x9e37_79b9;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x.to_le_bytes()[0]
        })
        .collect();
    std::fs::write(&path, &bytes).expect("write");
    // Act
    let result = Db::open(&format!("sqlite:{}", path.display())).await;
    // Assert
    refused_and_untouched(&path, &bytes, result);
}

#[tokio::test]
async fn a_text_file_is_refused_and_left_byte_identical() {
    let dir = TempDir::new("text");
    let path = dir.path("notes.txt");
    let bytes = b"DATABASE_URL=postgres://localhost/amity\n".to_vec();
    std::fs::write(&path, &bytes).expect("write");
    let result = Db::open(path.to_str().expect("utf-8 path")).await;
    refused_and_untouched(&path, &bytes, result);
    let message = format!("{}", OpenError::NotSqlite { path: path.clone() });
    assert!(message.ends_with("is not an SQLite database (left untouched)"), "{message}");
}

#[tokio::test]
async fn a_new_file_is_created_migrated_and_opens_again() {
    // Arrange
    let dir = TempDir::new("new");
    let path = dir.path("amity.db");
    // Act
    let first = Db::open(&format!("sqlite://{}", path.display())).await.expect("create");
    first.close().await;
    let again = Db::open(path.to_str().expect("utf-8 path")).await.expect("reopen");
    // Assert
    let Pool::Sqlite(pool) = &again.pool() else { panic!("expected SQLite") };
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(pool).await.expect("pragma");
    let fks: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(pool).await.expect("pragma");
    assert_eq!((mode.as_str(), fks), ("wal", 1));
    assert_eq!(crate::support::count(&again, "fields").await, 12);
    assert!(std::fs::read(&path).expect("file").starts_with(b"SQLite format 3\0"));
    again.close().await;
}

#[tokio::test]
async fn an_empty_file_is_initialised() {
    let dir = TempDir::new("empty");
    let path = dir.path("amity.db");
    std::fs::write(&path, b"").expect("write");
    let db = Db::open(&format!("sqlite:{}", path.display())).await.expect("open empty file");
    assert_eq!(crate::support::count(&db, "fields").await, 12);
    db.close().await;
}

#[tokio::test]
async fn an_unsupported_scheme_is_a_bad_url_with_a_one_line_message() {
    let err = Db::open("mysql://amity:secret@localhost/amity").await.expect_err("refused");
    let message = err.to_string();
    assert!(matches!(err, OpenError::BadUrl(_)), "{message}");
    assert!(!message.contains("secret") && !message.contains('\n'), "{message}");
}

#[tokio::test]
async fn an_unreachable_postgres_server_is_a_connect_error_without_the_password() {
    let err = Db::open("postgres://amity:secret@127.0.0.1:1/amity").await.expect_err("refused");
    let message = err.to_string();
    assert!(matches!(err, OpenError::Connect { .. }), "{message}");
    assert!(!message.contains("secret"), "{message}");
}

#[tokio::test]
async fn a_directory_is_unreadable_not_overwritten() {
    let dir = TempDir::new("dir");
    let sub = dir.path("amity.db");
    std::fs::create_dir(&sub).expect("mkdir");
    let err = Db::open(sub.to_str().expect("utf-8 path")).await.expect_err("refused");
    assert!(matches!(err, OpenError::Unreadable { .. }), "{err}");
}
