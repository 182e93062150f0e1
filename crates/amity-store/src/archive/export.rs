//! `export_all`: the whole database as one JSON document, read in one consistent snapshot and
//! written table by table, row by row, so memory stays small however large the data.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use serde_json::Value;

use super::catalog::{Catalog, Kind, Table, quote, sequence_values};
use super::error::{ArchiveError, Result, db_err, io, one_line};
use super::value::{from_pg, from_sqlite};
use super::{FORMAT, VERSION};
use crate::Db;
use crate::Pool;
use crate::tx::{Conn, Tx};
use amity_core::store::Store as _;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// The schema (newest migration) of the exported database.
    pub schema: String,
    /// Rows written per table.
    pub tables: BTreeMap<String, u64>,
}

impl ExportSummary {
    /// Rows written in all.
    pub fn rows(&self) -> u64 {
        self.tables.values().sum()
    }
}

/// Writes the whole database to `out` as one JSON document (format `amity-export`, version 1):
/// tables sorted by name, each with its column names and its rows in primary-key order, values
/// normalised so that SQLite and PostgreSQL export the same text for the same data. Everything
/// is read in one snapshot (an SQLite read transaction; PostgreSQL `REPEATABLE READ`), so a
/// server may keep writing meanwhile.
pub async fn export_all(db: &Db, out: impl Write) -> Result<ExportSummary> {
    let mut tx = snapshot(db).await?;
    let catalog = Catalog::read(&mut tx).await?;
    let sequences: BTreeMap<String, i64> = sequence_values(&mut tx, &catalog).await?.into_iter().collect();
    let mut w = BufWriter::new(out);
    let exported_at = super::value::instant(chrono::Utc::now());
    let head = format!(
        "{{\"format\":{},\"version\":{VERSION},\"schema\":{},\"exported_at\":{exported_at},\"sequences\":{},\n\"tables\":{{",
        Value::from(FORMAT),
        Value::from(catalog.schema.as_str()),
        serde_json::to_string(&sequences).map_err(|e| io("cannot write the export")(e.into()))?,
    );
    w.write_all(head.as_bytes()).map_err(io("cannot write the export"))?;
    let mut tables = BTreeMap::new();
    for (i, table) in catalog.tables.iter().enumerate() {
        let n = write_table(&mut tx, table, i == 0, &mut w).await?;
        tables.insert(table.name.clone(), n);
    }
    w.write_all(b"\n}}\n").and_then(|()| w.flush()).map_err(io("cannot write the export"))?;
    Ok(ExportSummary { schema: catalog.schema, tables })
}

/// A read-only transaction that sees one state of the whole database.
pub(crate) async fn snapshot(db: &Db) -> Result<Tx> {
    let conn = match db.pool() {
        // In WAL mode a read transaction keeps the snapshot of its first read until it ends.
        Pool::Sqlite(p) => p.begin().await.map(Conn::Sqlite),
        Pool::Postgres(p) => p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await.map(Conn::Postgres),
    };
    Ok(Tx { conn: conn.map_err(db_err("starting a snapshot"))?, clock: db.clock(), invalidates: false })
}

/// Writes `"name":{"columns":[…],"rows":[…]}`, one row per line; returns the number of rows.
async fn write_table(tx: &mut Tx, table: &Table, first: bool, w: &mut impl Write) -> Result<u64> {
    let columns: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let head =
        format!("{}\n{}:{{\"columns\":{},\"rows\":[", if first { "" } else { "," }, Value::from(table.name.as_str()), Value::from(columns));
    w.write_all(head.as_bytes()).map_err(io("cannot write the export"))?;
    let sql = select_sql(table, matches!(tx.conn, Conn::Postgres(_)));
    let mut rows = rows(tx, &sql, table);
    let mut n: u64 = 0;
    while let Some(row) = rows.try_next().await? {
        let sep: &[u8] = if n == 0 { b"\n" } else { b",\n" };
        w.write_all(sep).map_err(io("cannot write the export"))?;
        serde_json::to_writer(&mut *w, &row).map_err(|e| io("cannot write the export")(e.into()))?;
        n += 1;
    }
    w.write_all(if n == 0 { b"]}" } else { b"\n]}" }).map_err(io("cannot write the export"))?;
    Ok(n)
}

/// `SELECT` of every column in primary-key order (every column, for a table without one). On
/// PostgreSQL text keys sort with `COLLATE "C"` (byte order, as SQLite sorts) and values are cast
/// to the few types [`from_pg`] reads.
pub(crate) fn select_sql(table: &Table, postgres: bool) -> String {
    let select: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let q = quote(&c.name);
            match (&c.kind, postgres) {
                (Kind::Int, true) => format!("CAST({q} AS BIGINT)"),
                (Kind::Float, true) => format!("CAST({q} AS DOUBLE PRECISION)"),
                (Kind::Text | Kind::Other(_), true) => format!("CAST({q} AS TEXT)"),
                _ => q,
            }
        })
        .collect();
    let keys: Vec<&str> = if table.primary_key.is_empty() {
        table.columns.iter().map(|c| c.name.as_str()).collect()
    } else {
        table.primary_key.iter().map(String::as_str).collect()
    };
    let order: Vec<String> = keys
        .iter()
        .map(|k| {
            let text = matches!(table.column(k).map(|c| &c.kind), Some(Kind::Text | Kind::Other(_)));
            if postgres && text { format!("{} COLLATE \"C\"", quote(k)) } else { quote(k) }
        })
        .collect();
    format!("SELECT {} FROM {} ORDER BY {}", select.join(", "), quote(&table.name), order.join(", "))
}

/// The rows of `table` as normalised JSON values, streamed from `tx` (`sql` from [`select_sql`]).
pub(crate) fn rows<'a>(tx: &'a mut Tx, sql: &'a str, table: &'a Table) -> BoxStream<'a, Result<Vec<Value>>> {
    let unreadable = move |e: String| ArchiveError::Database { doing: format!("reading table {}", table.name), reason: e };
    match &mut tx.conn {
        Conn::Sqlite(c) => sqlx::query(sql)
            .fetch(&mut **c)
            .map(move |row| {
                let row = row.map_err(|e| unreadable(one_line(&e)))?;
                let cells = table.columns.iter().enumerate().map(|(i, col)| from_sqlite(&row, i, &col.kind));
                cells.collect::<Result<Vec<_>, _>>().map_err(|e| unreadable(e.to_string()))
            })
            .boxed(),
        Conn::Postgres(c) => sqlx::query(sql)
            .fetch(&mut **c)
            .map(move |row| {
                let row = row.map_err(|e| unreadable(one_line(&e)))?;
                let cells = table.columns.iter().enumerate().map(|(i, col)| from_pg(&row, i, &col.kind));
                cells.collect::<Result<Vec<_>, _>>().map_err(|e| unreadable(one_line(&e)))
            })
            .boxed(),
    }
}
