//! `import_all`: an archive (a JSON export, or an SQLite backup opened as a second database) into
//! an empty database, in one transaction: on any error nothing is written.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;

use futures_util::TryStreamExt;

use super::catalog::{Catalog, Table, quote, sequence_values};
use super::document::Document;
use super::empty::seeded_tables;
use super::error::{ArchiveError, Result, db_err};
use super::export::{rows, select_sql};
use super::forward::{Step, import_forward, schema_of, step};
use super::insert::{LateUpdate, TablePlan};
use super::order::insertion_order;
use super::provenance::{Hashing, Load, LoadKind, Origin, record};
use crate::Pool;
use crate::dispatch::on_conn;
use crate::tx::{Conn, Tx};
use crate::{Db, dialect};
use amity_core::store::Store as _;

/// What an import or restore wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// The schema (newest migration) of the archive and the target.
    pub schema: String,
    /// Rows written per table.
    pub tables: BTreeMap<String, u64>,
}

impl ImportSummary {
    /// Rows written in all.
    pub fn rows(&self) -> u64 {
        self.tables.values().sum()
    }
}

/// Reads a whole export (see [`export_all`](super::export_all)) from `input` and writes it into
/// `db`, which must be new: migrated, holding no rows but the migrations' seed rows (which the
/// export's rows replace). Refuses a document of another schema, with unknown tables or columns,
/// or malformed, before writing anything; writes every row in one transaction, parents before
/// children; then moves each id sequence past the imported ids, so new records get new ids.
/// An older schema is migrated forward on the way in; a newer one is refused. The load is recorded
/// in the audit log of `db` (file, SHA-256, rows per table, who: `origin`).
pub async fn import_all(db: &Db, input: impl Read, origin: &Origin) -> Result<ImportSummary> {
    load_document(db, input, LoadKind::ImportAll, origin).await
}

/// Reads a document through a hash, then imports it with its trace.
pub(crate) async fn load_document(db: &Db, input: impl Read, kind: LoadKind, origin: &Origin) -> Result<ImportSummary> {
    let mut reader = Hashing::new(input);
    let doc = Document::read(&mut reader)?;
    let sha256 = reader.finish().map_err(super::error::io("cannot read the document"))?;
    import(db, Source::Document(doc), Trace { kind, origin, sha256, archive_schema: None }).await
}

/// The audit trace of a load (see `provenance.rs`).
#[derive(Clone)]
pub(crate) struct Trace<'a> {
    pub kind: LoadKind,
    pub origin: &'a Origin,
    pub sha256: String,
    /// The archive's schema when it was migrated forward.
    pub archive_schema: Option<String>,
}

/// Where the rows come from.
pub(crate) enum Source<'a> {
    Document(Document),
    /// Another database (an SQLite backup), read through a snapshot.
    Database(&'a mut Tx, Catalog),
}

impl Source<'_> {
    pub(crate) fn schema(&self) -> &str {
        match self {
            Source::Document(doc) => &doc.schema,
            Source::Database(_, catalog) => &catalog.schema,
        }
    }

    /// Every table of the archive with its columns in the order its rows carry them.
    fn layout(&self) -> BTreeMap<String, Vec<String>> {
        match self {
            Source::Document(doc) => doc.tables.0.iter().map(|(name, t)| (name.clone(), t.columns.clone())).collect(),
            Source::Database(_, catalog) => {
                catalog.tables.iter().map(|t| (t.name.clone(), t.columns.iter().map(|c| c.name.clone()).collect())).collect()
            }
        }
    }
}

/// Imports `source` into `db`, migrating an older archive forward and refusing a newer one.
pub(crate) async fn import(db: &Db, mut source: Source<'_>, trace: Trace<'_>) -> Result<ImportSummary> {
    match step(source.schema(), &schema_of(db).await?)? {
        Step::Forward(version) => import_forward(db, source, version, Some(trace)).await,
        Step::Same => import_same(db, &mut source, Some(trace)).await,
    }
}

/// Imports an archive of the database's own schema; with a trace, records the load.
pub(crate) async fn import_same(db: &Db, source: &mut Source<'_>, trace: Option<Trace<'_>>) -> Result<ImportSummary> {
    let mut tx = begin_write(db).await?;
    let target = Catalog::read(&mut tx).await?;
    if source.schema() != target.schema {
        return Err(ArchiveError::SchemaMismatch { expected: target.schema.clone(), found: source.schema().to_string() });
    }
    let layout = source.layout();
    check_known(&layout, &target)?;
    let seeded = seeded_tables(&mut tx, &target).await?;
    let order = insertion_order(&target.tables);
    for &i in order.iter().rev() {
        let name = &target.tables[i].name;
        if seeded.contains(name) && layout.contains_key(name) {
            let sql = format!("DELETE FROM {}", quote(name));
            on_conn!(tx, c => sqlx::query(&sql).execute(&mut *c).await.map(drop)).map_err(db_err("removing the seed rows"))?;
        }
    }
    let (mut done, mut later, mut tables) = (HashSet::new(), Vec::new(), BTreeMap::new());
    for &i in &order {
        let table = &target.tables[i];
        if let Some(columns) = layout.get(&table.name) {
            let mut plan = TablePlan::new(&tx, table, columns, &done);
            let n = copy_rows(source, &mut tx, table, &mut plan, &mut later).await?;
            tables.insert(table.name.clone(), n);
        }
        done.insert(table.name.as_str());
    }
    for update in later {
        update.apply(&mut tx).await?;
    }
    let sequences: BTreeMap<String, i64> = match source {
        Source::Document(doc) => std::mem::take(&mut doc.sequences),
        Source::Database(source_tx, catalog) => sequence_values(source_tx, catalog).await?.into_iter().collect(),
    };
    for table in &target.tables {
        reset_sequence(&mut tx, table, sequences.get(&table.name).copied().unwrap_or(0)).await?;
    }
    if let Some(t) = &trace {
        let archive_schema = t.archive_schema.clone().unwrap_or_else(|| target.schema.clone());
        let load = Load {
            kind: t.kind,
            origin: t.origin,
            sha256: &t.sha256,
            archive_schema: &archive_schema,
            schema: &target.schema,
            tables: &tables,
        };
        record(&mut tx, &load).await?;
    }
    // The imported rows are new to every server's cache (an older schema gets the counter when it
    // is migrated forward).
    if target.change_counter {
        crate::change_counter::bump(&mut tx)
            .await
            .map_err(|e| ArchiveError::Database { doing: "raising the change counter".into(), reason: e.to_string() })?;
    }
    let committed = match tx.conn {
        Conn::Sqlite(t) => t.commit().await,
        Conn::Postgres(t) => t.commit().await,
    };
    committed.map_err(db_err("committing the import"))?;
    Ok(ImportSummary { schema: target.schema, tables })
}

