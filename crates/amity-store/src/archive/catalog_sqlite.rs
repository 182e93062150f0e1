//! The SQLite half of the catalog: `sqlite_master`, `pragma_table_xinfo`, `pragma_foreign_key_list`.

use sqlx::{Row, SqliteConnection};

use super::catalog::{Column, ForeignKey, Kind, Sequence, Table};

/// Every table except SQLite's own (`sqlite_sequence`, `sqlite_stat1` …).
pub(super) async fn table_names(c: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        .fetch_all(&mut *c)
        .await
}

/// One table's columns, keys and id sequence.
pub(super) async fn table(c: &mut SqliteConnection, name: String) -> Result<Table, sqlx::Error> {
    // hidden = 0 leaves out generated columns (2, 3), which cannot be inserted.
    let rows = sqlx::query("SELECT name, type, pk FROM pragma_table_xinfo($1) WHERE hidden = 0 ORDER BY cid")
        .bind(&name)
        .fetch_all(&mut *c)
        .await?;
    let mut columns = Vec::with_capacity(rows.len());
    let mut keyed = Vec::new();
    for row in rows {
        let (column, declared, pk): (String, String, i64) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        if pk > 0 {
            keyed.push((pk, column.clone()));
        }
        columns.push(Column { kind: kind(&declared, &column), name: column });
    }
    keyed.sort();
    let primary_key: Vec<String> = keyed.into_iter().map(|(_, c)| c).collect();
    let foreign_keys = foreign_keys(c, &name).await?;
    let create: Option<String> =
        sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1").bind(&name).fetch_optional(&mut *c).await?;
    let autoincrement = create.is_some_and(|sql| sql.to_ascii_uppercase().contains("AUTOINCREMENT"));
    let sequence = match (autoincrement, primary_key.as_slice()) {
        (true, [column]) => Some(Sequence { column: column.clone(), pg_name: None }),
        _ => None,
    };
    Ok(Table { name, columns, primary_key, foreign_keys, sequence, identity_always: false })
}

async fn foreign_keys(c: &mut SqliteConnection, table: &str) -> Result<Vec<ForeignKey>, sqlx::Error> {
    let rows = sqlx::query(r#"SELECT id, "table", "from", "to" FROM pragma_foreign_key_list($1) ORDER BY id, seq"#)
        .bind(table)
        .fetch_all(&mut *c)
        .await?;
    let mut out: Vec<(i64, ForeignKey)> = Vec::new();
    for row in rows {
        let (id, target, from, to): (i64, String, String, Option<String>) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
        if out.last().is_none_or(|(last, _)| *last != id) {
            out.push((id, ForeignKey { columns: Vec::new(), table: target, references: Vec::new() }));
        }
        if let Some((_, fk)) = out.last_mut() {
            fk.columns.push(from);
            fk.references.extend(to);
        }
    }
    let mut fks = Vec::with_capacity(out.len());
    for (_, mut fk) in out {
        // `REFERENCES t` without columns means t's primary key.
        if fk.references.len() != fk.columns.len() {
            fk.references = sqlx::query_scalar("SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk")
                .bind(&fk.table)
                .fetch_all(&mut *c)
                .await?;
        }
        fks.push(fk);
    }
    Ok(fks)
}

/// A declared SQLite type as a [`Kind`], by SQLite's affinity rules plus two Amity conventions:
///
/// - `BOOLEAN` columns hold 0 and 1 and are exported as `false` and `true`;
/// - a text column named `at` or ending in `_at` holds an instant: sqlx writes `DateTime<Utc>` into
///   SQLite as RFC 3339 text, and the PostgreSQL migration declares the same column `TIMESTAMPTZ`.
///   (Declared `TIMESTAMP`/`DATETIME`/`DATE` types are honoured too.) A value in such a column
///   that does not parse as a timestamp is exported as the text it is.
pub(crate) fn kind(declared: &str, column: &str) -> Kind {
    let t = declared.to_ascii_uppercase();
    let has = |s: &str| t.contains(s);
    if has("BOOL") {
        Kind::Bool
    } else if has("INT") {
        Kind::Int
    } else if has("TIME") {
        Kind::Timestamp
    } else if has("DATE") {
        Kind::Date
    } else if has("CHAR") || has("CLOB") || has("TEXT") {
        if column == "at" || column.ends_with("_at") { Kind::Timestamp } else { Kind::Text }
    } else if has("BLOB") {
        Kind::Bytes
    } else if has("REAL") || has("FLOA") || has("DOUB") {
        Kind::Float
    } else {
        Kind::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_and_the_at_suffix_choose_the_kind() {
        assert_eq!(kind("INTEGER", "id"), Kind::Int);
        assert_eq!(kind("BIGINT", "population"), Kind::Int);
        assert_eq!(kind("BOOLEAN", "name_zh_verified"), Kind::Bool);
        assert_eq!(kind("REAL", "lat"), Kind::Float);
        assert_eq!(kind("TEXT", "created_at"), Kind::Timestamp);
        assert_eq!(kind("TEXT", "at"), Kind::Timestamp);
        assert_eq!(kind("TEXT", "established"), Kind::Text);
        assert_eq!(kind("TEXT", "format"), Kind::Text);
        assert_eq!(kind("DATETIME", "when"), Kind::Timestamp);
        assert_eq!(kind("DATE", "day"), Kind::Date);
        assert_eq!(kind("BLOB", "content"), Kind::Bytes);
        assert_eq!(kind("", "anything"), Kind::Text);
    }
}
