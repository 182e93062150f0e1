//! Writing an archive's rows into one table of the target: values converted for the target's
//! column kinds, late references (see [`order`](super::order)) set to NULL and remembered, and
//! every failure reported with its table and row.

use std::collections::HashSet;

use serde_json::Value;

use super::catalog::{Kind, Table, quote};
use super::document::malformed;
use super::error::{ArchiveError, Result, one_line};
use super::order::late_references;
use super::value::{Bind, bind, to_pg, to_sqlite};
use crate::dispatch::on_conn;
use crate::tx::{Conn, Tx};

/// A reference written as NULL for now and set by [`LateUpdate::apply`] once every row is in.
pub(crate) struct LateUpdate {
    table: String,
    row: usize,
    set: (String, Kind, Value),
    key: Vec<(String, Kind, Value)>,
}

/// One late reference of a table: the column's position in the archive's rows and, for a
/// reference to the same table, the position of the referenced column and the values seen so far.
struct Late {
    column: usize,
    watch: Option<usize>,
    seen: HashSet<String>,
}

/// How the archive's rows of one table are written.
pub(crate) struct TablePlan<'a> {
    table: &'a Table,
    columns: Vec<(String, Kind)>,
    sql: String,
    late: Vec<Late>,
    postgres: bool,
}

impl<'a> TablePlan<'a> {
    /// Plans the inserts of rows whose values come in the order of `columns` (all known to `table`).
    pub fn new(tx: &Tx, table: &'a Table, columns: &[String], done: &HashSet<&str>) -> TablePlan<'a> {
        let postgres = matches!(tx.conn, Conn::Postgres(_));
        let columns: Vec<(String, Kind)> =
            columns.iter().map(|c| (c.clone(), table.column(c).map_or(Kind::Text, |col| col.kind.clone()))).collect();
        let position = |name: &str| columns.iter().position(|(c, _)| c == name);
        let late = late_references(table, done)
            .into_iter()
            .filter_map(|fk| {
                let column = position(&fk.columns[0])?;
                let watch = if fk.table == table.name { fk.references.first().and_then(|r| position(r)) } else { None };
                Some(Late { column, watch, seen: HashSet::new() })
            })
            .collect();
        let names: Vec<String> = columns.iter().map(|(c, _)| quote(c)).collect();
        let values: Vec<String> = columns.iter().enumerate().map(|(i, (_, kind))| placeholder(i + 1, kind, postgres)).collect();
        let overriding = if postgres && table.identity_always { " OVERRIDING SYSTEM VALUE" } else { "" };
        let sql = format!("INSERT INTO {} ({}){overriding} VALUES ({})", quote(&table.name), names.join(", "), values.join(", "));
        TablePlan { table, columns, sql, late, postgres }
    }

    /// Inserts one row (the `index`th of the table in the archive); late references go to `later`.
    pub async fn insert(&mut self, tx: &mut Tx, index: usize, mut row: Vec<Value>, later: &mut Vec<LateUpdate>) -> Result<()> {
        for late in &self.late {
            let value = &row[late.column];
            let ready = late.watch.is_some() && late.seen.contains(&value.to_string());
            if value.is_null() || ready {
                continue;
            }
            let key = self.key_of(&row).ok_or_else(|| refused(self.table, index, "a late reference needs the primary key"))?;
            let (name, kind) = self.columns[late.column].clone();
            let value = std::mem::take(&mut row[late.column]);
            later.push(LateUpdate { table: self.table.name.clone(), row: index, set: (name, kind, value), key });
        }
        let marks: Vec<Option<String>> = self.late.iter().map(|l| l.watch.map(|w| row[w].to_string())).collect();
        let mut binds = Vec::with_capacity(row.len());
        for ((name, kind), value) in self.columns.iter().zip(row) {
            let converted = if self.postgres { to_pg(value, kind) } else { to_sqlite(value, kind) };
            binds.push(converted.map_err(|e| malformed(format!("table {}, row {index}, column {name}", self.table.name), e))?);
        }
        execute(tx, &self.sql, binds).await.map_err(|e| refused(self.table, index, &one_line(&e)))?;
        for (late, mark) in self.late.iter_mut().zip(marks) {
            late.seen.extend(mark);
        }
        Ok(())
    }

    /// The row's primary key as (column, kind, value), if the archive carries every key column.
    fn key_of(&self, row: &[Value]) -> Option<Vec<(String, Kind, Value)>> {
        if self.table.primary_key.is_empty() {
            return None;
        }
        let key = self.table.primary_key.iter().map(|k| {
            let i = self.columns.iter().position(|(c, _)| c == k)?;
            Some((k.clone(), self.columns[i].1.clone(), row[i].clone()))
        });
        key.collect()
    }
}

impl LateUpdate {
    /// Sets the remembered reference, now that the row it points to exists.
    pub async fn apply(self, tx: &mut Tx) -> Result<()> {
        let postgres = matches!(tx.conn, Conn::Postgres(_));
        let conditions: Vec<String> =
            self.key.iter().enumerate().map(|(i, (k, kind, _))| format!("{} = {}", quote(k), placeholder(i + 2, kind, postgres))).collect();
        let (column, kind, value) = self.set;
        let sql = format!(
            "UPDATE {} SET {} = {} WHERE {}",
            quote(&self.table),
            quote(&column),
            placeholder(1, &kind, postgres),
            conditions.join(" AND ")
        );
        let mut binds = Vec::with_capacity(self.key.len() + 1);
        for (name, kind, value) in std::iter::once((column, kind, value)).chain(self.key) {
            let converted = if postgres { to_pg(value, &kind) } else { to_sqlite(value, &kind) };
            binds.push(converted.map_err(|e| malformed(format!("table {}, row {}, column {name}", self.table, self.row), e))?);
        }
        execute(tx, &sql, binds).await.map_err(|e| ArchiveError::Refused { table: self.table, row: self.row, reason: one_line(&e) })
    }
}

/// `$n`, cast on PostgreSQL for the types carried as text.
fn placeholder(n: usize, kind: &Kind, postgres: bool) -> String {
    match kind {
        Kind::Other(ty) if postgres => format!("CAST(${n} AS {ty})"),
        _ => format!("${n}"),
    }
}

fn refused(table: &Table, row: usize, reason: &str) -> ArchiveError {
    ArchiveError::Refused { table: table.name.clone(), row, reason: reason.to_string() }
}

async fn execute(tx: &mut Tx, sql: &str, binds: Vec<Bind>) -> Result<(), sqlx::Error> {
    on_conn!(tx, c => {
        let mut q = sqlx::query(sql);
        for b in binds {
            q = bind(q, b);
        }
        q.execute(&mut *c).await.map(drop)
    })
}
