//! Units: the home city and its districts, bureaus and zones.

use amity_core::Result;
use amity_core::store::UnitStore;
use amity_core::unit::{NewUnit, Unit, UnitFilter, UnitKind};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::args::{Arg, Where, bind_args};
use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_delete, on_write};
use crate::tx::Tx;

const COLUMNS: &str = "id, parent_id, kind, name_en, name_zh, archived_at, version, created_at, updated_at";

/// A `units` row as both databases return it.
#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    parent_id: Option<i64>,
    kind: String,
    name_en: String,
    name_zh: String,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<UnitRow> for Unit {
    type Error = amity_core::Error;

    fn try_from(r: UnitRow) -> Result<Self> {
        let kind = UnitKind::parse(&r.kind).ok_or_else(|| corrupt("unit kind", &r.kind))?;
        Ok(Unit {
            id: r.id,
            parent_id: r.parent_id,
            kind,
            name_en: r.name_en,
            name_zh: r.name_zh,
            archived_at: r.archived_at,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[async_trait]
impl UnitStore for Tx {
    /// The top unit (the home city) first, then by name.
    async fn list_units(&mut self) -> Result<Vec<Unit>> {
        let sql = format!("SELECT {COLUMNS} FROM units ORDER BY (parent_id IS NOT NULL), sort_key, id");
        let rows = on_conn!(self, c => sqlx::query_as::<_, UnitRow>(&sql).fetch_all(&mut *c).await);
        rows.map_err(internal)?.into_iter().map(Unit::try_from).collect()
    }

    async fn list_units_page(&mut self, filter: &UnitFilter) -> Result<(Vec<Unit>, i64)> {
        let mut w = Where::default();
        if let Some(archived) = filter.archived {
            w.add("(archived_at IS NOT NULL) = ?", Arg::Bool(archived));
        }
        let clause = w.clause();
        let total_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM units{clause}");
        let total = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&total_sql), &w.args).fetch_one(&mut *c).await);
        let total = total.map_err(internal)?;
        let page = w.page(&filter.paging);
        let sql = format!("SELECT {COLUMNS} FROM units{clause} ORDER BY (parent_id IS NOT NULL), sort_key, id{page}");
        let rows = on_conn!(self, c => bind_args!(sqlx::query_as::<_, UnitRow>(&sql), &w.args).fetch_all(&mut *c).await);
        let units = rows.map_err(internal)?.into_iter().map(Unit::try_from).collect::<Result<Vec<_>>>()?;
        Ok((units, total))
    }

    async fn get_unit(&mut self, id: i64) -> Result<Option<Unit>> {
        let sql = format!("SELECT {COLUMNS} FROM units WHERE id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, UnitRow>(&sql).bind(id).fetch_optional(&mut *c).await);
        row.map_err(internal)?.map(Unit::try_from).transpose()
    }

    async fn insert_unit(&mut self, unit: &NewUnit, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO units (parent_id, kind, name_en, name_zh, sort_key, version, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(unit.parent_id)
            .bind(unit.kind.as_str())
            .bind(&unit.name_en)
            .bind(&unit.name_zh)
            .bind(&unit.sort_key)
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("parent_id"))
    }

    async fn update_unit(&mut self, id: i64, unit: &NewUnit, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE units SET parent_id = $1, kind = $2, name_en = $3, name_zh = $4, sort_key = $5, \
                           updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(unit.parent_id)
            .bind(unit.kind.as_str())
            .bind(&unit.name_en)
            .bind(&unit.name_zh)
            .bind(&unit.sort_key)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(on_write("parent_id"))? > 0)
    }

    async fn set_unit_archived(&mut self, id: i64, archived_at: Option<DateTime<Utc>>, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE units SET archived_at = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(archived_at)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(internal)? > 0)
    }

    async fn delete_unit(&mut self, id: i64) -> Result<bool> {
        let n =
            on_conn!(self, c => sqlx::query("DELETE FROM units WHERE id = $1").bind(id).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(n.map_err(on_delete("unit"))? > 0)
    }
}
