//! The shared status history (`status_changes`): one table for every record that has a status,
//! keyed by subject (`partnership`, `event`, `delegation` …) and the record's id.

use amity_core::transition::{EndedBy, NewStatusChange, StatusChange, StatusHistoryStore};
use amity_core::{PartialDate, Result};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write};
use crate::tx::Tx;

const COLUMNS: &str = "id, subject_id, from_status, to_status, on_date, reason, condition, ended_by, successor_id, actor, at";

/// A `status_changes` row as both databases return it.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    subject_id: i64,
    from_status: Option<String>,
    to_status: String,
    on_date: String,
    reason: Option<String>,
    condition: Option<String>,
    ended_by: Option<String>,
    successor_id: Option<i64>,
    actor: String,
    at: DateTime<Utc>,
}

impl TryFrom<Row> for StatusChange<String> {
    type Error = amity_core::Error;

    fn try_from(r: Row) -> Result<Self> {
        Ok(StatusChange {
            id: r.id,
            subject_id: r.subject_id,
            from_status: r.from_status,
            to_status: r.to_status,
            date: PartialDate::parse(&r.on_date).map_err(|_| corrupt("status change date", &r.on_date))?,
            reason: r.reason,
            condition: r.condition,
            ended_by: r.ended_by.as_deref().map(|e| EndedBy::parse(e).ok_or_else(|| corrupt("ended by", e))).transpose()?,
            successor_id: r.successor_id,
            actor: r.actor,
            at: r.at,
        })
    }
}

#[async_trait]
impl StatusHistoryStore for Tx {
    async fn insert_status_change(&mut self, ch: &NewStatusChange) -> Result<i64> {
        const SQL: &str = "INSERT INTO status_changes (subject, subject_id, from_status, to_status, on_date, reason, condition, \
                           ended_by, successor_id, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(ch.subject)
            .bind(ch.subject_id)
            .bind(ch.from_status)
            .bind(ch.to_status)
            .bind(ch.date.to_string())
            .bind(&ch.reason)
            .bind(&ch.condition)
            .bind(ch.ended_by.map(|e| e.as_str()))
            .bind(ch.successor_id)
            .bind(&ch.actor)
            .bind(ch.at)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("status"))
    }

    /// In the order recorded: the rule only lets each change follow the one before it.
    async fn list_status_changes(&mut self, subject: &str, subject_id: i64) -> Result<Vec<StatusChange<String>>> {
        let sql = format!("SELECT {COLUMNS} FROM status_changes WHERE subject = $1 AND subject_id = $2 ORDER BY id");
        let rows = on_conn!(self, c => sqlx::query_as::<_, Row>(&sql).bind(subject).bind(subject_id).fetch_all(&mut *c).await);
        rows.map_err(internal)?.into_iter().map(StatusChange::try_from).collect()
    }
}

/// Removes a record's history as the record is deleted, in the same transaction: what a foreign key
/// with `ON DELETE CASCADE` would do, had the table one per subject.
pub(crate) async fn forget(tx: &mut Tx, subject: &str, subject_id: i64) -> Result<()> {
    const SQL: &str = "DELETE FROM status_changes WHERE subject = $1 AND subject_id = $2";
    on_conn!(tx, c => sqlx::query(SQL).bind(subject).bind(subject_id).execute(&mut *c).await.map(|_| ())).map_err(internal)
}
