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
