//! One record, no double entry: activities that other records (events, delegations) log for the
//! partnerships that took part, exactly once per origin and partnership.
//!
//! The `activity_origins` table keeps one row per (origin kind, origin id, partnership), unique,
//! pointing at the activity logged for it. The row outlives the activity: when a user deletes the
//! logged activity, the link is emptied but kept, so marking the event held again does not bring
//! the deleted activity back.

use serde::Serialize;

use super::{Activity, NewActivity};
use crate::error::{Error, FieldError, Problems, Result};
use crate::store::prelude::*;
use crate::{Actor, audit};

crate::choice!(
    /// What kind of record logged an activity.
    OriginKind {
        /// An event that was held (`events.id`).
        Event = "event",
        /// A delegation visit that was completed (`delegations.id`).
        Delegation = "delegation",
    }
);

/// The link between a logged activity and the record it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityOrigin {
    /// The activity logged; `None` when a user has since deleted it (it is not logged again).
    pub activity_id: Option<i64>,
    pub origin_kind: OriginKind,
    pub origin_id: i64,
    pub partnership_id: i64,
}

/// Logs `activity` for one partnership that took part in an origin record, ONCE.
///
/// - `tx`: the caller's unit of work (the same transaction that changes the origin's status, so the
///   status change and the activities commit together or not at all).
/// - `actor`: must be allowed to write for `activity.owner_unit_id` (`require_write_unit`).
/// - `origin_kind` / `origin_id`: the record the activity comes from, e.g. `OriginKind::Event` and the
///   event's id, or `OriginKind::Delegation` and the delegation's id.
/// - `partnership_id`: the partnership that took part; it replaces `activity.partnership_ids`, so each
///   partnership gets its own activity (and counts once in the coverage matrix).
/// - `activity`: the activity to log, usually built with [`super::NewActivity::validate`] (kind, dates,
///   status `done`, owner unit, fields, participants, summary, source).
///
/// Returns `Some(activity)` when it logged one now, and `None` when this origin already logged one
/// for this partnership (also when that activity was deleted since): calling it again — a status
/// set to held twice, held → reported, toggled back and forth — never writes a second activity.
/// The owner unit, the partnership and the fields must exist (`Validation` naming
/// `owner_unit_id`, `partnership_ids[0]` or `fields[i]`). A partnership suspended or ended since
/// is still logged: the record says what happened. Two transactions racing on the same origin
/// cannot both log: the table's unique key makes the second fail with `Conflict` on `origin`.
/// The activity's creation is written to the audit log.
pub async fn log_once<T: Tx>(
    tx: &mut T,
    actor: &Actor,
    origin_kind: OriginKind,
    origin_id: i64,
    partnership_id: i64,
    activity: NewActivity,
) -> Result<Option<Activity>> {
    actor.require_write_unit(activity.owner_unit_id)?;
    if tx.find_activity_origin(origin_kind, origin_id, partnership_id).await?.is_some() {
        return Ok(None);
    }
    let mut activity = activity;
    activity.partnership_ids = vec![partnership_id];
    check_references(tx, &activity).await?;
    let now = tx.now().instant;
    let id = tx.insert_activity(&activity, now).await?;
    tx.insert_activity_origin(id, origin_kind, origin_id, partnership_id, now).await?;
    let logged = tx.get_activity(id).await?.ok_or_else(|| Error::not_found("activity", id))?;
    audit::record(tx, actor, "create", "activity", Some(id.to_string()), None::<&Activity>, Some(&logged)).await?;
    Ok(Some(logged))
}

/// The activities an origin record has logged, one per partnership.
pub async fn logged_by<T: Tx>(tx: &mut T, origin_kind: OriginKind, origin_id: i64) -> Result<Vec<ActivityOrigin>> {
    tx.list_activity_origins(origin_kind, origin_id).await
}

async fn check_references<T: Tx>(tx: &mut T, a: &NewActivity) -> Result<()> {
    let mut p = Problems::default();
    if tx.get_unit(a.owner_unit_id).await?.is_none() {
        p.push(FieldError::new("owner_unit_id", "unknown_unit").with("value", a.owner_unit_id));
    }
    for (i, id) in a.partnership_ids.iter().enumerate() {
        if tx.get_partnership(*id).await?.is_none() {
            p.push(FieldError::new(format!("partnership_ids[{i}]"), "unknown_partnership").with("value", id));
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
