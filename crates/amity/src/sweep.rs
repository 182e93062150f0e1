//! The daily sweep `amity serve` runs: travel documents past the office's retention period are deleted
//! (restricted personal data). The day is claimed in the database first, so with several servers one
//! runs it; the deletion itself is idempotent, and reads and writes of travel documents purge too.

use std::time::Duration as StdDuration;

use chrono::Utc;

use amity_core::delegation::documents;
use amity_core::store::{JobStore, Store, Tx as _};
use amity_store::Db;

/// The job's name in `job_runs`.
const JOB: &str = "travel_document_purge";

/// Runs today's sweep unless another server has; returns how many documents were deleted.
pub async fn run_once(db: &Db, tz: chrono_tz::Tz, holder: &str) -> amity_core::Result<Option<u64>> {
    let now = Utc::now();
    let today = now.with_timezone(&tz).date_naive();
    let period = today.to_string();
    let mut tx = db.begin().await?;
    if !tx.claim_job_run(JOB, &period, holder, now, now - chrono::Duration::minutes(30)).await? {
        return Ok(None);
    }
    tx.commit().await?;
    let n = documents::purge_expired(db, today).await?;
    let mut tx = db.begin().await?;
    tx.finish_job_run(JOB, &period, &format!("deleted {n}"), Utc::now()).await?;
    tx.commit().await?;
    Ok(Some(n))
}

/// Checks hourly whether today's sweep has run, and runs it if not.
pub fn spawn(db: Db, tz: chrono_tz::Tz) {
    let holder = format!("{}-{}", std::process::id(), Utc::now().timestamp_micros());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(StdDuration::from_secs(3600));
        loop {
            tick.tick().await;
            match run_once(&db, tz, &holder).await {
                Ok(Some(n)) if n > 0 => tracing::info!("deleted {n} travel documents past their retention period"),
                Ok(_) => {}
                Err(e) => tracing::warn!("travel document sweep: {e}"),
            }
        }
    });
}
