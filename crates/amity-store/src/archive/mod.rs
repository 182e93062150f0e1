//! The whole database in one file and back: a JSON export that either backend can import, and an
//! online backup with its restore. Generic over the schema: tables, columns, types and keys are
//! read from the database's own catalog at run time, so tables added by later migrations are
//! carried without a change here.
//!
//! The export is one JSON document:
//!
//! ```text
//! {"format":"amity-export","version":1,"schema":"0001_foundation","exported_at":"2026-11-29T23:59:00.123456Z",
//!  "sequences":{"units":57,...},
//!  "tables":{
//!  "fields":{"columns":["id","code",...],"rows":[
//!  [1,"economy",...],
//!  ...]},
//!  ...}}
//! ```
//!
//! `schema` is the newest applied migration; `sequences` the highest id each table's id sequence
//! has handed out (ids of deleted records are not handed out again after a restore either);
//! tables are sorted by name and rows by primary key, with values normalised as
//! [`value`] describes, so SQLite and PostgreSQL export identical text for identical data.
//!
//! An archive of an older schema is migrated forward on import (`forward.rs`); one of a newer
//! schema is refused, naming both. Every import and restore writes an audit entry into the
//! database it loads (`provenance.rs`).

mod backup;
mod catalog;
mod catalog_pg;
mod catalog_sqlite;
mod document;
mod empty;
mod error;
mod export;
mod forward;
mod import;
mod insert;
mod order;
mod provenance;
mod value;

pub use backup::{BackupFormat, BackupSummary, backup, export_to_file, restore};
pub use error::ArchiveError;
pub use export::{ExportSummary, export_all};
pub use import::{ImportSummary, import_all};
pub use provenance::Origin;

/// The `format` of an export document.
pub const FORMAT: &str = "amity-export";
/// The `version` of the export format this code writes and reads.
pub const VERSION: u32 = 1;
