//! Budget lines of delegations and events: amounts in integer minor units with their currency.

use amity_core::Result;
use amity_core::budget::{BudgetCategory, BudgetLine, BudgetSubject, NewBudgetLine};
use amity_core::store::BudgetStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{corrupt, internal};
use crate::tx::Tx;

const SELECT: &str = "SELECT id, subject_kind, subject_id, category, description, currency, planned_minor, actual_minor, version, \
                      created_at, updated_at FROM budget_lines";

#[derive(sqlx::FromRow)]
struct LineRow {
    id: i64,
    subject_kind: String,
    subject_id: i64,
    category: String,
    description: Option<String>,
    currency: String,
    planned_minor: i64,
    actual_minor: Option<i64>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<LineRow> for BudgetLine {
    type Error = amity_core::Error;

    fn try_from(r: LineRow) -> Result<Self> {
        Ok(BudgetLine {
            id: r.id,
            subject_kind: BudgetSubject::parse(&r.subject_kind).ok_or_else(|| corrupt("budget subject", &r.subject_kind))?,
            subject_id: r.subject_id,
            category: BudgetCategory::parse(&r.category).ok_or_else(|| corrupt("budget category", &r.category))?,
            description: r.description,
            currency: r.currency,
            planned_minor: r.planned_minor,
            actual_minor: r.actual_minor,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[async_trait]
impl BudgetStore for Tx {
    async fn list_budget_lines(&mut self, subject: BudgetSubject, subject_id: i64) -> Result<Vec<BudgetLine>> {
        let sql = format!("{SELECT} WHERE subject_kind = $1 AND subject_id = $2 ORDER BY id");
        let rows = on_conn!(self, c => sqlx::query_as::<_, LineRow>(&sql).bind(subject.as_str()).bind(subject_id).fetch_all(&mut *c).await)
            .map_err(internal)?;
        rows.into_iter().map(BudgetLine::try_from).collect()
    }

    async fn get_budget_line(&mut self, id: i64) -> Result<Option<BudgetLine>> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, LineRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        row.map(BudgetLine::try_from).transpose()
    }

    async fn insert_budget_line(&mut self, subject: BudgetSubject, subject_id: i64, l: &NewBudgetLine, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO budget_lines (subject_kind, subject_id, category, description, currency, planned_minor, actual_minor, \
                           version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(subject.as_str())
            .bind(subject_id)
            .bind(l.category.as_str())
            .bind(&l.description)
            .bind(&l.currency)
            .bind(l.planned_minor)
            .bind(l.actual_minor)
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(internal)
    }

    async fn update_budget_line(&mut self, id: i64, l: &NewBudgetLine, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE budget_lines SET category = $1, description = $2, currency = $3, planned_minor = $4, actual_minor = $5, \
                           updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8";
        let changed = on_conn!(self, c => sqlx::query(SQL)
            .bind(l.category.as_str())
            .bind(&l.description)
            .bind(&l.currency)
            .bind(l.planned_minor)
            .bind(l.actual_minor)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected() > 0));
        changed.map_err(internal)
    }

    async fn delete_budget_line(&mut self, id: i64) -> Result<bool> {
        let n = on_conn!(self, c => sqlx::query("DELETE FROM budget_lines WHERE id = $1").bind(id).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(n.map_err(internal)? > 0)
    }

    async fn delete_budget_lines(&mut self, subject: BudgetSubject, subject_id: i64) -> Result<u64> {
        const SQL: &str = "DELETE FROM budget_lines WHERE subject_kind = $1 AND subject_id = $2";
        let n =
            on_conn!(self, c => sqlx::query(SQL).bind(subject.as_str()).bind(subject_id).execute(&mut *c).await.map(|r| r.rows_affected()));
        n.map_err(internal)
    }
}
