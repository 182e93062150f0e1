//! Stage 4: what the protocol calendar reads besides partnerships and commitments — events (100 a
//! year, some public, the coming ones still planned for a month), delegations (150 a year), one
//! current agreement per partnership with a valid-until date, and the office's dates of diplomatic
//! relations for every partner country. Invented, like the rest of the data set.

use std::collections::BTreeSet;

use amity_core::PartialDate;
use amity_core::Result;
use amity_core::agreement::{AgreementInput, NewAgreement};
use amity_core::calendar::{DiplomaticRelationInput, NewDiplomaticRelation};
use amity_core::delegation::{DelegationInput, NewDelegation};
use amity_core::event::{EventInput, EventKind, EventStatus, NewEvent};
use amity_core::store::prelude::*;
use amity_store::Db;
use chrono::{Datelike, Days, NaiveDate};

use super::rng::Rng;
use super::{BATCH, Report, TODAY, World, now, validated};

const YEARS: i64 = 20;

fn day_in(rng: &mut Rng, from: NaiveDate, days: i64) -> NaiveDate {
    from.checked_add_days(Days::new(rng.between(0, days.max(1) - 1) as u64)).unwrap_or(from)
}

fn start_of_history() -> NaiveDate {
    TODAY.checked_sub_days(Days::new((YEARS * 365) as u64)).unwrap_or(TODAY)
}

/// Writes the stage; counts go into the report.
pub async fn create(db: &Db, rng: &mut Rng, world: &World, scale: f64, report: &mut Report) -> Result<()> {
    let events = ((2_000.0 * scale).round() as usize).max(1);
    let delegations = ((3_000.0 * scale).round() as usize).max(1);
    let mut tx = db.begin().await?;
    for i in 0..events {
        let input = event(rng, world, i);
        let status = if input.planned_on.is_empty() { EventStatus::Confirmed } else { EventStatus::Planned };
        let new = validated("event", NewEvent::validate(&input, status))?;
        tx.insert_event(&new, now()).await?;
        if (i + 1) % BATCH == 0 {
            tx.commit().await?;
            tx = db.begin().await?;
        }
    }
    report.events = events;
    for i in 0..delegations {
        let new = validated("delegation", NewDelegation::validate(&delegation(rng, world, i)))?;
        tx.insert_delegation(&new, now()).await?;
    }
    report.delegations = delegations;
    tx.commit().await?;
    let mut tx = db.begin().await?;
    for p in &world.partnerships {
        let new = validated("agreement", NewAgreement::validate(&agreement(rng, p.first_day)))?;
        tx.insert_agreement(p.id, &new, now()).await?;
        report.agreements += 1;
    }
    let countries: BTreeSet<&str> = world.partnerships.iter().map(|p| p.country.as_str()).filter(|c| *c != "CN").collect();
    for c in countries {
        let established = NaiveDate::from_ymd_opt(rng.between(1950, 2005) as i32, rng.between(1, 12) as u32, rng.between(1, 28) as u32);
        let input = DiplomaticRelationInput {
            country: c.into(),
            established: established.map(|d| d.to_string()).unwrap_or_default(),
            ..Default::default()
        };
        let new = validated("diplomatic relation", NewDiplomaticRelation::validate(&input, TODAY))?;
        tx.upsert_diplomatic_relation(&new, now()).await?;
        report.relations += 1;
    }
    tx.commit().await
}

fn event(rng: &mut Rng, world: &World, i: usize) -> EventInput {
    let kind = *rng.pick(EventKind::ALL);
    let day = day_in(rng, start_of_history(), (YEARS + 2) * 365);
    let invited: Vec<i64> = (0..rng.between(1, 4)).map(|_| rng.pick(&world.partnerships).id).collect();
    let mut input = EventInput {
        kind: kind.as_str().into(),
        title_en: format!("Generated event {i}"),
        title_zh: format!("生成活动{i}"),
        time_zone: "Asia/Shanghai".into(),
        organiser_unit_id: Some(*rng.pick(&world.units)),
        invited_partnership_ids: invited,
        public: rng.chance(0.3),
        ..Default::default()
    };
    if day > TODAY && rng.chance(0.5) {
        input.planned_on = PartialDate::Month(day.year(), day.month()).to_string();
    } else {
        let hours = rng.between(1, 8);
        input.starts_at = format!("{}T09:00", day);
        input.ends_at = format!("{}T{:02}:00", day, 9 + hours);
    }
    input
}

fn delegation(rng: &mut Rng, world: &World, i: usize) -> DelegationInput {
    let p = rng.pick(&world.partnerships);
    let start = day_in(rng, start_of_history(), (YEARS + 1) * 365);
    let end = start.checked_add_days(Days::new(rng.between(1, 7) as u64)).unwrap_or(start);
    DelegationInput {
        direction: if rng.chance(0.5) { "inbound" } else { "outbound" }.into(),
        title: format!("Generated delegation {i}"),
        title_zh: format!("生成团组{i}"),
        partnership_ids: vec![p.id],
        owner_unit_id: Some(*rng.pick(&world.units)),
        starts_on: start.to_string(),
        ends_on: end.to_string(),
        ..Default::default()
    }
}

fn agreement(rng: &mut Rng, since: NaiveDate) -> AgreementInput {
    let until = day_in(rng, TODAY.checked_sub_days(Days::new(365)).unwrap_or(TODAY), 4 * 365);
    AgreementInput {
        kind: "signed_agreement".into(),
        title: "Generated agreement".into(),
        signed_on: since.min(until).to_string(),
        valid_until: until.to_string(),
        ..Default::default()
    }
}
