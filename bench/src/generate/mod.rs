//! The national-scale data set: a home city with its units, 3,000 partnerships with reference
//! cities, 300,000 activities over the 20 years before a fixed [`TODAY`], and commitments — written
//! through the store (no SQL here), deterministically from [`SEED`], so SQLite and PostgreSQL get
//! the same rows with the same ids.
//!
//! Each kind of record is one stage (a module with a `create` function) that reads what earlier
//! stages made from [`World`]; later issues add their stages (events, delegations, registrations)
//! to [`generate`] after the ones they depend on. A stage with few rows goes through the store
//! traits as the services do; one with hundreds of thousands (the activities) goes through a
//! bulk method of `amity_store::Tx` (multi-row `INSERT`s: PostgreSQL pays a round trip per
//! statement), which must write exactly the rows the trait methods write and keep what they keep
//! (here each partnership's latest done day) — and has a store test saying so.

mod activities;
mod cities;
mod partnerships;
mod protocol;
pub mod rng;
mod units;

use std::time::{Duration, Instant};

use amity_core::store::prelude::*;
use amity_core::{Error, PartnershipInput, Result};
use amity_store::Db;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

pub use partnerships::PlannedPartnership;
use rng::Rng;

/// The day the data set is generated for: every figure is measured "as of" it, so results stay
/// comparable from day to day.
pub const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 6, 30) {
    Some(d) => d,
    None => panic!("TODAY is a real day"),
};

/// The seed of the full data set.
pub const SEED: u64 = 0x616d_6974_795f_6e61;

/// Rows written per transaction.
pub const BATCH: usize = 5_000;

/// How big a data set to make.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// 1.0 is the national scale; 0.01 the smoke run. Units and fields do not scale.
    pub scale: f64,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self { scale: 1.0, seed: SEED }
    }
}

impl Config {
    fn scaled(&self, full: f64) -> usize {
        ((full * self.scale).round() as usize).max(1)
    }

    /// Partnerships at this scale (3,000 at 1.0).
    pub fn partnerships(&self) -> usize {
        self.scaled(3_000.0)
    }

    /// Activities at this scale (300,000 at 1.0).
    pub fn activities(&self) -> usize {
        self.scaled(300_000.0)
    }
}

/// The instant written as `created_at`/`updated_at`: TODAY, 10:00 in Beijing.
pub fn now() -> DateTime<Utc> {
    TODAY.and_time(NaiveTime::from_hms_opt(2, 0, 0).unwrap_or(NaiveTime::MIN)).and_utc()
}

/// What the stages made so far, for the stages after them.
#[derive(Debug, Default)]
pub struct World {
    /// Unit ids, the home city first.
    pub units: Vec<i64>,
    pub partnerships: Vec<PlannedPartnership>,
    /// Codes of the seeded cooperation fields, in their order.
    pub fields: Vec<String>,
}

/// What was written.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub units: usize,
    pub partnerships: usize,
    pub countries: usize,
    pub activities: usize,
    pub planned_activities: usize,
    /// Rows of `activity_partnerships` and `activity_fields`.
    pub partnership_links: usize,
    pub field_links: usize,
    pub commitments: usize,
    /// Open commitments due before TODAY.
    pub overdue_commitments: usize,
    pub events: usize,
    pub delegations: usize,
    pub agreements: usize,
    /// Dates of diplomatic relations (one per partner country).
    pub relations: usize,
    pub elapsed: Duration,
}

/// Fills an empty database; refuses one that already holds units or partnerships.
pub async fn generate(db: &Db, config: &Config) -> Result<Report> {
    let started = Instant::now();
    refuse_non_empty(db).await?;
    let mut rng = Rng::new(config.seed);
    let mut report = Report::default();
    let fields = db.read().await?.list_fields().await?.into_iter().map(|f| f.code).collect();
    let mut world = World { fields, units: units::create(db).await?, ..Default::default() };
    report.units = world.units.len();
    world.partnerships = partnerships::create(db, &mut rng, &world.units, &world.fields, config.partnerships()).await?;
    report.partnerships = world.partnerships.len();
    report.countries = world.partnerships.iter().map(|p| p.country.as_str()).collect::<std::collections::HashSet<_>>().len();
    activities::create(db, &mut rng, &world, config.activities(), &mut report).await?;
    protocol::create(db, &mut rng, &world, config.scale, &mut report).await?;
    db.settle_after_bulk_load().await?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// True when the database holds no units and no partnerships (a freshly migrated one).
pub async fn is_empty(db: &Db) -> Result<bool> {
    let mut tx = db.read().await?;
    let filter = amity_core::partnership::PartnershipFilter { paging: amity_core::Paging::new(Some(1), Some(1)), ..Default::default() };
    Ok(tx.list_units().await?.is_empty() && tx.list_partnerships(&filter).await?.1 == 0)
}

async fn refuse_non_empty(db: &Db) -> Result<()> {
    if is_empty(db).await? { Ok(()) } else { Err(Error::conflict("database", "not_empty")) }
}

/// The validated form of an input the generator built; a refusal is a bug in the generator.
fn validated<T>(what: &str, r: Result<T>) -> Result<T> {
    r.map_err(|e| Error::Internal(format!("the generator built an invalid {what}: {e:?}")))
}

/// Kept public for later stages that create partnerships of their own.
pub fn partnership_input(home_unit_id: i64, geonameid: i64) -> PartnershipInput {
    PartnershipInput { home_unit_id: Some(home_unit_id), city_id: Some(geonameid), ..Default::default() }
}
