//! The PostgreSQL half of the catalog: `pg_class`, `pg_attribute`, `pg_index` and `pg_constraint`
//! of schema `public` (tables other libraries keep in their own schemas are not Amity's data).

use sqlx::{PgConnection, Row};

use super::catalog::{Column, ForeignKey, Kind, Sequence, Table};

/// Ordinary and partitioned tables of schema `public` (partitions are read through their parent).
pub(super) async fn table_names(c: &mut PgConnection) -> Result<Vec<String>, sqlx::Error> {
    const SQL: &str = "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition";
    sqlx::query_scalar(SQL).fetch_all(&mut *c).await
}

/// One table's columns (generated ones left out), keys and identity sequence.
pub(super) async fn table(c: &mut PgConnection, name: String) -> Result<Table, sqlx::Error> {
    const COLUMNS: &str = "SELECT a.attname::text, t.typname::text, format_type(a.atttypid, a.atttypmod), a.attidentity::text, \
                               pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname::text) \
                           FROM pg_attribute a \
                           JOIN pg_class c ON c.oid = a.attrelid \
                           JOIN pg_namespace n ON n.oid = c.relnamespace \
                           JOIN pg_type t ON t.oid = a.atttypid \
                           WHERE n.nspname = 'public' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped \
                               AND a.attgenerated::text = '' \
                           ORDER BY a.attnum";
    let rows = sqlx::query(COLUMNS).bind(&name).fetch_all(&mut *c).await?;
    let (mut columns, mut sequence, mut identity_always) = (Vec::with_capacity(rows.len()), None, false);
    for row in rows {
        let (column, typname, full_type): (String, String, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let (identity, serial): (String, Option<String>) = (row.try_get(3)?, row.try_get(4)?);
        identity_always |= identity == "a";
        if let Some(pg_name) = serial {
            sequence = Some(Sequence { column: column.clone(), pg_name: Some(pg_name) });
        }
        columns.push(Column { name: column, kind: kind(&typname, &full_type) });
    }
    let primary_key = primary_key(c, &name).await?;
    let foreign_keys = foreign_keys(c, &name).await?;
    Ok(Table { name, columns, primary_key, foreign_keys, sequence, identity_always })
}

async fn primary_key(c: &mut PgConnection, table: &str) -> Result<Vec<String>, sqlx::Error> {
    const SQL: &str = "SELECT a.attname::text FROM pg_index i \
                       JOIN pg_class c ON c.oid = i.indrelid \
                       JOIN pg_namespace n ON n.oid = c.relnamespace \
                       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey) \
                       WHERE n.nspname = 'public' AND c.relname = $1 AND i.indisprimary \
                       ORDER BY array_position(i.indkey::int2[], a.attnum)";
    sqlx::query_scalar(SQL).bind(table).fetch_all(&mut *c).await
}

async fn foreign_keys(c: &mut PgConnection, table: &str) -> Result<Vec<ForeignKey>, sqlx::Error> {
    const SQL: &str = "SELECT con.conname::text, rc.relname::text, fa.attname::text, ta.attname::text \
                       FROM pg_constraint con \
                       JOIN pg_class c ON c.oid = con.conrelid \
                       JOIN pg_namespace n ON n.oid = c.relnamespace \
                       JOIN pg_class rc ON rc.oid = con.confrelid \
                       CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k (fromnum, tonum, ord) \
                       JOIN pg_attribute fa ON fa.attrelid = con.conrelid AND fa.attnum = k.fromnum \
                       JOIN pg_attribute ta ON ta.attrelid = con.confrelid AND ta.attnum = k.tonum \
                       WHERE con.contype = 'f' AND n.nspname = 'public' AND c.relname = $1 \
                       ORDER BY con.conname, k.ord";
    let rows = sqlx::query(SQL).bind(table).fetch_all(&mut *c).await?;
    let mut out: Vec<(String, ForeignKey)> = Vec::new();
    for row in rows {
        let (constraint, target, from, to): (String, String, String, String) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
        if out.last().is_none_or(|(last, _)| *last != constraint) {
            out.push((constraint, ForeignKey { columns: Vec::new(), table: target, references: Vec::new() }));
        }
        if let Some((_, fk)) = out.last_mut() {
            fk.columns.push(from);
            fk.references.push(to);
        }
    }
    Ok(out.into_iter().map(|(_, fk)| fk).collect())
}

/// A PostgreSQL type (its `typname`) as a [`Kind`]; `full_type` (e.g. `numeric(10,2)`) is kept for
/// the types carried as text, so the import can cast back to exactly that type.
fn kind(typname: &str, full_type: &str) -> Kind {
    match typname {
        "int2" | "int4" | "int8" => Kind::Int,
        "float4" | "float8" => Kind::Float,
        "bool" => Kind::Bool,
        "text" | "varchar" | "bpchar" | "name" | "citext" => Kind::Text,
        "timestamptz" | "timestamp" => Kind::Timestamp,
        "date" => Kind::Date,
        "bytea" => Kind::Bytes,
        _ => Kind::Other(full_type.to_string()),
    }
}
