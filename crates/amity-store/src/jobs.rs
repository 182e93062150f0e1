//! The job-run leases periodic jobs take: one run per job and period, a stale unfinished run taken over.

use amity_core::Result;
use amity_core::store::JobStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

#[async_trait]
impl JobStore for Tx {
    async fn claim_job_run(
        &mut self,
        job: &str,
        period: &str,
        holder: &str,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> Result<bool> {
        // The insert waits for a concurrent claimer's commit and then does nothing; a stale unfinished run is taken over.
        const SQL: &str = "INSERT INTO job_runs (job, period, holder, started_at) VALUES ($1, $2, $3, $4) \
                           ON CONFLICT (job, period) DO UPDATE SET holder = excluded.holder, started_at = excluded.started_at \
                           WHERE job_runs.finished_at IS NULL AND job_runs.started_at < $5";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(job)
            .bind(period)
            .bind(holder)
            .bind(now)
            .bind(stale_before)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(internal)? > 0)
    }

    async fn finish_job_run(&mut self, job: &str, period: &str, outcome: &str, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "UPDATE job_runs SET finished_at = $1, outcome = $2 WHERE job = $3 AND period = $4";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(now).bind(outcome).bind(job).bind(period).execute(&mut *c).await.map(|_| ()));
        done.map_err(internal)
    }
}
