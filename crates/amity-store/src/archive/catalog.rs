//! The schema as the database itself describes it: tables, columns and their kinds, primary and
//! foreign keys, id sequences, and the newest applied migration. Read from the catalog at run time
//! (SQLite: `sqlite_master` and the table pragmas; PostgreSQL: `pg_catalog` in schema `public`), so
//! tables added by later migrations are archived without a change here.

use sqlx::Row;

use super::error::{Result, db_err};
use crate::dispatch::on_conn;
use crate::tx::{Conn, Tx};

/// The bookkeeping table of sqlx's migrator: it describes the schema, it is not data.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// The change counter of the response cache: it says when this database last changed, not what it
/// holds (an import raises the target's own counter instead of copying it).
const COUNTER_TABLE: &str = "change_counter";

/// How a column's values are carried in an export, whichever database holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Float,
    Bool,
    Text,
    /// An instant, exported as RFC 3339 UTC with microseconds.
    Timestamp,
    /// A calendar date, exported as `YYYY-MM-DD`.
    Date,
    Bytes,
    /// A PostgreSQL type without a counterpart here (numeric, uuid, json …): carried as its text
    /// form and cast back on import.
    Other(String),
}

/// One column that holds data (generated columns are left out: they cannot be inserted).
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub name: String,
    pub kind: Kind,
}

/// A foreign key: `columns` of this table reference `references` of `table`.
#[derive(Debug, Clone)]
pub(crate) struct ForeignKey {
    pub columns: Vec<String>,
    pub table: String,
    pub references: Vec<String>,
}

/// The counter that hands out a table's ids (an SQLite AUTOINCREMENT, a PostgreSQL identity).
#[derive(Debug, Clone)]
pub(crate) struct Sequence {
    pub column: String,
    /// PostgreSQL's qualified sequence name; `None` on SQLite (`sqlite_sequence` is keyed by table).
    pub pg_name: Option<String>,
}

/// One table of the schema.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    pub sequence: Option<Sequence>,
    /// A PostgreSQL `GENERATED ALWAYS` identity: inserts need `OVERRIDING SYSTEM VALUE`.
    pub identity_always: bool,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// The whole schema of one database.
#[derive(Debug, Clone)]
pub(crate) struct Catalog {
    /// The newest applied migration, e.g. `0001_foundation`.
    pub schema: String,
    /// Every data table, sorted by name (byte order).
    pub tables: Vec<Table>,
    /// Whether the schema has the change counter (migration 0023 on): an import raises it.
    pub change_counter: bool,
}

impl Catalog {
    /// Reads the schema through `tx`, so it belongs to the same snapshot as the rows read after it.
    pub async fn read(tx: &mut Tx) -> Result<Catalog> {
        let schema = schema_name(tx).await?;
        let names = match &mut tx.conn {
            Conn::Sqlite(c) => super::catalog_sqlite::table_names(c).await,
            Conn::Postgres(c) => super::catalog_pg::table_names(c).await,
        };
        let mut names = names.map_err(db_err("reading the list of tables"))?;
        let change_counter = names.iter().any(|n| n == COUNTER_TABLE);
        names.retain(|n| n != MIGRATIONS_TABLE && n != COUNTER_TABLE);
        names.sort();
        let mut tables = Vec::with_capacity(names.len());
        for name in names {
            let table = match &mut tx.conn {
                Conn::Sqlite(c) => super::catalog_sqlite::table(c, name).await,
                Conn::Postgres(c) => super::catalog_pg::table(c, name).await,
            };
            tables.push(table.map_err(db_err("reading the schema of a table"))?);
        }
        Ok(Catalog { schema, tables, change_counter })
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

/// `0001_foundation` for migration 1, "foundation" (sqlx stores the file name's description with
/// spaces for underscores).
async fn schema_name(tx: &mut Tx) -> Result<String> {
    let sql = format!("SELECT version, description FROM {MIGRATIONS_TABLE} WHERE success ORDER BY version DESC LIMIT 1");
    let row = on_conn!(tx, c => sqlx::query(&sql).fetch_optional(&mut *c).await.and_then(|r| match r {
        Some(r) => Ok(Some((r.try_get::<i64, _>(0)?, r.try_get::<String, _>(1)?))),
        None => Ok(None),
    }));
    match row.map_err(db_err("reading the schema version"))? {
        Some((version, description)) => Ok(format!("{version:04}_{}", description.replace(' ', "_"))),
        None => Ok("none".to_string()),
    }
}

/// `"name"` with inner quotes doubled: an identifier both dialects accept whatever it contains.
pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The highest id each table's sequence has handed out (0 if none), read through `tx`.
pub(crate) async fn sequence_values(tx: &mut Tx, catalog: &Catalog) -> Result<Vec<(String, i64)>> {
    let mut out = Vec::new();
    for table in &catalog.tables {
        let Some(seq) = &table.sequence else { continue };
        let value = match (&mut tx.conn, &seq.pg_name) {
            (Conn::Sqlite(c), _) => {
                sqlx::query_scalar::<_, i64>("SELECT seq FROM sqlite_sequence WHERE name = $1")
                    .bind(&table.name)
                    .fetch_optional(&mut **c)
                    .await
            }
            (Conn::Postgres(c), Some(name)) => {
                sqlx::query_scalar::<_, Option<i64>>("SELECT pg_sequence_last_value(CAST($1 AS regclass))")
                    .bind(name)
                    .fetch_one(&mut **c)
                    .await
            }
            (Conn::Postgres(_), None) => Ok(None),
        };
        out.push((table.name.clone(), value.map_err(db_err("reading id sequences"))?.unwrap_or(0)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_with_inner_quotes_doubled() {
        assert_eq!(quote("units"), "\"units\"");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }
}
