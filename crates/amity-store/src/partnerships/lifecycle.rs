//! A partnership's lifecycle: its status set with a version check and its approval milestones (the
//! history of its status is the shared `status_changes`).

use amity_core::Result;
use amity_core::partnership::{Approval, ApprovalKind, NewApproval, PartnershipStatus};
use amity_core::store::LifecycleStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::codec::parse_partial;
use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write};
use crate::tx::Tx;

const APPROVAL_COLUMNS: &str = "id, partnership_id, kind, on_date, reference, note, created_at";

/// A `partnership_approvals` row as both databases return it.
#[derive(sqlx::FromRow)]
struct ApprovalRow {
    id: i64,
    partnership_id: i64,
    kind: String,
    on_date: String,
    reference: Option<String>,
    note: Option<String>,
    created_at: DateTime<Utc>,
}

impl TryFrom<ApprovalRow> for Approval {
    type Error = amity_core::Error;

    fn try_from(r: ApprovalRow) -> Result<Self> {
        Ok(Approval {
            id: r.id,
            partnership_id: r.partnership_id,
            kind: ApprovalKind::parse(&r.kind).ok_or_else(|| corrupt("approval kind", &r.kind))?,
            date: parse_partial(&r.on_date)?,
            reference: r.reference,
            note: r.note,
            created_at: r.created_at,
        })
    }
}

#[async_trait]
impl LifecycleStore for Tx {
    async fn set_partnership_status(
        &mut self,
        id: i64,
        status: PartnershipStatus,
        successor_id: Option<i64>,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        const SQL: &str = "UPDATE partnerships SET status = $1, successor_id = $2, updated_at = $3, version = version + 1 \
                           WHERE id = $4 AND version = $5";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(status.as_str())
            .bind(successor_id)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(on_write("successor_partnership_id"))? > 0)
    }

    async fn insert_approval(&mut self, partnership_id: i64, a: &NewApproval, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO partnership_approvals (partnership_id, kind, on_date, reference, note, created_at) \
                           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(partnership_id)
            .bind(a.kind.as_str())
            .bind(a.date.to_string())
            .bind(&a.reference)
            .bind(&a.note)
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("partnership_id"))
    }

    /// By date (partial dates sort as text), then in the order recorded.
    async fn list_approvals(&mut self, partnership_id: i64) -> Result<Vec<Approval>> {
        let sql = format!("SELECT {APPROVAL_COLUMNS} FROM partnership_approvals WHERE partnership_id = $1 ORDER BY on_date, id");
        let rows = on_conn!(self, c => sqlx::query_as::<_, ApprovalRow>(&sql).bind(partnership_id).fetch_all(&mut *c).await);
        rows.map_err(internal)?.into_iter().map(Approval::try_from).collect()
    }

    async fn get_approval(&mut self, partnership_id: i64, id: i64) -> Result<Option<Approval>> {
        let sql = format!("SELECT {APPROVAL_COLUMNS} FROM partnership_approvals WHERE partnership_id = $1 AND id = $2");
        let row = on_conn!(self, c => sqlx::query_as::<_, ApprovalRow>(&sql).bind(partnership_id).bind(id).fetch_optional(&mut *c).await);
        row.map_err(internal)?.map(Approval::try_from).transpose()
    }

    async fn delete_approval(&mut self, partnership_id: i64, id: i64) -> Result<bool> {
        const SQL: &str = "DELETE FROM partnership_approvals WHERE partnership_id = $1 AND id = $2";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(partnership_id).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(done.map_err(internal)? > 0)
    }
}
