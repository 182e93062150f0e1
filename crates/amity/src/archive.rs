//! `amity export --all`, `amity import-all`, `amity backup` and `amity restore`: the whole database
//! in one file and back, through `amity_store::archive`. Each prints one summary line to standard
//! error (standard output may be carrying the export itself).

use std::collections::BTreeMap;
use std::path::Path;

use amity_store::Db;
use amity_store::archive::{self, BackupFormat, Origin};

/// `amity export --all FILE`: writes the whole database, files included, as one JSON document to
/// `path` (completely or not at all, never over an existing file), or to standard output when
/// `path` is `-`.
pub async fn export_all(db: &Db, path: &Path) -> anyhow::Result<()> {
    let summary =
        if is_stdio(path) { archive::export_all(db, std::io::stdout()).await? } else { archive::export_to_file(db, path).await? };
    eprintln!("exported {} (schema {}) to {}", counts(&summary.tables), summary.schema, shown(path, "standard output"));
    Ok(())
}

/// `amity import-all FILE`: reads an export from `path` (standard input when `-`) into this
/// database, which must be new; on any error nothing is written. The load is recorded in the
/// database's audit log (file, SHA-256, rows, the operating-system account that ran it).
pub async fn import_all(db: &Db, path: &Path) -> anyhow::Result<()> {
    let origin = Origin::new(shown(path, "standard input"), operator());
    let summary = if is_stdio(path) {
        archive::import_all(db, std::io::stdin(), &origin).await?
    } else {
        let file = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
        archive::import_all(db, file, &origin).await?
    };
    eprintln!("imported {} (schema {}) from {}", counts(&summary.tables), summary.schema, shown(path, "standard input"));
    Ok(())
}

/// `amity backup FILE`: a consistent copy of the running database in a new file (an SQLite
/// database file on SQLite, the JSON export on PostgreSQL).
pub async fn backup(db: &Db, path: &Path) -> anyhow::Result<()> {
    let summary = archive::backup(db, path).await?;
    let format = match summary.format {
        BackupFormat::Sqlite => "SQLite file",
        BackupFormat::Json => "JSON export",
    };
    eprintln!(
        "backed up {} (schema {}) to {} ({format}, {})",
        counts(&summary.tables),
        summary.schema,
        path.display(),
        size(summary.bytes)
    );
    Ok(())
}

/// `amity restore FILE`: a backup (SQLite file or JSON export) into this database, which must be
/// new; on any error nothing is written.
pub async fn restore(db: &Db, path: &Path) -> anyhow::Result<()> {
    let summary = archive::restore(db, path, &operator()).await?;
    eprintln!("restored {} (schema {}) from {}", counts(&summary.tables), summary.schema, path.display());
    Ok(())
}

/// `amity vacuum`: rewrites the database so that deleted and erased rows leave its files.
pub async fn vacuum(db: &Db) -> anyhow::Result<()> {
    db.vacuum().await?;
    eprintln!("vacuumed the {} database", db.backend().as_str());
    Ok(())
}

/// Who runs the command, for the audit entry of a load: the operating-system account.
fn operator() -> String {
    std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "unknown".to_string())
}

fn is_stdio(path: &Path) -> bool {
    path == Path::new("-")
}

fn shown(path: &Path, stdio: &str) -> String {
    if is_stdio(path) { stdio.to_string() } else { path.display().to_string() }
}

/// `7 tables, 1234 rows`.
fn counts(tables: &BTreeMap<String, u64>) -> String {
    let rows: u64 = tables.values().sum();
    format!("{} tables, {rows} rows", tables.len())
}

/// A size in bytes for people: `812 bytes`, `3.4 MiB`.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_well() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(3 * 1024 * 1024 + 400 * 1024), "3.4 MiB");
        let tables = BTreeMap::from([("units".to_string(), 9), ("fields".to_string(), 12)]);
        assert_eq!(counts(&tables), "2 tables, 21 rows");
    }
}
