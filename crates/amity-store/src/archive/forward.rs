//! Archives of an older schema are migrated forward on their way in: their rows are first loaded
//! into a scratch in-memory SQLite database migrated only as far as the archive's schema, the rest
//! of the migrations run there, and the result is imported like an archive of the current schema.
//! An archive newer than this Amity is refused, naming both schemas.

use std::borrow::Cow;

use sqlx::migrate::Migrator;

use super::catalog::Catalog;
use super::error::{ArchiveError, Result};
use super::export::snapshot;
use super::import::{ImportSummary, Source, Trace, import_same};
use crate::open::{SQLITE_MIGRATOR, open_sqlite_memory};
use crate::{Db, Pool};
use amity_core::store::Store as _;

/// The number a schema name starts with (`0016_gift_value_minor` → 16).
pub(crate) fn number(schema: &str) -> Option<i64> {
    schema.split('_').next().and_then(|n| n.parse().ok())
}

/// Which way an archive of schema `archive` goes into a database of schema `this`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// The same schema: import as it is (a different name of the same number is refused there).
    Same,
    /// Older: migrate forward from the archive's migration number.
    Forward(i64),
}

/// Refuses an archive newer than this Amity; an older one goes forward when its schema is one of
/// this Amity's migrations (else the import refuses it as a schema mismatch, naming both).
pub(crate) fn step(archive: &str, this: &str) -> Result<Step> {
    match (number(archive), number(this)) {
        (Some(a), Some(t)) if a > t => Err(ArchiveError::NewerSchema { archive: archive.to_string(), this: this.to_string() }),
        (Some(a), Some(t)) if a < t && known(archive) => Ok(Step::Forward(a)),
        _ => Ok(Step::Same),
    }
}

/// Whether `schema` names one of this Amity's migrations (as the catalog spells them).
fn known(schema: &str) -> bool {
    SQLITE_MIGRATOR.iter().any(|m| format!("{:04}_{}", m.version, m.description.replace(' ', "_")) == schema)
}

/// The SQLite migrations numbered up to `version`.
fn through(version: i64) -> Migrator {
    let migrations: Vec<_> = SQLITE_MIGRATOR.iter().filter(|m| m.version <= version).cloned().collect();
    Migrator { migrations: Cow::Owned(migrations), ..Migrator::DEFAULT }
}

/// Loads `source` (of the older schema numbered `version`) into a scratch database of that schema,
/// migrates it forward, and imports the result into `db`.
pub(crate) async fn import_forward(db: &Db, mut source: Source<'_>, version: i64, trace: Option<Trace<'_>>) -> Result<ImportSummary> {
    let archive_schema = source.schema().to_string();
    let pool = open_sqlite_memory()
        .await
        .map_err(|e| ArchiveError::Database { doing: "opening a scratch database".into(), reason: e.to_string() })?;
    through(version)
        .run(&pool)
        .await
        .map_err(|e| ArchiveError::Database { doing: format!("creating schema {archive_schema}"), reason: e.to_string() })?;
    let scratch = Db::from(Pool::Sqlite(pool)).with_clock(db.clock());
    let staged = import_same(&scratch, &mut source, None).await;
    drop(source);
    staged?;
    scratch.migrate().await.map_err(|e| ArchiveError::Database {
        doing: format!("migrating the archive forward from {archive_schema}"),
        reason: e.to_string(),
    })?;
    let mut tx = snapshot(&scratch).await?;
    let catalog = Catalog::read(&mut tx).await?;
    let trace = trace.map(|t| Trace { archive_schema: Some(archive_schema.clone()), ..t });
    let done = import_same(db, &mut Source::Database(&mut tx, catalog), trace).await;
    drop(tx);
    scratch.close().await;
    done
}

/// The schema of `db` (its newest applied migration).
pub(crate) async fn schema_of(db: &Db) -> Result<String> {
    let mut tx = snapshot(db).await?;
    let catalog = Catalog::read(&mut tx).await?;
    drop(tx);
    Ok(catalog.schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_archive_goes_forward_and_a_newer_one_is_refused_naming_both_schemas() {
        assert_eq!(step("0015_status_changes", "0016_gift_value_minor").ok(), Some(Step::Forward(15)));
        assert_eq!(step("0016_gift_value_minor", "0016_gift_value_minor").ok(), Some(Step::Same));
        let newer = step("0019_people", "0016_gift_value_minor").map(drop).map_err(|e| e.to_string());
        let Err(message) = newer else { panic!("a newer archive is refused") };
        assert!(message.contains("0019_people") && message.contains("0016_gift_value_minor"), "{message}");
    }
}
