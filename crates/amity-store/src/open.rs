//! `Db::open`: chooses the database from a URL, connects with Amity's settings, and migrates.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::Db;
use crate::Pool;

/// The schema for SQLite, embedded at build time.
pub(crate) static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");
/// The schema for PostgreSQL (same migration names as SQLite's), embedded at build time.
pub(crate) static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Why the database could not be opened; each message is one line a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL is neither a SQLite path nor a PostgreSQL URL.
    #[error("unsupported database URL: {0} (use a file path, sqlite:PATH or postgres://…)")]
    BadUrl(String),
    /// The server or the file could not be reached or opened.
    #[error("cannot connect to the database at {target}: {reason}")]
    Connect {
        /// Where we tried to connect, without any password.
        target: String,
        /// The driver's reason.
        reason: String,
    },
    /// The file exists but is not a SQLite database; it was left untouched.
    #[error("{} is not an SQLite database (left untouched)", path.display())]
    NotSqlite {
        /// The file.
        path: PathBuf,
    },
    /// The file exists but could not be read (permissions, a directory …).
    #[error("cannot read {}: {reason}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// The schema could not be brought up to date.
    #[error("cannot migrate the database: {0}")]
    Migrate(String),
}

/// Where a URL points.
enum Target {
    SqliteMemory,
    SqliteFile(PathBuf),
    Postgres(Box<PgConnectOptions>),
}

impl Db {
    /// Opens the database named by `url` and migrates it to the current schema.
    ///
    /// `sqlite:PATH`, `sqlite://PATH` or a bare path open (creating if missing) a SQLite file;
    /// `sqlite::memory:` an in-memory database; `postgres://` or `postgresql://` a PostgreSQL server.
    pub async fn open(url: &str) -> Result<Db, OpenError> {
        let db = Db::from(match target(url)? {
            Target::SqliteMemory => Pool::Sqlite(open_sqlite_memory().await?),
            Target::SqliteFile(path) => Pool::Sqlite(open_sqlite_file(&path).await?),
            Target::Postgres(options) => Pool::Postgres(open_postgres(*options).await?),
        });
        db.migrate().await?;
        Ok(db)
    }

    /// Applies the migrations not yet applied (on PostgreSQL under sqlx's advisory lock, so
    /// several servers starting together migrate once).
    pub(crate) async fn migrate(&self) -> Result<(), OpenError> {
        let done = match self.pool() {
            Pool::Sqlite(p) => SQLITE_MIGRATOR.run(p).await,
            Pool::Postgres(p) => POSTGRES_MIGRATOR.run(p).await,
        };
        done.map_err(|e| OpenError::Migrate(e.to_string()))
    }
}

fn target(url: &str) -> Result<Target, OpenError> {
    let url = url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let options = PgConnectOptions::from_str(url).map_err(|e| OpenError::BadUrl(format!("{}: {e}", redact(url))))?;
        return Ok(Target::Postgres(Box::new(options)));
    }
    if matches!(url, "sqlite::memory:" | "sqlite://:memory:") {
        return Ok(Target::SqliteMemory);
    }
    let path = match url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        Some(path) => path,
        None if url.contains("://") => return Err(OpenError::BadUrl(redact(url))),
        None => url,
    };
    if path.is_empty() || path.contains('?') {
        return Err(OpenError::BadUrl(format!("{url}: expected a file path without options")));
    }
    Ok(Target::SqliteFile(PathBuf::from(path)))
}

/// The URL without anything between `://` and `@` (user and password).
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}

/// Refuses an existing, non-empty file that is not a SQLite database, before SQLite opens it
/// (SQLite would otherwise write a journal beside it, or worse, into it).
fn check_sqlite_file(path: &Path) -> Result<(), OpenError> {
    let unreadable = |e: std::io::Error| OpenError::Unreadable { path: path.to_path_buf(), reason: e.to_string() };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unreadable(e)),
    };
    if file.metadata().map_err(unreadable)?.is_dir() {
        return Err(OpenError::Unreadable { path: path.to_path_buf(), reason: "it is a directory".into() });
    }
    let mut header = Vec::with_capacity(SQLITE_HEADER.len());
    file.take(SQLITE_HEADER.len() as u64).read_to_end(&mut header).map_err(unreadable)?;
    if header.is_empty() || header == SQLITE_HEADER { Ok(()) } else { Err(OpenError::NotSqlite { path: path.to_path_buf() }) }
}

/// The page cache of each SQLite connection (`PRAGMA cache_size`; negative: KiB, so 64 MB). The
/// benchmark gives the `sqlite3` shell the same, so that both sides run on equal settings.
pub const SQLITE_CACHE_SIZE: &str = "-65536";
/// The memory map of each SQLite connection (`PRAGMA mmap_size`, bytes: 256 MB).
pub const SQLITE_MMAP_SIZE: &str = "268435456";

async fn open_sqlite_file(path: &Path) -> Result<sqlx::SqlitePool, OpenError> {
    check_sqlite_file(path)?;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true)
        .synchronous(SqliteSynchronous::Normal)
        // SQLite's default page cache is 2 MB; aggregates over a national-scale log (~100 MB)
        // then spend most of their time re-reading pages. 64 MB per connection keeps them warm.
        .pragma("cache_size", SQLITE_CACHE_SIZE)
        // Reads through a shared memory map (up to 256 MB): connections opened for concurrent reads
        // (the calendar reads its sources at once) find the pages warm instead of each re-reading them.
        .pragma("mmap_size", SQLITE_MMAP_SIZE)
        // Deleted rows (erased persons, expired travel documents) are overwritten, not left in free pages.
        .pragma("secure_delete", "ON");
    SqlitePoolOptions::new()
        .connect_with(options)
        .await
        .map_err(|e| OpenError::Connect { target: path.display().to_string(), reason: e.to_string() })
}

/// An in-memory database lives as long as one of its connections, so the pool keeps exactly
/// one open forever; concurrent units of work queue for it instead of seeing different databases.
pub(crate) async fn open_sqlite_memory() -> Result<sqlx::SqlitePool, OpenError> {
    let connect = |e: sqlx::Error| OpenError::Connect { target: "sqlite::memory:".into(), reason: e.to_string() };
    let options = SqliteConnectOptions::from_str("sqlite::memory:").map_err(connect)?.foreign_keys(true).pragma("secure_delete", "ON");
    SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(60))
        .connect_with(options)
        .await
        .map_err(connect)
}

pub(crate) async fn open_postgres(options: PgConnectOptions) -> Result<sqlx::PgPool, OpenError> {
    let target = format!("postgres://{}:{}/{}", options.get_host(), options.get_port(), options.get_database().unwrap_or(""));
    PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| OpenError::Connect { target, reason: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend() {
        assert!(matches!(target("sqlite::memory:"), Ok(Target::SqliteMemory)));
        assert!(matches!(target("sqlite:amity.db"), Ok(Target::SqliteFile(p)) if p == Path::new("amity.db")));
        assert!(matches!(target("sqlite:///var/amity.db"), Ok(Target::SqliteFile(p)) if p == Path::new("/var/amity.db")));
        assert!(matches!(target("data/amity.db"), Ok(Target::SqliteFile(_))));
        assert!(matches!(target("postgresql://u@localhost/amity"), Ok(Target::Postgres(_))));
        assert!(matches!(target("mysql://localhost/amity"), Err(OpenError::BadUrl(_))));
    }

    #[test]
    fn passwords_never_appear_in_messages() {
        assert_eq!(redact("mysql://amity:secret@db/amity"), "mysql://…@db/amity");
    }
}
