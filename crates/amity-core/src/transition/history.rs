//! The kept history of a record's status: one dated row per change with its reason and actor,
//! written together with the audit entry inside the caller's transaction.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{EndedBy, StatusMachine, Transition};
use crate::error::{Error, Result};
use crate::store::prelude::*;
use crate::{Actor, PartialDate, audit};

/// One change of status as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange<S> {
    pub id: i64,
    /// The record's id.
    pub subject_id: i64,
    /// The status before; none for an entry recorded as the record was created.
    pub from_status: Option<S>,
    pub to_status: S,
    /// When it happened, at the precision known.
    pub date: PartialDate,
    pub reason: Option<String>,
    /// For a suspension: what it lasts until.
    pub condition: Option<String>,
    /// For an ending: who ended it.
    pub ended_by: Option<EndedBy>,
    /// For an ending after a merger: the partnership that continues this one.
    pub successor_id: Option<i64>,
    /// Who recorded it (username or `system`).
    pub actor: String,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// A change of status to store.
#[derive(Debug, Clone)]
pub struct NewStatusChange {
    pub subject: &'static str,
    pub subject_id: i64,
    pub from_status: Option<&'static str>,
    pub to_status: &'static str,
    pub date: PartialDate,
    pub reason: Option<String>,
    pub condition: Option<String>,
    pub ended_by: Option<EndedBy>,
    pub successor_id: Option<i64>,
    pub actor: String,
    pub at: DateTime<Utc>,
}

/// Records a change the service has already applied to the record (its status column set with a
/// version check): the history row, then the audit entry `transition` with the record before and
/// after. Call it inside the service's transaction.
pub async fn record<T: Tx, S: StatusMachine, R: Serialize + Sync>(
    tx: &mut T,
    actor: &Actor,
    subject_id: i64,
    t: &Transition<S>,
    before: &R,
    after: &R,
    now: DateTime<Utc>,
) -> Result<StatusChange<S>> {
    let change = NewStatusChange {
        subject: S::SUBJECT,
        subject_id,
        from_status: Some(t.from.code()),
        to_status: t.to.code(),
        date: t.date,
        reason: t.reason.clone(),
        condition: t.condition.clone(),
        ended_by: t.ended_by,
        successor_id: t.successor_id,
        actor: actor.label().to_string(),
        at: now,
    };
    let stored = insert(tx, &change).await?;
    audit::record(tx, actor, "transition", S::SUBJECT, Some(subject_id.to_string()), Some(before), Some(after)).await?;
    Ok(stored)
}

/// Records the status a record starts in, as the record is created: an entry from no status. The
/// record's own audit entry covers it.
pub async fn record_start<T: Tx, S: StatusMachine>(
    tx: &mut T,
    actor: &Actor,
    subject_id: i64,
    to: S,
    date: PartialDate,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<StatusChange<S>> {
    let change = NewStatusChange {
        subject: S::SUBJECT,
        subject_id,
        from_status: None,
        to_status: to.code(),
        date,
        reason: reason.map(str::to_string),
        condition: None,
        ended_by: None,
        successor_id: None,
        actor: actor.label().to_string(),
        at: now,
    };
    insert(tx, &change).await
}

/// A record's changes of status, oldest first. The caller has checked that the record exists and
/// that the actor may read it.
pub async fn history<T: Tx, S: StatusMachine>(tx: &mut T, subject_id: i64) -> Result<Vec<StatusChange<S>>> {
    tx.list_status_changes(S::SUBJECT, subject_id).await?.into_iter().map(typed).collect()
}

async fn insert<T: Tx, S: StatusMachine>(tx: &mut T, change: &NewStatusChange) -> Result<StatusChange<S>> {
    let id = tx.insert_status_change(change).await?;
    let all = history::<T, S>(tx, change.subject_id).await?;
    all.into_iter().find(|c| c.id == id).ok_or_else(|| Error::not_found("status change", id))
}

/// A stored row with its codes read back as statuses of the machine.
fn typed<S: StatusMachine>(c: StatusChange<String>) -> Result<StatusChange<S>> {
    let status = |code: &str| S::from_code(code).ok_or_else(|| Error::Internal(format!("stored {} status {code:?}", S::SUBJECT)));
    Ok(StatusChange {
        id: c.id,
        subject_id: c.subject_id,
        from_status: c.from_status.as_deref().map(status).transpose()?,
        to_status: status(&c.to_status)?,
        date: c.date,
        reason: c.reason,
        condition: c.condition,
        ended_by: c.ended_by,
        successor_id: c.successor_id,
        actor: c.actor,
        at: c.at,
    })
}
