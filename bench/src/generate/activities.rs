//! Stage 3: the cooperation log — activities naming 1–3 partnerships and 1–3 fields, owned by a
//! random unit, mostly done over each partner's active period, some planned around TODAY; about
//! one in twenty with a follow-up commitment, some of them overdue.

use amity_core::activity::{ActivityInput, ActivityKind, ActivityStatus, CommitmentInput, CommitmentStatus, NewActivity, NewCommitment};
use amity_core::store::prelude::*;
use amity_core::{Error, Result};
use amity_store::{BulkActivity, Db};
use chrono::{Days, NaiveDate};

use super::rng::Rng;
use super::{BATCH, PlannedPartnership, Report, TODAY, World, now, validated};

/// Picks partnerships in proportion to their weight (binary search over the running sums).
struct Weighted {
    sums: Vec<f64>,
}

impl Weighted {
    fn new(ps: &[PlannedPartnership]) -> Self {
        let mut total = 0.0;
        Self {
            sums: ps
                .iter()
                .map(|p| {
                    total += p.weight;
                    total
                })
                .collect(),
        }
    }

    fn pick(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.sums.last().copied().unwrap_or(0.0);
        self.sums.partition_point(|s| *s <= x).min(self.sums.len() - 1)
    }
}

fn day_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from.checked_add_days(Days::new(rng.between(0, span) as u64)).unwrap_or(from)
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 { d.checked_add_days(Days::new(days as u64)) } else { d.checked_sub_days(Days::new(days.unsigned_abs())) }.unwrap_or(d)
}

/// Economy, culture and education come up far more often than sport or environment.
fn field(rng: &mut Rng, fields: &[String]) -> String {
    let i = match rng.below(100) {
        0..18 => 0,
        18..28 => 1,
        28..46 => 3,
        46..62 => 4,
        _ => rng.below(fields.len()),
    };
    fields[i.min(fields.len() - 1)].clone()
}

/// The commitment made at an activity starting on `start`: due weeks to a year later; those due
/// before TODAY mostly done, some dropped, one in ten still open (overdue).
fn commitment(rng: &mut Rng, start: NaiveDate) -> CommitmentInput {
    let due = shift(start, rng.between(14, 365));
    let status = match (due < TODAY, rng.below(100)) {
        (true, 0..85) => "done",
        (true, 85..90) => "dropped",
        _ => "open",
    };
    CommitmentInput {
        what: "Send the signed minutes and the list of follow-up contacts".into(),
        who: "Foreign Affairs Office".into(),
        due_on: due.format("%Y-%m-%d").to_string(),
        status: status.into(),
        version: None,
    }
}

/// One activity's input; `planned` ones fall between two months ago and six months ahead.
fn activity(rng: &mut Rng, world: &World, weighted: &Weighted) -> ActivityInput {
    let main = &world.partnerships[weighted.pick(rng)];
    let planned = main.last_day == TODAY && rng.chance(0.05);
    let start =
        if planned { day_between(rng, shift(TODAY, -60), shift(TODAY, 180)) } else { day_between(rng, main.first_day, main.last_day) };
    let mut partnership_ids = vec![main.id];
    for _ in 0..match rng.below(100) {
        0..80 => 0,
        80..95 => 1,
        _ => 2,
    } {
        partnership_ids.push(world.partnerships[weighted.pick(rng)].id);
    }
    let fields = (0..match rng.below(100) {
        0..60 => 1,
        60..90 => 2,
        _ => 3,
    })
        .map(|_| field(rng, &world.fields))
        .collect();
    let kind = rng.pick(ActivityKind::ALL).as_str();
    let (start_on, end_on) = match rng.below(100) {
        _ if planned => (start.format("%Y-%m-%d").to_string(), String::new()),
        0..2 => (start.format("%Y").to_string(), String::new()),
        2..10 => (start.format("%Y-%m").to_string(), String::new()),
        10..30 => (start.format("%Y-%m-%d").to_string(), shift(start, rng.between(1, 10)).format("%Y-%m-%d").to_string()),
        _ => (start.format("%Y-%m-%d").to_string(), String::new()),
    };
    ActivityInput {
        kind: kind.into(),
        title: format!("{} — {}", kind.replace('_', " "), main.city),
        // Both languages, as an office's records have them (the bulk path writes every column).
        title_zh: format!("与{}的交流活动", main.city),
        start_on,
        end_on,
        status: if planned { "planned" } else { "done" }.into(),
        owner_unit_id: Some(*rng.pick(&world.units)),
        partnership_ids,
        fields,
        participants: rng.chance(0.6).then(|| rng.between(2, 200)),
        summary: if rng.chance(0.3) { format!("Talks with {} on next year's programme.", main.city) } else { String::new() },
        commitments: if rng.chance(0.05) { vec![commitment(rng, start)] } else { Vec::new() },
        ..Default::default()
    }
}

/// Writes `n` activities and their commitments in transactions of [`BATCH`] activities, each
/// batch through the store's bulk path (`Tx::insert_activities`: multi-row `INSERT`s), so the
/// same rows load on SQLite and PostgreSQL alike in a minute or two.
pub async fn create(db: &Db, rng: &mut Rng, world: &World, n: usize, report: &mut Report) -> Result<()> {
    if world.partnerships.is_empty() {
        return Err(Error::Internal("activities need partnerships".into()));
    }
    let weighted = Weighted::new(&world.partnerships);
    let mut left = n;
    while left > 0 {
        let mut batch = Vec::with_capacity(left.min(BATCH));
        for _ in 0..left.min(BATCH) {
            let input = activity(rng, world, &weighted);
            let new = validated("activity", NewActivity::validate(&input))?;
            let commitments = input
                .commitments
                .iter()
                .map(|c| validated("commitment", NewCommitment::validate("", c, Some(new.start_day))))
                .collect::<Result<Vec<_>>>()?;
            report.activities += 1;
            report.planned_activities += usize::from(new.status == ActivityStatus::Planned);
            report.partnership_links += new.partnership_ids.len();
            report.field_links += new.fields.len();
            report.commitments += commitments.len();
            report.overdue_commitments += commitments.iter().filter(|c| c.due_on < TODAY && c.status == CommitmentStatus::Open).count();
            batch.push(BulkActivity { activity: new, commitments });
        }
        let mut tx = db.begin().await?;
        tx.insert_activities(&batch, now()).await?;
        tx.commit().await?;
        left -= batch.len();
    }
    Ok(())
}
