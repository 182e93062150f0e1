//! Use cases on the cooperation log: list, show, create, update, delete activities; add
//! commitments and change their status.

use super::{Activity, ActivityFilter, ActivityInput, Commitment, CommitmentInput, CommitmentStatus, NewActivity, NewCommitment};
use crate::error::{Error, FieldError, Problems, Result};
use crate::list::Page;
use crate::partnership::PartnershipStatus;
use crate::store::prelude::*;
use crate::{Actor, audit};

/// A filtered page of activities, newest first.
pub async fn list<S: Store>(store: &S, actor: &Actor, filter: &ActivityFilter) -> Result<Page<Activity>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    crate::group::filter_countries(&mut tx, filter.group).await?;
    let (items, total) = tx.list_activities(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}

/// One activity with its commitments.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Activity> {
    actor.require_read()?;
    store.read().await?.get_activity(id).await?.ok_or_else(|| Error::not_found("activity", id))
}

/// The owner unit, the partnerships and the fields must exist; a suspended or ended partnership
/// takes no new cooperation.
async fn check_references<T: Tx>(tx: &mut T, a: &NewActivity, unchanged: &[i64]) -> Result<()> {
    let mut p = Problems::default();
    if tx.get_unit(a.owner_unit_id).await?.is_none() {
        p.push(FieldError::new("owner_unit_id", "unknown_unit").with("value", a.owner_unit_id));
    }
    for (i, id) in a.partnership_ids.iter().enumerate() {
        let field = format!("partnership_ids[{i}]");
        match tx.get_partnership(*id).await? {
            None => p.push(FieldError::new(field, "unknown_partnership").with("value", id)),
            Some(ps) if matches!(ps.status, PartnershipStatus::Suspended | PartnershipStatus::Ended) && !unchanged.contains(id) => {
                p.push(FieldError::new(field, "partnership_not_active").with("status", ps.status))
            }
            Some(_) => {}
        }
    }
    let known = tx.list_fields().await?;
    for (i, code) in a.fields.iter().enumerate() {
        if !known.iter().any(|f| &f.code == code) {
            p.push(FieldError::new(format!("fields[{i}]"), "unknown_field").with("value", crate::validate::truncate(code, 40)));
        }
    }
    p.finish()
}

/// Logs an activity (with any commitments given), in one transaction.
pub async fn create<S: Store>(store: &S, actor: &Actor, input: ActivityInput) -> Result<Activity> {
    let mut tx = store.begin().await?;
    let a = create_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(a)
}

/// Logs an activity inside a larger unit of work (events and delegations, the demo, imports).
pub async fn create_in<T: Tx>(tx: &mut T, actor: &Actor, input: ActivityInput) -> Result<Activity> {
    let new = NewActivity::validate(&input)?;
    actor.require_write_unit(new.owner_unit_id)?;
    check_references(tx, &new, &[]).await?;
    let now = tx.now().instant;
    let id = tx.insert_activity(&new, now).await?;
    for (i, c) in input.commitments.iter().enumerate() {
        let c = NewCommitment::validate(&format!("commitments[{i}]"), c, Some(new.start_day))?;
        tx.insert_commitment(id, &c, now).await?;
    }
    let a = tx.get_activity(id).await?.ok_or_else(|| Error::not_found("activity", id))?;
    audit::record(tx, actor, "create", "activity", Some(id.to_string()), None::<&Activity>, Some(&a)).await?;
    Ok(a)
}

/// Replaces an activity's fields (not its commitments), refusing a stale version.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: ActivityInput) -> Result<Activity> {
    let new = NewActivity::validate(&input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_activity(id).await?.ok_or_else(|| Error::not_found("activity", id))?;
    actor.require_write_unit(before.owner_unit_id)?;
    actor.require_write_unit(new.owner_unit_id)?;
    // Partnerships already on the record may have been suspended since; keeping them is no new cooperation.
    check_references(&mut tx, &new, &before.partnership_ids).await?;
    if let Some((i, _)) = before.commitments.iter().enumerate().find(|(_, c)| c.due_on < new.start_day) {
        return Err(Error::Validation(vec![FieldError::new("start_on", "after_commitment_due").with("commitment", i)]));
    }
    if !tx.update_activity(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_activity(id).await?.ok_or_else(|| Error::not_found("activity", id))?;
    audit::record(&mut tx, actor, "update", "activity", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes an activity and its commitments.
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let before = tx.get_activity(id).await?.ok_or_else(|| Error::not_found("activity", id))?;
    actor.require_write_unit(before.owner_unit_id)?;
    tx.delete_activity(id).await?;
    audit::record(&mut tx, actor, "delete", "activity", Some(id.to_string()), Some(&before), None::<&Activity>).await?;
    tx.commit().await
}

/// Adds a follow-up commitment to an activity; it cannot be due before the activity.
pub async fn add_commitment<S: Store>(store: &S, actor: &Actor, activity_id: i64, input: CommitmentInput) -> Result<Commitment> {
    let mut tx = store.begin().await?;
    let a = tx.get_activity(activity_id).await?.ok_or_else(|| Error::not_found("activity", activity_id))?;
    actor.require_write_unit(a.owner_unit_id)?;
    let c = NewCommitment::validate("", &input, Some(a.start_on.first_day()))?;
    let id = tx.insert_commitment(activity_id, &c, tx.now().instant).await?;
    let made = tx.get_commitment(id).await?.ok_or_else(|| Error::not_found("commitment", id))?;
    audit::record(&mut tx, actor, "create", "commitment", Some(id.to_string()), None::<&Commitment>, Some(&made)).await?;
    tx.commit().await?;
    Ok(made)
}

/// Marks a commitment open, done or dropped.
pub async fn set_commitment_status<S: Store>(store: &S, actor: &Actor, id: i64, status: &str, version: Option<i64>) -> Result<Commitment> {
    let status = CommitmentStatus::parse_field("status", status).map_err(|e| Error::Validation(vec![e]))?;
    let version = version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_commitment(id).await?.ok_or_else(|| Error::not_found("commitment", id))?;
    let a = tx.get_activity(before.activity_id).await?.ok_or_else(|| Error::not_found("activity", before.activity_id))?;
    actor.require_write_unit(a.owner_unit_id)?;
    if !tx.set_commitment_status(id, status, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_commitment(id).await?.ok_or_else(|| Error::not_found("commitment", id))?;
    audit::record(&mut tx, actor, "update", "commitment", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}
