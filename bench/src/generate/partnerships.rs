//! Stage 2: partnerships with reference cities, each with the period in which it is active
//! (so the data holds quiet and dormant partners) and a weight (a few partners are far busier).

use amity_core::partnership::{NewPartnership, PartnershipStatus};
use amity_core::store::prelude::*;
use amity_core::{PartialDate, Result};
use amity_store::Db;
use chrono::{Datelike, Days, NaiveDate};

use super::rng::Rng;
use super::{BATCH, TODAY, cities, now, partnership_input, validated};

/// A partnership as written, with what the activity stage needs to know about it.
#[derive(Debug, Clone)]
pub struct PlannedPartnership {
    pub id: i64,
    pub city: String,
    pub country: String,
    pub status: PartnershipStatus,
    /// Days between which its done activities fall.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Relative share of the activities.
    pub weight: f64,
}

/// The first day of the 20 years of history.
pub fn history_start() -> NaiveDate {
    TODAY.with_year(TODAY.year() - 20).unwrap_or(TODAY)
}

fn days_before(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_sub_days(Days::new(n.max(0) as u64)).unwrap_or(d)
}

/// Mostly active; a few in each other state of the lifecycle.
fn status(rng: &mut Rng) -> PartnershipStatus {
    match rng.below(100) {
        0..85 => PartnershipStatus::Active,
        85..88 => PartnershipStatus::Suspended,
        88..92 => PartnershipStatus::Ended,
        92..95 => PartnershipStatus::Prospect,
        95..98 => PartnershipStatus::Negotiating,
        _ => PartnershipStatus::LetterOfIntent,
    }
}

/// Established between 1979 and 2024, at the precision sources give: mostly a day, some a month or a year.
fn established(rng: &mut Rng, status: PartnershipStatus) -> String {
    if matches!(status, PartnershipStatus::Prospect | PartnershipStatus::Negotiating | PartnershipStatus::LetterOfIntent) {
        return String::new();
    }
    let (y, m, d) = (rng.between(1979, 2024), rng.between(1, 12), rng.between(1, 28));
    match rng.below(100) {
        0..15 => format!("{y}"),
        15..30 => format!("{y}-{m:02}"),
        _ => format!("{y}-{m:02}-{d:02}"),
    }
}

/// When its cooperation happens: from its start (or 20 years ago) up to today for most; for a
/// quiet partner it stopped 12–24 months ago, for a dormant one longer ago.
fn period(rng: &mut Rng, established: Option<PartialDate>, status: PartnershipStatus) -> (NaiveDate, NaiveDate) {
    let start = match established {
        Some(d) => d.first_day().max(history_start()),
        None => days_before(TODAY, 3 * 365),
    };
    let span = (TODAY - start).num_days();
    let end = match (status, rng.below(100)) {
        (PartnershipStatus::Ended, _) | (_, 86..) => days_before(TODAY, rng.between(730, 20 * 365)),
        (PartnershipStatus::Suspended, _) | (_, 72..86) => days_before(TODAY, rng.between(366, 729)),
        _ => TODAY,
    };
    if (end - start).num_days() < 30 || span < 30 { (start.min(TODAY), TODAY) } else { (start, end) }
}

/// Writes `n` partnerships (home units: mostly the city itself) in transactions of [`BATCH`].
pub async fn create(db: &Db, rng: &mut Rng, units: &[i64], fields: &[String], n: usize) -> Result<Vec<PlannedPartnership>> {
    let cities = cities::sample(rng, n);
    let mut out = Vec::with_capacity(cities.len());
    for chunk in cities.chunks(BATCH) {
        let mut tx = db.begin().await?;
        for city in chunk {
            let home = if rng.chance(0.7) { units[0] } else { *rng.pick(&units[1..]) };
            let status = status(rng);
            let mut input = partnership_input(home, city.id);
            input.kind = if rng.chance(0.6) { "sister_city" } else { "friendly_cooperation" }.into();
            input.status = status.as_str().into();
            input.established = established(rng, status);
            input.fields = (0..rng.between(0, 3)).map(|_| rng.pick(fields).clone()).collect();
            let new = validated("partnership", NewPartnership::validate(&input))?;
            let city_id = tx.upsert_city(&new.city).await?;
            let id = tx.insert_partnership(&new, city_id, now()).await?;
            let (first_day, last_day) = period(rng, new.established, status);
            // Cubed, so a few partners carry much of the cooperation and many see little.
            let weight = 1.0 + 30.0 * rng.unit().powi(3);
            out.push(PlannedPartnership { id, city: new.city.name_en, country: new.city.country, status, first_day, last_day, weight });
        }
        tx.commit().await?;
    }
    Ok(out)
}