/// A write transaction (on SQLite `BEGIN IMMEDIATE`, so no other writer slips in between the
/// emptiness check and the inserts).
async fn begin_write(db: &Db) -> Result<Tx> {
    let conn = match db.pool() {
        Pool::Sqlite(p) => p.begin_with(dialect::SQLITE_BEGIN_WRITE).await.map(Conn::Sqlite),
        Pool::Postgres(p) => p.begin().await.map(Conn::Postgres),
    };
    Ok(Tx { conn: conn.map_err(db_err("starting the import"))?, clock: db.clock(), invalidates: false })
}

fn check_known(layout: &BTreeMap<String, Vec<String>>, target: &Catalog) -> Result<()> {
    for (name, columns) in layout {
        let table = target.table(name).ok_or_else(|| ArchiveError::Unknown { what: format!("table {name}") })?;
        if let Some(column) = columns.iter().find(|c| table.column(c).is_none()) {
            return Err(ArchiveError::Unknown { what: format!("column {name}.{column}") });
        }
        let mut seen = HashSet::new();
        if let Some(column) = columns.iter().find(|c| !seen.insert(c.as_str())) {
            return Err(super::document::malformed(format!("table {name}"), format!("column {column} is listed twice")));
        }
    }
    Ok(())
}

/// Inserts the archive's rows of `table`; returns how many.
async fn copy_rows(
    source: &mut Source<'_>,
    tx: &mut Tx,
    table: &Table,
    plan: &mut TablePlan<'_>,
    later: &mut Vec<LateUpdate>,
) -> Result<u64> {
    let mut n = 0;
    match source {
        Source::Document(doc) => {
            let data = doc.tables.0.remove(&table.name).map(|t| t.rows.0).unwrap_or_default();
            for row in data {
                plan.insert(tx, n, row, later).await?;
                n += 1;
            }
        }
        Source::Database(source_tx, catalog) => {
            let Some(source_table) = catalog.table(&table.name) else { return Ok(0) };
            let sql = select_sql(source_table, matches!(source_tx.conn, Conn::Postgres(_)));
            let mut stream = rows(source_tx, &sql, source_table);
            while let Some(row) = stream.try_next().await? {
                plan.insert(tx, n, row, later).await?;
                n += 1;
            }
        }
    }
    Ok(n as u64)
}

/// Moves the table's id sequence to the larger of the archive's value and the highest id now
/// in the table, so the next record gets an id never used before.
async fn reset_sequence(tx: &mut Tx, table: &Table, archived: i64) -> Result<()> {
    let Some(seq) = &table.sequence else { return Ok(()) };
    let sql = format!("SELECT CAST(COALESCE(MAX({}), 0) AS BIGINT) FROM {}", quote(&seq.column), quote(&table.name));
    let highest =
        on_conn!(tx, c => sqlx::query_scalar::<_, i64>(&sql).fetch_one(&mut *c).await).map_err(db_err("reading the highest ids"))?;
    let value = archived.max(highest);
    let done = match (&mut tx.conn, &seq.pg_name) {
        // setval(…, 1, false) means "nothing handed out yet": the next id is 1.
        (Conn::Postgres(c), Some(name)) => sqlx::query("SELECT setval(CAST($1 AS regclass), $2, $3)")
            .bind(name)
            .bind(value.max(1))
            .bind(value >= 1)
            .execute(&mut **c)
            .await
            .map(drop),
        (Conn::Sqlite(c), _) => {
            let updated =
                sqlx::query("UPDATE sqlite_sequence SET seq = $2 WHERE name = $1").bind(&table.name).bind(value).execute(&mut **c).await;
            match updated {
                Ok(r) if r.rows_affected() == 0 && value > 0 => sqlx::query("INSERT INTO sqlite_sequence (name, seq) VALUES ($1, $2)")
                    .bind(&table.name)
                    .bind(value)
                    .execute(&mut **c)
                    .await
                    .map(drop),
                other => other.map(drop),
            }
        }
        (Conn::Postgres(_), None) => Ok(()),
    };
    done.map_err(db_err("moving the id sequences"))
}
