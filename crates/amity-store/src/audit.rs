//! The audit log: entries are inserted and read, never changed. The database enforces that too
//! (triggers in migration 0002: no UPDATE, no DELETE within the retention period).

use amity_core::Result;
use amity_core::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use amity_core::store::AuditStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::args::{Arg, Where, bind_args};
use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

const SELECT: &str = "SELECT id, at, user_id, actor, ip, action, entity, entity_id, before_json, after_json FROM audit_log";

/// An `audit_log` row as both databases return it.
#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: DateTime<Utc>,
    user_id: Option<i64>,
    actor: String,
    ip: Option<String>,
    action: String,
    entity: String,
    entity_id: Option<String>,
    before_json: Option<String>,
    after_json: Option<String>,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        AuditEntry {
            id: r.id,
            at: r.at,
            user_id: r.user_id,
            actor: r.actor,
            ip: r.ip,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            before: r.before_json,
            after: r.after_json,
        }
    }
}

/// The filter as `WHERE` terms: exact matches, and `from <= at < to`.
fn where_clause(filter: &AuditFilter) -> Where {
    let mut w = Where::default();
    let exact = [("entity", &filter.entity), ("entity_id", &filter.entity_id), ("actor", &filter.actor), ("action", &filter.action)];
    for (column, value) in exact {
        if let Some(v) = value {
            w.add(&format!("{column} = ?"), Arg::Text(v.clone()));
        }
    }
    if let Some(from) = filter.from {
        w.add("at >= ?", Arg::Time(from));
    }
    if let Some(to) = filter.to {
        w.add("at < ?", Arg::Time(to));
    }
    w
}

/// Entries matching `clause` (a `WHERE` body numbered from `$1` for `args`), oldest first.
pub(crate) async fn entries_where(tx: &mut Tx, clause: &str, args: &[Arg]) -> Result<Vec<AuditEntry>> {
    let sql = format!("{SELECT} WHERE {clause} ORDER BY id");
    let rows = on_conn!(tx, c => bind_args!(sqlx::query_as::<_, AuditRow>(&sql), args).fetch_all(&mut *c).await).map_err(internal)?;
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}

#[async_trait]
impl AuditStore for Tx {
    async fn insert_audit(&mut self, e: &NewAuditEntry) -> Result<()> {
        const SQL: &str = "INSERT INTO audit_log (at, user_id, actor, ip, action, entity, entity_id, before_json, after_json) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(e.at)
            .bind(e.user_id)
            .bind(&e.actor)
            .bind(&e.ip)
            .bind(&e.action)
            .bind(&e.entity)
            .bind(&e.entity_id)
            .bind(&e.before)
            .bind(&e.after)
            .execute(&mut *c)
            .await
            .map(drop));
        done.map_err(internal)
    }

    /// Newest first; entries of the same instant by id, newest first, so pages never overlap.
    async fn list_audit(&mut self, filter: &AuditFilter) -> Result<(Vec<AuditEntry>, i64)> {
        let mut w = where_clause(filter);
        let clause = w.clause();
        let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log{clause}");
        let total = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), &w.args).fetch_one(&mut *c).await)
            .map_err(internal)?;
        let page = w.page(&filter.paging);
        let page_sql = format!("{SELECT}{clause} ORDER BY at DESC, id DESC{page}");
        let rows = on_conn!(self, c => bind_args!(sqlx::query_as::<_, AuditRow>(&page_sql), &w.args).fetch_all(&mut *c).await)
            .map_err(internal)?;
        Ok((rows.into_iter().map(AuditEntry::from).collect(), total))
    }

    /// Entries by the user, about the user, or whose before/after text contains the username.
    async fn audit_mentioning(&mut self, user_id: i64, username: &str) -> Result<Vec<AuditEntry>> {
        let sql = format!(
            "{SELECT} WHERE user_id = $1 OR (entity = 'user' AND entity_id = $2) \
             OR before_json LIKE $3 ESCAPE '\\' OR after_json LIKE $3 ESCAPE '\\' ORDER BY id"
        );
        let pattern = crate::dialect::contains_pattern(username);
        let rows = on_conn!(self, c => sqlx::query_as::<_, AuditRow>(&sql)
            .bind(user_id)
            .bind(user_id.to_string())
            .bind(&pattern)
            .fetch_all(&mut *c)
            .await);
        Ok(rows.map_err(internal)?.into_iter().map(AuditEntry::from).collect())
    }

    /// Records the redaction, then rewrites the entry's actor, address and texts (the trigger of
    /// migration 0003 admits the update only because the redaction row exists).
    async fn redact_audit(&mut self, redacted: &AuditEntry, by: &str, reason: &str, now: DateTime<Utc>) -> Result<()> {
        const MARK: &str = "INSERT INTO audit_redactions (audit_id, redacted_at, by_actor, reason) VALUES ($1, $2, $3, $4)";
        const SQL: &str = "UPDATE audit_log SET actor = $1, ip = $2, before_json = $3, after_json = $4 WHERE id = $5";
        on_conn!(self, c => sqlx::query(MARK).bind(redacted.id).bind(now).bind(by).bind(reason).execute(&mut *c).await.map(drop))
            .map_err(internal)?;
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(&redacted.actor)
            .bind(&redacted.ip)
            .bind(&redacted.before)
            .bind(&redacted.after)
            .bind(redacted.id)
            .execute(&mut *c)
            .await
            .map(drop));
        done.map_err(internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_becomes_one_numbered_term() {
        let t = DateTime::<Utc>::UNIX_EPOCH;
        let filter =
            AuditFilter { entity: Some("user".into()), actor: Some("admin".into()), from: Some(t), to: Some(t), ..Default::default() };
        let w = where_clause(&filter);
        assert_eq!(w.clause(), " WHERE entity = $1 AND actor = $2 AND at >= $3 AND at < $4");
        assert_eq!(w.args.len(), 4);
    }
}
