//! The daily sweep `amity serve` runs: travel documents past the office's retention period are deleted
//! (restricted personal data). The day is claimed as a job lease first, so with several servers one
//! runs it; the deletion itself is idempotent. Reads never delete: they hide what is past retention.

use std::time::Duration as StdDuration;

use chrono::Utc;

use amity_core::delegation::documents;
use amity_core::job;
use amity_core::store::Store as _;
use amity_store::Db;

/// The job's name in `job_runs`.
const JOB: &str = "travel_document_purge";

/// Runs today's sweep unless another server has; returns how many documents were deleted.
pub async fn run_once(db: &Db, holder: &str) -> amity_core::Result<Option<u64>> {
    let now = db.now();
    let Some(lease) = job::claim(db, JOB, now.office_today.to_string(), holder, now.instant).await? else { return Ok(None) };
    let n = documents::purge_expired(db, now.office_today).await?;
    lease.finish(db, &format!("deleted {n}"), db.now().instant).await?;
    Ok(Some(n))
}

/// Checks hourly whether today's sweep has run, and runs it if not.
pub fn spawn(db: Db) {
    let holder = format!("{}-{}", std::process::id(), Utc::now().timestamp_micros());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(StdDuration::from_secs(3600));
        loop {
            tick.tick().await;
            match run_once(&db, &holder).await {
                Ok(Some(n)) if n > 0 => tracing::info!("deleted {n} travel documents past their retention period"),
                Ok(_) => {}
                Err(e) => tracing::warn!("travel document sweep: {e}"),
            }
        }
    });
}
