//! Whole-database loads leave a trace: `import_all` and `restore` write one audit entry into the
//! database they load (in the same transaction as the rows), naming the file, its SHA-256, the
//! rows per table, the archive's schema and who ran the command.

use std::collections::BTreeMap;
use std::io::Read;

use amity_core::audit::NewAuditEntry;
use amity_core::store::{AuditStore as _, Tx as _};
use sha2::{Digest, Sha256};

use super::error::Result;
use crate::tx::Tx;

/// Where a load came from and who ran it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file as the operator named it (`-` for standard input).
    pub file: String,
    /// Who ran the load: the operating-system account, or whatever the caller knows.
    pub by: String,
}

impl Origin {
    /// `file` loaded by `by`.
    pub fn new(file: impl Into<String>, by: impl Into<String>) -> Self {
        Origin { file: file.into(), by: by.into() }
    }
}

/// What kind of load, as the audit entry's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LoadKind {
    ImportAll,
    Restore,
}

impl LoadKind {
    fn action(self) -> &'static str {
        match self {
            LoadKind::ImportAll => "import_all",
            LoadKind::Restore => "restore",
        }
    }
}

/// A reader that hashes every byte read through it.
pub(crate) struct Hashing<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Hashing<R> {
    pub fn new(inner: R) -> Self {
        Hashing { inner, hasher: Sha256::new() }
    }

    /// Reads what is left (so the hash covers the whole input) and gives the hex digest.
    pub fn finish(mut self) -> std::io::Result<String> {
        std::io::copy(&mut self, &mut std::io::sink())?;
        Ok(format!("{:x}", self.hasher.finalize()))
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// What the audit entry of a load records.
pub(crate) struct Load<'a> {
    pub kind: LoadKind,
    pub origin: &'a Origin,
    pub sha256: &'a str,
    /// The schema the archive was written with (older than the database's when migrated forward).
    pub archive_schema: &'a str,
    pub schema: &'a str,
    pub tables: &'a BTreeMap<String, u64>,
}

/// Writes the load's audit entry inside the load's transaction.
pub(crate) async fn record(tx: &mut Tx, load: &Load<'_>) -> Result<()> {
    let rows: u64 = load.tables.values().sum();
    let after = serde_json::json!({
        "file": load.origin.file,
        "sha256": load.sha256,
        "by": load.origin.by,
        "archive_schema": load.archive_schema,
        "schema": load.schema,
        "rows": rows,
        "tables": load.tables,
    });
    let entry = NewAuditEntry {
        at: tx.now().instant,
        user_id: None,
        actor: format!("system ({})", load.origin.by),
        ip: None,
        action: load.kind.action().to_string(),
        entity: "database".to_string(),
        entity_id: None,
        before: None,
        after: Some(after.to_string()),
    };
    tx.insert_audit(&entry)
        .await
        .map_err(|e| super::error::ArchiveError::Database { doing: "recording the load in the audit log".into(), reason: e.to_string() })
}
