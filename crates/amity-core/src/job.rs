//! Periodic jobs that exactly one of several servers runs per period (the weekly digest, the daily
//! sweep of travel documents): a lease row per run, claimed in the database before the work and
//! marked finished after it. A claimed run that never finishes is taken over after [`STALE_AFTER`].

use chrono::{DateTime, Duration, Utc};

use crate::error::Result;
use crate::store::prelude::*;

/// A claimed run that has not finished after this long is taken to have died with its server.
pub const STALE_AFTER: Duration = Duration::minutes(30);

/// A claimed run of `job` for `period`: this server does the work, then calls [`Lease::finish`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub job: &'static str,
    pub period: String,
}

/// Claims `job` for `period` (e.g. "2026-W48", "2026-12-07") for `holder`; `None` when another server
/// holds it or it ran already.
pub async fn claim<S: Store>(store: &S, job: &'static str, period: String, holder: &str, now: DateTime<Utc>) -> Result<Option<Lease>> {
    let mut tx = store.begin().await?;
    if !tx.claim_job_run(job, &period, holder, now, now - STALE_AFTER).await? {
        return Ok(None);
    }
    tx.commit().await?;
    Ok(Some(Lease { job, period }))
}

impl Lease {
    /// Records the run as finished with a short outcome ("sent 3 of 3", "deleted 2").
    pub async fn finish<S: Store>(&self, store: &S, outcome: &str, now: DateTime<Utc>) -> Result<()> {
        let mut tx = store.begin().await?;
        tx.finish_job_run(self.job, &self.period, outcome, now).await?;
        tx.commit().await
    }
}
