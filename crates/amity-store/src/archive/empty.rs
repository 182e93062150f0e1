//! Whether a target database is "empty": every table holds either no rows or exactly the rows a
//! newly migrated database starts with (the seed rows of the migrations, such as the twelve
//! cooperation fields). The seed rows are learnt at run time from a freshly migrated in-memory
//! SQLite database, so a migration that seeds another table needs no change here.

use std::collections::BTreeSet;

use futures_util::TryStreamExt;
use serde_json::Value;

use super::catalog::{Catalog, Table, quote};
use super::error::{ArchiveError, Result, db_err};
use super::export::{rows, select_sql};
use crate::dispatch::on_conn;
use crate::open::{SQLITE_MIGRATOR, open_sqlite_memory};
use crate::tx::{Conn, Tx};

/// The names of the target's tables that hold seed rows (to be replaced by the archive's rows),
/// or [`ArchiveError::NotEmpty`] naming the first table that holds anything else.
pub(crate) async fn seeded_tables(tx: &mut Tx, target: &Catalog) -> Result<BTreeSet<String>> {
    let mut reference: Option<(Tx, Catalog)> = None;
    let mut seeded = BTreeSet::new();
    for table in &target.tables {
        let count = count(tx, table).await?;
        if count == 0 {
            continue;
        }
        if reference.is_none() {
            reference = Some(fresh().await?);
        }
        let expected = match &mut reference {
            Some((ref_tx, ref_catalog)) => match ref_catalog.table(&table.name).cloned() {
                Some(ref_table) => all_rows(ref_tx, &ref_table).await?,
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        let not_empty = || ArchiveError::NotEmpty { table: table.name.clone(), rows: count };
        if expected.len() as u64 != count || all_rows(tx, table).await? != expected {
            return Err(not_empty());
        }
        seeded.insert(table.name.clone());
    }
    Ok(seeded)
}

async fn count(tx: &mut Tx, table: &Table) -> Result<u64> {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {}", quote(&table.name));
    let n = on_conn!(tx, c => sqlx::query_scalar::<_, i64>(&sql).fetch_one(&mut *c).await);
    Ok(n.map_err(db_err("counting rows"))?.unsigned_abs())
}

async fn all_rows(tx: &mut Tx, table: &Table) -> Result<Vec<Vec<Value>>> {
    let sql = select_sql(table, matches!(tx.conn, Conn::Postgres(_)));
    rows(tx, &sql, table).try_collect().await
}

/// A newly migrated in-memory SQLite database, read through one transaction.
async fn fresh() -> Result<(Tx, Catalog)> {
    let failed = |e: String| ArchiveError::Database { doing: "preparing a new database for comparison".into(), reason: e };
    let pool = open_sqlite_memory().await.map_err(|e| failed(e.to_string()))?;
    SQLITE_MIGRATOR.run(&pool).await.map_err(|e| failed(e.to_string()))?;
    let mut tx = Tx {
        conn: Conn::Sqlite(pool.begin().await.map_err(db_err("preparing a new database for comparison"))?),
        clock: amity_core::clock::Clock::default(),
        invalidates: false,
    };
    let catalog = Catalog::read(&mut tx).await?;
    Ok((tx, catalog))
}
