//! Use cases on delegations: list, show, create, update, delete, and change status. Completing a
//! visit logs one activity per partnership that took part (once, however often the status is set).

use chrono::NaiveDate;

use super::{
    Delegation, DelegationFilter, DelegationInput, DelegationStatus, DelegationStatusChange, DelegationSummary, Direction, NewDelegation,
};
use crate::activity::{Activity, ActivityInput, NewActivity};
use crate::activity::{OriginKind, log_once, logged_by};
use crate::budget::BudgetSubject;
use crate::error::{Error, FieldError, Problems, Result};
use crate::list::Page;
use crate::store::prelude::*;
use crate::transition::{self, Transition, TransitionInput};
use crate::{Actor, PartialDate, audit};

/// A filtered page of delegations, latest first.
pub async fn list<S: Store>(store: &S, actor: &Actor, filter: &DelegationFilter) -> Result<Page<DelegationSummary>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    crate::group::filter_countries(&mut tx, filter.group).await?;
    let (items, total) = tx.list_delegations(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}

/// One delegation with its lists (travel documents are read separately, by those allowed).
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Delegation> {
    actor.require_read()?;
    store.read().await?.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))
}

/// The approval numbers of the delegations, for list exports (one query per 500 delegations).
/// Delegations without one are missing from the map.
pub async fn approval_numbers<S: Store>(store: &S, actor: &Actor, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        out.extend(tx.delegation_approval_numbers(chunk).await?);
    }
    Ok(out)
}

/// A proposed outbound visit starting within this many days without an approval number needs attention.
pub const APPROVAL_LEAD_DAYS: i64 = 30;

/// Outbound visits not over that have no approval number recorded: approved or under way, or proposed
/// and starting within [`APPROVAL_LEAD_DAYS`] (for the needs-attention list).
pub async fn missing_approval<T: Tx>(tx: &mut T, today: NaiveDate) -> Result<Vec<DelegationSummary>> {
    tx.outbound_without_approval(today, today + chrono::Duration::days(APPROVAL_LEAD_DAYS)).await
}

/// The visit activities logged for the delegation (one per partnership), in the cooperation log.
pub async fn logged_activities<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Vec<Activity>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    let mut out = Vec::new();
    for o in logged_by(&mut tx, OriginKind::Delegation, id).await? {
        if let Some(aid) = o.activity_id
            && let Some(a) = tx.get_activity(aid).await?
        {
            out.push(a);
        }
    }
    Ok(out)
}

/// The owner unit, partnerships, fields and responsible units must exist; kept members must be
/// the delegation's own (`existing`).
async fn check_references<T: Tx>(tx: &mut T, d: &NewDelegation, existing: &[i64]) -> Result<()> {
    let mut p = Problems::default();
    if tx.get_unit(d.owner_unit_id).await?.is_none() {
        p.push(FieldError::new("owner_unit_id", "unknown_unit").with("value", d.owner_unit_id));
    }
    for (i, id) in d.partnership_ids.iter().enumerate() {
        if tx.get_partnership(*id).await?.is_none() {
            p.push(FieldError::new(format!("partnership_ids[{i}]"), "unknown_partnership").with("value", id));
        }
    }
    let known = tx.list_fields().await?;
    for (i, code) in d.fields.iter().enumerate() {
        if !known.iter().any(|f| &f.code == code) {
            p.push(FieldError::new(format!("fields[{i}]"), "unknown_field").with("value", crate::validate::truncate(code, 40)));
        }
    }
    for (i, m) in d.members.iter().enumerate() {
        if let Some(id) = m.id
            && !existing.contains(&id)
        {
            p.push(FieldError::new(format!("members[{i}].id"), "unknown_member").with("value", id));
        }
    }
    for (i, item) in d.itinerary.iter().enumerate() {
        if let Some(u) = item.responsible_unit_id
            && tx.get_unit(u).await?.is_none()
        {
            p.push(FieldError::new(format!("itinerary[{i}].responsible_unit_id"), "unknown_unit").with("value", u));
        }
    }
    p.finish()
}

/// Records a proposed delegation with its lists, in one transaction.
pub async fn create<S: Store>(store: &S, actor: &Actor, input: DelegationInput) -> Result<Delegation> {
    let mut tx = store.begin().await?;
    let d = create_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(d)
}

/// Records a proposed delegation inside a larger unit of work (the demo, imports).
pub async fn create_in<T: Tx>(tx: &mut T, actor: &Actor, input: DelegationInput) -> Result<Delegation> {
    let new = NewDelegation::validate(&input)?;
    actor.require_write_unit(new.owner_unit_id)?;
    check_references(tx, &new, &[]).await?;
    let now = tx.now();
    let id = tx.insert_delegation(&new, now.instant).await?;
    let d = tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))?;
    transition::record_start(tx, actor, id, d.status, PartialDate::Day(now.office_today), None, now.instant).await?;
    audit::record(tx, actor, "create", "delegation", Some(id.to_string()), None::<&Delegation>, Some(&d)).await?;
    Ok(d)
}

