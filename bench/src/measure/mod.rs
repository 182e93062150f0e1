//! Timings on a generated data set: the coverage matrix of every partnership over the 365 days
//! before TODAY, the needs-attention list and the partner page, each through the same service
//! calls the web pages make — and, to say where the time goes, the store calls they consist of.

pub mod psql_cli;
mod scenarios;
pub mod sqlite_cli;

use std::future::Future;
use std::time::{Duration, Instant};

use amity_core::Result;
use amity_store::Db;

pub use scenarios::{Sizes, cold_matrix, coverage_period, run};

/// The samples of one measurement.
#[derive(Debug, Clone)]
pub struct Timing {
    /// `sqlite`, `postgres`, `sqlite3 CLI` or `psql`.
    pub backend: String,
    pub name: String,
    pub samples: Vec<Duration>,
}

impl Timing {
    /// The median sample (the mean of the middle two for an even count).
    pub fn median(&self) -> Duration {
        let mut s = self.samples.clone();
        s.sort();
        match s.len() {
            0 => Duration::ZERO,
            n if n % 2 == 1 => s[n / 2],
            n => (s[n / 2 - 1] + s[n / 2]) / 2,
        }
    }

    /// The fastest sample.
    pub fn min(&self) -> Duration {
        self.samples.iter().min().copied().unwrap_or_default()
    }
}

/// Runs `f` once unmeasured when `iterations` > 1 (to warm caches and the pool), then
/// `iterations` times measured.
pub async fn time<T, F, Fut>(iterations: usize, mut f: F) -> Result<Vec<Duration>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    if iterations > 1 {
        std::hint::black_box(f().await?);
    }
    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let started = Instant::now();
        std::hint::black_box(f().await?);
        samples.push(started.elapsed());
    }
    Ok(samples)
}

/// A duration as people read it: `812 µs`, `23.4 ms`, `1.52 s`.
pub fn human(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.0} µs")
    } else if us < 1e6 {
        format!("{:.1} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// The table of medians and minimums.
pub fn table(timings: &[Timing]) -> String {
    let mut out = format!("{:<12} {:<44} {:>10} {:>10} {:>4}\n", "backend", "measurement", "median", "min", "n");
    for t in timings {
        out.push_str(&format!(
            "{:<12} {:<44} {:>10} {:>10} {:>4}\n",
            t.backend,
            t.name,
            human(t.median()),
            human(t.min()),
            t.samples.len()
        ));
    }
    out
}

/// The ids of the cooperation fields, in display order (the matrix's columns).
pub async fn field_ids(url: &str) -> Result<Vec<i64>, String> {
    use amity_core::store::{FieldStore, Store};
    let db = Db::open(url).await.map_err(|e| e.to_string())?;
    let mut tx = db.read().await.map_err(|e| e.to_string())?;
    let ids = tx.list_fields().await.map_err(|e| e.to_string())?.into_iter().map(|f| f.id).collect();
    drop(tx);
    db.close().await;
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let ms =
            |v: &[u64]| Timing { backend: "x".into(), name: "y".into(), samples: v.iter().map(|n| Duration::from_millis(*n)).collect() };
        assert_eq!(ms(&[5, 1, 3]).median(), Duration::from_millis(3));
        assert_eq!(ms(&[4, 1, 2, 3]).median(), Duration::from_micros(2_500));
        assert_eq!(ms(&[4, 1, 2, 3]).min(), Duration::from_millis(1));
        assert_eq!(human(Duration::from_micros(23_400)), "23.4 ms");
    }
}
