//! `ArchiveError`: why an export, import, backup or restore did not happen, as one line a person can
//! act on. Messages name tables, rows and files, never SQL text; the driver's cause goes to the log.

use std::path::{Path, PathBuf};

/// Why an archive operation failed. On any error an import or restore has written nothing.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The target already holds records (rows beyond what a new database starts with).
    #[error("the target database is not empty (table {table} holds {rows} rows); import and restore need a new database")]
    NotEmpty {
        /// The first table found holding records.
        table: String,
        /// How many rows it holds.
        rows: u64,
    },
    /// The document or backup was made with a different schema than the target's.
    #[error("the archive has schema {found} but this database has schema {expected}; use the Amity version that wrote it")]
    SchemaMismatch {
        /// The target's newest migration.
        expected: String,
        /// The archive's newest migration.
        found: String,
    },
    /// The archive was written by a newer Amity (a schema this one does not know).
    #[error(
        "the archive has schema {archive}, newer than this Amity's schema {this}; restore it with an Amity that knows {archive} (or later)"
    )]
    NewerSchema {
        /// The archive's newest migration.
        archive: String,
        /// This Amity's newest migration.
        this: String,
    },
    /// The document is not a complete, well-formed Amity export.
    #[error("malformed document at {at}: {reason}")]
    Malformed {
        /// Where it broke: a table, row index and column, or a line and column.
        at: String,
        /// What was wrong there.
        reason: String,
    },
    /// The archive holds a table or column the target database does not have.
    #[error("the archive has {what}, which this database does not have")]
    Unknown {
        /// `table x` or `column x.y`.
        what: String,
    },
    /// The database refused a row of the archive (a broken reference, a duplicate key …).
    #[error("row {row} of table {table} was refused: {reason}")]
    Refused {
        /// The table.
        table: String,
        /// The row's index in the archive (0-based).
        row: usize,
        /// The database's one-line reason.
        reason: String,
    },
    /// The backup file already exists; a backup never overwrites one.
    #[error("{} already exists; choose a new file name", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// The file is neither an SQLite database nor an Amity export.
    #[error("{} is neither an SQLite backup nor an Amity export", path.display())]
    NotABackup {
        /// The file.
        path: PathBuf,
    },
    /// A file or stream could not be read or written.
    #[error("{context}: {source}")]
    Io {
        /// What was being read or written.
        context: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The database failed while reading or writing.
    #[error("database error while {doing}: {reason}")]
    Database {
        /// What was being done.
        doing: String,
        /// The driver's one-line reason.
        reason: String,
    },
}

/// The result of an archive operation.
pub type Result<T, E = ArchiveError> = std::result::Result<T, E>;

/// Maps a driver error to [`ArchiveError::Database`], logging the full cause.
pub(crate) fn db_err(doing: &str) -> impl Fn(sqlx::Error) -> ArchiveError + '_ {
    move |e| {
        tracing::error!(error = %e, doing, "archive database error");
        ArchiveError::Database { doing: doing.to_string(), reason: one_line(&e) }
    }
}

/// The driver's message without any SQL text: for a database error only the server's message.
pub(crate) fn one_line(e: &sqlx::Error) -> String {
    let text = match e {
        sqlx::Error::Database(d) => d.message().to_string(),
        other => other.to_string(),
    };
    text.lines().next().unwrap_or_default().to_string()
}

/// Maps an IO error with what was being done to which file.
pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> ArchiveError {
    let context = context.into();
    move |source| ArchiveError::Io { context, source }
}

/// `what path` for IO messages.
pub(crate) fn on_file(what: &str, path: &Path) -> String {
    format!("cannot {what} {}", path.display())
}