/// Replaces a delegation's fields and lists (not its status), refusing a stale version.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: DelegationInput) -> Result<Delegation> {
    let new = NewDelegation::validate(&input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))?;
    actor.require_write_unit(before.owner_unit_id)?;
    actor.require_write_unit(new.owner_unit_id)?;
    let members: Vec<i64> = before.members.iter().map(|m| m.id).collect();
    check_references(&mut tx, &new, &members).await?;
    if !tx.update_delegation(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))?;
    audit::record(&mut tx, actor, "update", "delegation", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Moves the delegation to another status through the shared transition helper (rule table, dated
/// history row, audit entry); `reported` needs the after-visit report. When the visit is held
/// (completed or reported), the visit activity is logged for each partnership that took part, once:
/// setting the status again never logs a second one. `today` is the change's date unless one is given.
pub async fn set_status<S: Store>(store: &S, actor: &Actor, id: i64, input: TransitionInput, today: NaiveDate) -> Result<Delegation> {
    let mut tx = store.begin().await?;
    let d = set_status_in(&mut tx, actor, id, input, today).await?;
    tx.commit().await?;
    Ok(d)
}

/// [`set_status`] inside a larger unit of work.
pub async fn set_status_in<T: Tx>(tx: &mut T, actor: &Actor, id: i64, input: TransitionInput, today: NaiveDate) -> Result<Delegation> {
    let before = tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))?;
    actor.require_write_unit(before.owner_unit_id)?;
    if input.version.is_some_and(|v| v != before.version) {
        return Err(Error::conflict("version", "stale_version"));
    }
    let t = Transition::validate(&input, id, before.status, today)?;
    if t.to == DelegationStatus::Reported && before.report.is_none() {
        return Err(Error::invalid("report", "report_required"));
    }
    let now = tx.now();
    check_dates(&before, t.to, now.office_today)?;
    let now = now.instant;
    if !tx.set_delegation_status(id, t.to, t.version, now).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    if t.to.is_held() {
        log_visit(tx, actor, &before).await?;
    }
    let after = tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))?;
    transition::record(tx, actor, id, &t, &before, &after, now).await?;
    Ok(after)
}

/// A visit is in progress from the day it leaves, and completed (or reported) from the day it
/// returns, by the office's calendar: before then the change is refused, naming `status`.
fn check_dates(d: &Delegation, to: DelegationStatus, office_today: NaiveDate) -> Result<()> {
    if to.is_held() && office_today < d.ends_on {
        let e = FieldError::new("status", "not_yet_returned").with("status", to).with("return_day", d.ends_on);
        return Err(Error::Validation(vec![e]));
    }
    if to == DelegationStatus::InProgress && office_today < d.starts_on {
        let e = FieldError::new("status", "not_yet_departed").with("departure_day", d.starts_on);
        return Err(Error::Validation(vec![e]));
    }
    Ok(())
}

/// The delegation's changes of status, oldest first.
pub async fn history<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Vec<DelegationStatusChange>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))?;
    transition::history(&mut tx, id).await
}

/// Logs the visit for every partnership of the delegation that has none logged yet.
async fn log_visit<T: Tx>(tx: &mut T, actor: &Actor, d: &Delegation) -> Result<()> {
    for pid in &d.partnership_ids {
        let kind = match d.direction {
            Direction::Inbound => "inbound_visit",
            Direction::Outbound => "outbound_visit",
        };
        let input = ActivityInput {
            kind: kind.into(),
            title: d.title.clone(),
            title_zh: d.title_zh.clone(),
            start_on: d.starts_on.to_string(),
            end_on: d.ends_on.to_string(),
            status: "done".into(),
            owner_unit_id: Some(d.owner_unit_id),
            partnership_ids: vec![*pid],
            fields: d.fields.clone(),
            participants: (!d.members.is_empty()).then_some(d.members.len() as i64),
            summary: d.purpose.clone().unwrap_or_default(),
            summary_zh: d.purpose_zh.clone().unwrap_or_default(),
            outcome: d.report.clone().unwrap_or_default(),
            source_url: d.source_url.clone().unwrap_or_default(),
            ..Default::default()
        };
        let activity = NewActivity::validate(&input)?;
        log_once(tx, actor, OriginKind::Delegation, d.id, *pid, activity).await?;
    }
    Ok(())
}

/// Deletes a delegation with its lists, travel documents and budget. Activities it logged stay in
/// the cooperation log: the visit happened.
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let before = tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))?;
    actor.require_write_unit(before.owner_unit_id)?;
    tx.delete_budget_lines(BudgetSubject::Delegation, id).await?;
    tx.delete_delegation(id).await?;
    audit::record(&mut tx, actor, "delete", "delegation", Some(id.to_string()), Some(&before), None::<&Delegation>).await?;
    tx.commit().await
}
