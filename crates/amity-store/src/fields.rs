//! Cooperation fields: seeded by the first migration, extended by the office.

use amity_core::Result;
use amity_core::field::CooperationField;
use amity_core::store::FieldStore;
use async_trait::async_trait;

use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

/// A `fields` row as both databases return it.
#[derive(sqlx::FromRow)]
struct FieldRow {
    id: i64,
    code: String,
    name_en: String,
    name_zh: String,
    position: i64,
}

impl From<FieldRow> for CooperationField {
    fn from(r: FieldRow) -> Self {
        CooperationField { id: r.id, code: r.code, name_en: r.name_en, name_zh: r.name_zh, position: r.position }
    }
}

#[async_trait]
impl FieldStore for Tx {
    async fn list_fields(&mut self) -> Result<Vec<CooperationField>> {
        const SQL: &str = "SELECT id, code, name_en, name_zh, position FROM fields ORDER BY position, id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, FieldRow>(SQL).fetch_all(&mut *c).await);
        Ok(rows.map_err(internal)?.into_iter().map(CooperationField::from).collect())
    }

    async fn page_fields(&mut self, paging: &amity_core::Paging) -> Result<(Vec<CooperationField>, i64)> {
        const COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM fields";
        let total = on_conn!(self, c => sqlx::query_scalar::<_, i64>(COUNT).fetch_one(&mut *c).await).map_err(internal)?;
        const SQL: &str = "SELECT id, code, name_en, name_zh, position FROM fields ORDER BY position, id LIMIT $1 OFFSET $2";
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, FieldRow>(SQL).bind(paging.limit()).bind(paging.offset()).fetch_all(&mut *c).await);
        Ok((rows.map_err(internal)?.into_iter().map(CooperationField::from).collect(), total))
    }

    /// Appends the field after the last one; a code already used is a `Conflict` on `code`.
    async fn insert_field(&mut self, code: &str, name_en: &str, name_zh: &str) -> Result<i64> {
        const SQL: &str = "INSERT INTO fields (code, name_en, name_zh, position) \
                           SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1 FROM fields RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(code)
            .bind(name_en)
            .bind(name_zh)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("code"))
    }
}

impl Tx {
    /// Links a record to the cooperation fields with these codes, in `table` (`owner` = `id`);
    /// an unknown code is a validation error on `fields`. Shared by partnerships and activities.
    pub(crate) async fn link_field_codes(&mut self, table: &'static str, owner: &'static str, id: i64, codes: &[String]) -> Result<()> {
        use crate::args::{Arg, bind_args, placeholders};
        if codes.is_empty() {
            return Ok(());
        }
        // `table` and `owner` are constants of this crate, never input.
        let sql =
            format!("INSERT INTO {table} ({owner}, field_id) SELECT $1, id FROM fields WHERE code IN ({})", placeholders(2, codes.len()));
        let args: Vec<Arg> = codes.iter().map(|c| Arg::Text(c.clone())).collect();
        let linked = on_conn!(self, c => bind_args!(sqlx::query(&sql).bind(id), &args).execute(&mut *c).await.map(|r| r.rows_affected()))
            .map_err(crate::error::on_write("fields"))?;
        if usize::try_from(linked).ok() != Some(codes.len()) {
            return Err(amity_core::Error::invalid("fields", "unknown_field"));
        }
        Ok(())
    }
}
