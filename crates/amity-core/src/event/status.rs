//! An event's status changes and its post-event report. Marking an event held logs one
//! `event_participation` activity per partnership that took part (as the change names them, else
//! the pre-ticked ones) — once, however often the status is set again.

use chrono::NaiveDate;

use super::took_part::{self, TookPartChoice};
use super::{Event, EventReportInput, EventStatus};
use crate::activity::{ActivityInput, NewActivity, OriginKind, log_once};
use crate::error::{Error, FieldError, Result};
use crate::store::prelude::*;
use crate::transition::{self, Transition, TransitionInput};
use crate::validate::{NOTE_MAX, optional_text};
use crate::{Actor, PartialDate, audit};

/// Changes the status (with a reason when cancelling) through the shared transition helper, which
/// keeps it in the history and audits it, and, when the event is marked held, logs the activities of
/// the partnerships that took part (`took_part`, else the pre-ticked ones); all in one transaction.
/// `today` is the office's day, the change's date unless one is given.
pub async fn set_status<S: Store>(store: &S, actor: &Actor, id: i64, input: TransitionInput, today: NaiveDate) -> Result<Event> {
    let mut tx = store.begin().await?;
    let before = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    actor.require_write_unit(before.organiser_unit_id)?;
    if input.version.is_some_and(|v| v != before.version) {
        return Err(Error::conflict("version", "stale_version"));
    }
    let t = Transition::validate(&input, id, before.status, today)?;
    let to = t.to;
    if to.needs_exact_dates() && !before.is_exact() {
        return Err(Error::Validation(vec![FieldError::new("starts_at", "exact_date_required").with("status", to)]));
    }
    let now = tx.now().instant;
    if to == EventStatus::Held && before.starts_at.is_some_and(|s| s > now) {
        return Err(Error::invalid("status", "not_yet_started"));
    }
    if to == EventStatus::Reported && before.report_outcomes.is_none() {
        return Err(Error::invalid("report_outcomes", "event_report_required"));
    }
    let took_part = if to == EventStatus::Held {
        took_part::chosen(&took_part::choices_in(&mut tx, &before).await?, t.took_part.as_deref())?
    } else {
        Vec::new()
    };
    let cancel_reason = if to == EventStatus::Cancelled { t.reason.as_deref() } else { None };
    if !tx.set_event_status(id, to, cancel_reason, t.version, now).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    log_participation(&mut tx, actor, &after, &took_part).await?;
    transition::record(&mut tx, actor, id, &t, &before, &after, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// Logs one activity for each partnership that took part (none logged twice: see `log_once`).
async fn log_participation<T: Tx>(tx: &mut T, actor: &Actor, e: &Event, took_part: &[TookPartChoice]) -> Result<()> {
    for &TookPartChoice { partnership_id, people: n, .. } in took_part {
        let input = ActivityInput {
            kind: "event_participation".into(),
            // Both names, as the event has them: the log reads in each reader's language.
            title: e.title_en.clone(),
            title_zh: e.title_zh.clone(),
            start_on: PartialDate::Day(e.first_day).to_string(),
            end_on: if e.last_day != e.first_day { PartialDate::Day(e.last_day).to_string() } else { String::new() },
            status: "done".into(),
            owner_unit_id: Some(e.organiser_unit_id),
            partnership_ids: vec![partnership_id],
            fields: e.fields.clone(),
            participants: (n > 0).then_some(n),
            summary: e.description.clone().unwrap_or_default(),
            outcome: e.report_outcomes.clone().unwrap_or_default(),
            source_url: e.source_url.clone().unwrap_or_default(),
            ..Default::default()
        };
        log_once(tx, actor, OriginKind::Event, e.id, partnership_id, NewActivity::validate(&input)?).await?;
    }
    Ok(())
}

/// Saves the post-event report (outcomes and notes) of an event that was held.
pub async fn save_report<S: Store>(store: &S, actor: &Actor, id: i64, input: EventReportInput) -> Result<Event> {
    let outcomes = optional_text("outcomes", &input.outcomes, NOTE_MAX).map_err(|e| Error::Validation(vec![e]))?;
    let notes = optional_text("notes", &input.notes, NOTE_MAX).map_err(|e| Error::Validation(vec![e]))?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    actor.require_write_unit(before.organiser_unit_id)?;
    if !before.status.took_place() {
        return Err(Error::invalid("outcomes", "report_after_held"));
    }
    if before.status == EventStatus::Reported && outcomes.is_none() {
        return Err(Error::invalid("outcomes", "event_report_required"));
    }
    if !tx.set_event_report(id, outcomes.as_deref(), notes.as_deref(), version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    audit::record(&mut tx, actor, "update", "event", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}
