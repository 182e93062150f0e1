//! Use cases of the lifecycle: change a partnership's status (checked against the rule, dated,
//! kept as history), read that history, and record approval milestones.

use super::lifecycle::latest_today;
use super::{Approval, ApprovalInput, NewApproval, Partnership, StatusChange, Transition, TransitionInput, Transitioned};
use crate::error::{Error, FieldError, Result};
use crate::store::{LifecycleStore, PartnershipStore, Store, Tx};
use crate::transition;
use crate::{Actor, audit};

/// Moves a partnership to another status in one transaction: the rule decides whether it may, the
/// version must be the one the user saw (else a conflict), and the change is kept as a history entry
/// and audited.
pub async fn transition<S: Store>(store: &S, actor: &Actor, id: i64, input: TransitionInput) -> Result<Transitioned> {
    let mut tx = store.begin().await?;
    let before = writable(&mut tx, actor, id).await?;
    if input.version.is_some_and(|v| v != before.version) {
        return Err(Error::conflict("version", "stale_version"));
    }
    let t = Transition::validate(&input, id, before.status, latest_today(tx.now().instant))?;
    if let Some(s) = t.successor_id
        && tx.get_partnership(s).await?.is_none()
    {
        return Err(Error::Validation(vec![FieldError::new("successor_partnership_id", "unknown_partnership").with("value", s)]));
    }
    let now = tx.now().instant;
    if !tx.set_partnership_status(id, t.to, t.successor_id, t.version, now).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    let change = transition::record(&mut tx, actor, id, &t, &before, &after, now).await?;
    tx.commit().await?;
    Ok(Transitioned { partnership: after, change })
}

/// Records how a partnership came to be in its status when it is created with a known date
/// (the demo's sourced partnerships): an entry from no status to the current one, on the date
/// established. Without a date nothing is recorded — no date is invented.
pub async fn record_start_in<T: Tx>(tx: &mut T, actor: &Actor, p: &Partnership, reason: &str) -> Result<Option<StatusChange>> {
    let Some(date) = p.established else { return Ok(None) };
    actor.require_write_unit(p.home_unit_id)?;
    let change = transition::record_start(tx, actor, p.id, p.status, date, Some(reason), tx.now().instant).await?;
    audit::record(tx, actor, "create", "status_change", Some(change.id.to_string()), None::<&StatusChange>, Some(&change)).await?;
    Ok(Some(change))
}

/// A partnership's changes of status, oldest first.
pub async fn history<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Vec<StatusChange>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    transition::history(&mut tx, id).await
}

/// A partnership's approval milestones, by date.
pub async fn approvals<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Vec<Approval>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    tx.list_approvals(id).await
}

/// Records an approval milestone of a partnership.
pub async fn add_approval<S: Store>(store: &S, actor: &Actor, id: i64, input: ApprovalInput) -> Result<Approval> {
    let mut tx = store.begin().await?;
    let a = add_approval_in(&mut tx, actor, id, input).await?;
    tx.commit().await?;
    Ok(a)
}

/// Records an approval milestone inside the caller's unit of work (the demo's dated history).
pub async fn add_approval_in<T: Tx>(tx: &mut T, actor: &Actor, id: i64, input: ApprovalInput) -> Result<Approval> {
    let new = NewApproval::validate(&input, latest_today(tx.now().instant))?;
    writable(tx, actor, id).await?;
    let approval_id = tx.insert_approval(id, &new, tx.now().instant).await?;
    let a = tx.get_approval(id, approval_id).await?.ok_or_else(|| Error::not_found("approval", approval_id))?;
    audit::record(tx, actor, "create", "partnership_approval", Some(approval_id.to_string()), None::<&Approval>, Some(&a)).await?;
    Ok(a)
}

/// Removes an approval milestone recorded by mistake.
pub async fn delete_approval<S: Store>(store: &S, actor: &Actor, id: i64, approval_id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    writable(&mut tx, actor, id).await?;
    let before = tx.get_approval(id, approval_id).await?.ok_or_else(|| Error::not_found("approval", approval_id))?;
    if !tx.delete_approval(id, approval_id).await? {
        return Err(Error::not_found("approval", approval_id));
    }
    audit::record(&mut tx, actor, "delete", "partnership_approval", Some(approval_id.to_string()), Some(&before), None::<&Approval>)
        .await?;
    tx.commit().await
}

/// The partnership, when it exists and the actor may change its unit's records.
async fn writable<T: Tx>(tx: &mut T, actor: &Actor, id: i64) -> Result<Partnership> {
    let p = tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    actor.require_write_unit(p.home_unit_id)?;
    Ok(p)
}
