//! `ActivityStore` on a unit of work: list, read, write activities and commitments.

use amity_core::Result;
use amity_core::activity::{
    Activity, ActivityFigures, ActivityFilter, ActivityStatus, Commitment, CommitmentStatus, NewActivity, NewCommitment, OverdueCommitment,
};
use amity_core::coverage::CoverageCounts;
use amity_core::store::ActivityStore;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::{ActivityRow, CommitmentRow, SELECT, done_day, where_clause};
use crate::args::bind_args;
use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

#[async_trait]
impl ActivityStore for Tx {
    async fn list_activities(&mut self, filter: &ActivityFilter) -> Result<(Vec<Activity>, i64)> {
        let mut w = where_clause(filter);
        let clause = w.clause();
        let total = match partnership_only(filter) {
            // The partner page's count: the partnership's links, one range of their index (an
            // activity names a partnership once), not every activity looked up through them.
            Some(p) => {
                const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM activity_partnerships WHERE partnership_id = $1";
                on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(p).fetch_one(&mut *c).await)
            }
            None => {
                let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM activities a{clause}");
                on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), &w.args).fetch_one(&mut *c).await)
            }
        }
        .map_err(internal)?;
        let page = w.page(&filter.paging);
        let sql = format!("{SELECT}{clause} ORDER BY a.start_day DESC, a.id DESC{page}");
        let rows =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, ActivityRow>(&sql), &w.args).fetch_all(&mut *c).await).map_err(internal)?;
        Ok((self.with_links(rows).await?, total))
    }

    async fn get_activity(&mut self, id: i64) -> Result<Option<Activity>> {
        let sql = format!("{SELECT} WHERE a.id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, ActivityRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        Ok(self.with_links(row.into_iter().collect()).await?.pop())
    }

    async fn insert_activity(&mut self, a: &NewActivity, now: DateTime<Utc>) -> Result<i64> {
        let id = self.insert_activity_row(a, now).await?;
        self.link_activity(id, &a.partnership_ids, &a.fields, done_day(a).as_deref()).await?;
        if a.status == ActivityStatus::Done {
            self.raise_last_done(id, id).await?;
        }
        Ok(id)
    }

    async fn update_activity(&mut self, id: i64, a: &NewActivity, version: i64, now: DateTime<Utc>) -> Result<bool> {
        // Its date, status or partnerships may change: the partnerships it named before and
        // names after get their latest done day recomputed.
        let mut touched = self.activity_partnership_ids(id).await?;
        let changed = self.update_activity_row(id, a, version, now).await?;
        if changed {
            self.link_activity(id, &a.partnership_ids, &a.fields, done_day(a).as_deref()).await?;
            touched.extend_from_slice(&a.partnership_ids);
            self.recompute_last_done(&touched).await?;
        }
        Ok(changed)
    }

    async fn delete_activity(&mut self, id: i64) -> Result<bool> {
        let touched = self.activity_partnership_ids(id).await?;
        let n = on_conn!(self, c => sqlx::query("DELETE FROM activities WHERE id = $1").bind(id).execute(&mut *c).await.map(|r| r.rows_affected()));
        let deleted = n.map_err(internal)? > 0;
        if deleted {
            self.recompute_last_done(&touched).await?;
        }
        Ok(deleted)
    }

    async fn insert_commitment(&mut self, activity_id: i64, c: &NewCommitment, now: DateTime<Utc>) -> Result<i64> {
        self.insert_commitment_row(activity_id, c, now).await
    }

    async fn get_commitment(&mut self, id: i64) -> Result<Option<Commitment>> {
        const SQL: &str = "SELECT id, activity_id, what, who, due_on, status, version FROM commitments WHERE id = $1";
        let row = on_conn!(self, c => sqlx::query_as::<_, CommitmentRow>(SQL).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        row.map(Commitment::try_from).transpose()
    }

    async fn set_commitment_status(&mut self, id: i64, status: CommitmentStatus, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE commitments SET status = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4";
        let n = on_conn!(self, c => sqlx::query(SQL)
            .bind(status.as_str())
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(n.map_err(internal)? > 0)
    }

    async fn overdue_commitments(&mut self, today: NaiveDate) -> Result<Vec<OverdueCommitment>> {
        self.overdue(today).await
    }

    async fn count_partnership_activities(&mut self, partnership_id: i64) -> Result<i64> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM activity_partnerships WHERE partnership_id = $1";
        on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(partnership_id).fetch_one(&mut *c).await).map_err(internal)
    }

    async fn activity_figures(
        &mut self,
        today: NaiveDate,
        since_12: NaiveDate,
        since_24: NaiveDate,
        only: Option<i64>,
    ) -> Result<Vec<ActivityFigures>> {
        self.figures(today, since_12, since_24, only).await
    }

    async fn coverage_counts(&mut self, from: NaiveDate, to: NaiveDate, field_ids: &[i64]) -> Result<Vec<CoverageCounts>> {
        self.coverage(from, to, field_ids).await
    }

    async fn coverage_totals(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        field_ids: &[i64],
        partnership_ids: Option<&[i64]>,
    ) -> Result<CoverageCounts> {
        self.coverage_together(from, to, field_ids, partnership_ids).await
    }
}

/// The partnership when it is all the filter asks (every field named: a new filter must be
/// considered here).
fn partnership_only(f: &ActivityFilter) -> Option<i64> {
    match f {
        ActivityFilter {
            partnership: Some(p),
            unit: None,
            kind: None,
            status: None,
            field: None,
            from: None,
            to: None,
            q: None,
            group: None,
            paging: _,
        } => Some(*p),
        _ => None,
    }
}
