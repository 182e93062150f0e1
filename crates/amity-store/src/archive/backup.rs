//! `backup` and `restore`: a consistent copy of a running database in one file, and that file
//! back into a new database. A backup file is written beside its final name and moved into place
//! only when complete and flushed to disk, and never replaces an existing file.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use tempfile::NamedTempFile;

use super::catalog::Catalog;
use super::error::{ArchiveError, Result, db_err, io, on_file};
use super::export::{ExportSummary, export_all, snapshot};
use super::import::{ImportSummary, Source, Trace, import, load_document};
use super::provenance::{Hashing, LoadKind, Origin};
use crate::Db;
use crate::Pool;
use crate::tx::{Conn, Tx};
use amity_core::store::Store as _;

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What kind of file a backup is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupFormat {
    /// An SQLite database file (the backup of an SQLite database).
    Sqlite,
    /// A JSON export (the backup of a PostgreSQL database).
    Json,
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The backup file.
    pub path: PathBuf,
    /// Its format.
    pub format: BackupFormat,
    /// Its size in bytes.
    pub bytes: u64,
    /// The schema (newest migration) it holds.
    pub schema: String,
    /// Rows per table in the backup.
    pub tables: BTreeMap<String, u64>,
}

impl BackupSummary {
    /// Rows in all.
    pub fn rows(&self) -> u64 {
        self.tables.values().sum()
    }
}

/// Writes a consistent snapshot of the database to `path`, while servers keep working on it:
/// on SQLite with `VACUUM INTO` (an SQLite file that opens as a database), on PostgreSQL as the
/// full JSON export. Refuses an existing `path`.
pub async fn backup(db: &Db, path: &Path) -> Result<BackupSummary> {
    refuse_existing(path)?;
    let tmp = temp_beside(path)?;
    let (format, export) = match db.pool() {
        Pool::Sqlite(pool) => {
            let target = tmp.path().to_str().ok_or_else(|| io(on_file("write", path))(std::io::Error::other("the path is not UTF-8")))?;
            // VACUUM INTO writes into an empty file, reading one snapshot of the database.
            sqlx::query("VACUUM INTO $1").bind(target).execute(pool).await.map_err(db_err("writing the backup"))?;
            (BackupFormat::Sqlite, count_backup(tmp.path()).await?)
        }
        Pool::Postgres(_) => (BackupFormat::Json, export_all(db, tmp.as_file()).await?),
    };
    let bytes = finish(tmp, path)?;
    Ok(BackupSummary { path: path.to_path_buf(), format, bytes, schema: export.schema, tables: export.tables })
}

/// Writes the JSON export of `db` to `path` (see [`export_all`]), completely or not at all;
/// refuses an existing `path`.
pub async fn export_to_file(db: &Db, path: &Path) -> Result<ExportSummary> {
    refuse_existing(path)?;
    let tmp = temp_beside(path)?;
    let summary = export_all(db, tmp.as_file()).await?;
    finish(tmp, path)?;
    Ok(summary)
}

/// Restores a backup (or a JSON export) into `db`, which must be new (see
/// [`import_all`](super::import_all)). An SQLite backup is opened read-only and its rows go
/// through the same import as a document, so it may be restored into PostgreSQL as well.
///
/// The load is recorded in the audit log of `db` with the file's name and SHA-256 and `by`.
pub async fn restore(db: &Db, path: &Path, by: &str) -> Result<ImportSummary> {
    let origin = Origin::new(path.display().to_string(), by);
    let mut file = File::open(path).map_err(io(on_file("open", path)))?;
    let mut head = Vec::with_capacity(SQLITE_HEADER.len());
    file.by_ref().take(SQLITE_HEADER.len() as u64).read_to_end(&mut head).map_err(io(on_file("read", path)))?;
    if head == SQLITE_HEADER {
        let sha256 = Hashing::new(File::open(path).map_err(io(on_file("open", path)))?).finish().map_err(io(on_file("read", path)))?;
        let pool = open_read_only(path).await?;
        let mut source =
            Tx { conn: Conn::Sqlite(pool.begin().await.map_err(db_err("reading the backup"))?), clock: db.clock(), invalidates: false };
        let catalog = Catalog::read(&mut source).await?;
        let trace = Trace { kind: LoadKind::Restore, origin: &origin, sha256, archive_schema: None };
        let done = import(db, Source::Database(&mut source, catalog), trace).await;
        drop(source);
        pool.close().await;
        return done;
    }
    if head.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ArchiveError::NotABackup { path: path.to_path_buf() });
    }
    load_document(db, File::open(path).map_err(io(on_file("open", path)))?, LoadKind::Restore, &origin).await
}

fn refuse_existing(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Err(ArchiveError::Exists { path: path.to_path_buf() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(on_file("check", path))(e)),
    }
}

/// An empty hidden file in the target's directory, removed unless [`finish`] moves it into place.
fn temp_beside(path: &Path) -> Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::Builder::new().prefix(".amity-partial-").tempfile_in(dir).map_err(io(on_file("create a file beside", path)))
}

/// Flushes the finished file to disk and gives it its name (failing if the name was taken
/// meanwhile); returns its size.
fn finish(tmp: NamedTempFile, path: &Path) -> Result<u64> {
    // A fresh handle: SQLite wrote through its own.
    let written = File::open(tmp.path()).and_then(|f| f.sync_all().and_then(|()| f.metadata())).map_err(io(on_file("write", path)))?;
    tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => ArchiveError::Exists { path: path.to_path_buf() },
        _ => io(on_file("write", path))(e.error),
    })?;
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        // The new name is durable once the directory is; not every platform can sync one.
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(written.len())
}

async fn open_read_only(path: &Path) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    SqlitePoolOptions::new().max_connections(1).connect_with(options).await.map_err(db_err("opening the backup"))
}

/// The schema and row counts of a finished SQLite backup, read from the file itself.
async fn count_backup(path: &Path) -> Result<ExportSummary> {
    let pool = open_read_only(path).await?;
    let backup = Db::from(Pool::Sqlite(pool));
    let mut tx = snapshot(&backup).await?;
    let catalog = Catalog::read(&mut tx).await?;
    let mut tables = BTreeMap::new();
    for table in &catalog.tables {
        let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {}", super::catalog::quote(&table.name));
        let n = match &mut tx.conn {
            Conn::Sqlite(c) => sqlx::query_scalar::<_, i64>(&sql).fetch_one(&mut **c).await,
            Conn::Postgres(c) => sqlx::query_scalar::<_, i64>(&sql).fetch_one(&mut **c).await,
        };
        tables.insert(table.name.clone(), n.map_err(db_err("counting the backup's rows"))?.unsigned_abs());
    }
    drop(tx);
    backup.close().await;
    Ok(ExportSummary { schema: catalog.schema, tables })
}
