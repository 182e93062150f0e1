//! Stored files: the bytes in a BLOB (SQLite) or BYTEA (PostgreSQL) column, with their description.

use amity_core::Result;
use amity_core::file::{FileInfo, FileOwner, NewFile, StoredFile};
use amity_core::store::FileStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

/// The description columns (no bytes), for lists.
pub(crate) const INFO_COLUMNS: &str = "f.id, f.file_name, f.content_type, f.declared_type, f.size, f.sha256, f.created_at, f.created_by";

/// A `files` row without its bytes.
#[derive(sqlx::FromRow)]
pub(crate) struct InfoRow {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub declared_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<i64>,
}

impl From<InfoRow> for FileInfo {
    fn from(r: InfoRow) -> Self {
        FileInfo {
            id: r.id,
            file_name: r.file_name,
            content_type: r.content_type,
            declared_type: r.declared_type,
            size: r.size,
            sha256: r.sha256,
            created_at: r.created_at,
            created_by: r.created_by,
        }
    }
}

/// A `files` row with its bytes.
#[derive(sqlx::FromRow)]
struct FullRow {
    #[sqlx(flatten)]
    info: InfoRow,
    content: Vec<u8>,
}

#[async_trait]
impl FileStore for Tx {
    async fn insert_file(&mut self, f: &NewFile, created_by: Option<i64>, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO files (content, sha256, size, declared_type, content_type, file_name, created_at, created_by) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        let size = i64::try_from(f.bytes.len()).unwrap_or(i64::MAX);
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(&f.bytes)
            .bind(&f.sha256)
            .bind(size)
            .bind(&f.declared_type)
            .bind(&f.content_type)
            .bind(&f.file_name)
            .bind(now)
            .bind(created_by)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("file"))
    }

    async fn get_file(&mut self, id: i64) -> Result<Option<StoredFile>> {
        let sql = format!("SELECT {INFO_COLUMNS}, f.content FROM files f WHERE f.id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, FullRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        Ok(row.map(|r| StoredFile { info: r.info.into(), bytes: r.content }))
    }

    async fn delete_file(&mut self, id: i64) -> Result<bool> {
        let deleted = on_conn!(self, c => sqlx::query("DELETE FROM files WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(deleted.map_err(internal)? > 0)
    }

    async fn file_owner(&mut self, id: i64) -> Result<Option<FileOwner>> {
        const SQL: &str = "SELECT CAST('agreement' AS TEXT), agreement_id FROM agreement_files WHERE file_id = $1 \
                           UNION ALL SELECT CAST('gift' AS TEXT), id FROM gifts WHERE photo_file_id = $1";
        let row = on_conn!(self, c => sqlx::query_as::<_, (String, i64)>(SQL).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        Ok(row.map(|(kind, owner)| match kind.as_str() {
            "agreement" => FileOwner::Agreement(owner),
            _ => FileOwner::Gift(owner),
        }))
    }
}
