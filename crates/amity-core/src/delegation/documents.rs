//! Use cases on travel documents: list, add, delete, alerts, and the deletion of documents past
//! the office's retention period.
//!
//! The purge is a plain idempotent `DELETE` of documents whose delegation ended more than the
//! retention period ago, run by the daily sweep ([`purge_expired`], under a job lease) and by the
//! writes of travel documents (add, a new retention period). Reads never write: they leave out the
//! documents of delegations past the retention cut-off, so an expired document is never shown even
//! before the sweep has deleted it. Several servers sharing PostgreSQL may purge at the same time
//! without harm.

use chrono::NaiveDate;
use serde::Serialize;

use super::travel::{DocumentAlert, ExpiringDocument, NewTravelDocument, RETENTION_DEFAULT_DAYS, RETENTION_MAX_DAYS, RETENTION_SETTING};
use super::travel::{TravelDocument, TravelDocumentInput, alert, retention_cutoff};
use super::{Delegation, DocumentKind};
use crate::error::{Error, FieldError, Result};
use crate::store::prelude::*;
use crate::{Actor, audit};

/// What the audit log keeps of a document: never its number.
#[derive(Serialize)]
struct Audited {
    id: i64,
    delegation_id: i64,
    member_id: i64,
    kind: DocumentKind,
    valid_until: NaiveDate,
}

impl From<&TravelDocument> for Audited {
    fn from(d: &TravelDocument) -> Self {
        Self { id: d.id, delegation_id: d.delegation_id, member_id: d.member_id, kind: d.kind, valid_until: d.valid_until }
    }
}

/// Whether the actor may see and change the travel documents of a delegation owned by `unit`:
/// admins, coordinators and editors of that unit (personal data, unit-scoped).
pub fn may_see(actor: &Actor, unit: i64) -> bool {
    actor.require_personal().is_ok() && actor.require_write_unit(unit).is_ok()
}

fn require(actor: &Actor, unit: i64) -> Result<()> {
    actor.require_personal()?;
    actor.require_write_unit(unit)
}

/// The retention period in days (the office setting, or the default).
pub async fn retention_days_in<T: Tx>(tx: &mut T) -> Result<i64> {
    let v = tx.get_setting(RETENTION_SETTING).await?;
    Ok(v.and_then(|s| s.parse::<i64>().ok()).filter(|d| (0..=RETENTION_MAX_DAYS).contains(d)).unwrap_or(RETENTION_DEFAULT_DAYS))
}

/// The retention period in days.
pub async fn retention_days<S: Store>(store: &S, actor: &Actor) -> Result<i64> {
    actor.require_read()?;
    retention_days_in(&mut store.read().await?).await
}

/// Sets the retention period (admins), and deletes what it makes overdue at once.
pub async fn set_retention_days<S: Store>(store: &S, actor: &Actor, days: &str, today: NaiveDate) -> Result<i64> {
    actor.require_admin()?;
    let n: i64 = days.trim().parse().map_err(|_| Error::invalid("days", "invalid_number"))?;
    if !(0..=RETENTION_MAX_DAYS).contains(&n) {
        return Err(Error::Validation(vec![FieldError::new("days", "out_of_range").with("min", 0).with("max", RETENTION_MAX_DAYS)]));
    }
    let mut tx = store.begin().await?;
    let before = retention_days_in(&mut tx).await?;
    tx.set_setting(RETENTION_SETTING, &n.to_string(), tx.now().instant).await?;
    audit::record(&mut tx, actor, "update", "setting", Some(RETENTION_SETTING.into()), Some(&before), Some(&n)).await?;
    purge_in(&mut tx, today).await?;
    tx.commit().await?;
    Ok(n)
}

/// Deletes documents past retention inside the caller's transaction; returns how many.
pub async fn purge_in<T: Tx>(tx: &mut T, today: NaiveDate) -> Result<u64> {
    let days = retention_days_in(tx).await?;
    let n = tx.purge_travel_documents(retention_cutoff(today, days)).await?;
    if n > 0 {
        let note = serde_json::json!({ "deleted": n, "retention_days": days });
        audit::record(tx, &Actor::System, "purge", "travel_document", None, None::<&()>, Some(&note)).await?;
    }
    Ok(n)
}

/// Deletes documents past retention, in its own transaction (the periodic sweep; idempotent).
pub async fn purge_expired<S: Store>(store: &S, today: NaiveDate) -> Result<u64> {
    let mut tx = store.begin().await?;
    let n = purge_in(&mut tx, today).await?;
    tx.commit().await?;
    Ok(n)
}

async fn delegation_for<T: Tx>(tx: &mut T, actor: &Actor, id: i64) -> Result<Delegation> {
    actor.require_personal()?;
    let d = tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))?;
    require(actor, d.owner_unit_id)?;
    Ok(d)
}

/// The delegation's travel documents; none once the delegation is past the retention period (the
/// sweep deletes them; a read never does).
pub async fn list<S: Store>(store: &S, actor: &Actor, delegation_id: i64, today: NaiveDate) -> Result<Vec<TravelDocument>> {
    actor.require_personal()?;
    let mut tx = store.read().await?;
    let d = delegation_for(&mut tx, actor, delegation_id).await?;
    if d.ends_on < retention_cutoff(today, retention_days_in(&mut tx).await?) {
        return Ok(Vec::new());
    }
    tx.list_travel_documents(delegation_id).await
}

/// Adds a travel document to a member of the delegation.
pub async fn add<S: Store>(
    store: &S,
    actor: &Actor,
    delegation_id: i64,
    input: &TravelDocumentInput,
    today: NaiveDate,
) -> Result<TravelDocument> {
    actor.require_personal()?;
    let mut tx = store.begin().await?;
    purge_in(&mut tx, today).await?;
    let d = delegation_for(&mut tx, actor, delegation_id).await?;
    let new = NewTravelDocument::validate(input)?;
    if !d.members.iter().any(|m| m.id == new.member_id) {
        return Err(Error::Validation(vec![FieldError::new("member_id", "unknown_member").with("value", new.member_id)]));
    }
    let days = retention_days_in(&mut tx).await?;
    if d.ends_on < retention_cutoff(today, days) {
        return Err(Error::invalid("valid_until", "past_retention"));
    }
    let id = tx.insert_travel_document(delegation_id, &new, tx.now().instant).await?;
    let doc = tx.get_travel_document(id).await?.ok_or_else(|| Error::not_found("travel_document", id))?;
    audit::record(&mut tx, actor, "create", "travel_document", Some(id.to_string()), None::<&Audited>, Some(&Audited::from(&doc))).await?;
    tx.commit().await?;
    Ok(doc)
}

/// Deletes a travel document.
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<TravelDocument> {
    actor.require_personal()?;
    let mut tx = store.begin().await?;
    let doc = tx.get_travel_document(id).await?.ok_or_else(|| Error::not_found("travel_document", id))?;
    delegation_for(&mut tx, actor, doc.delegation_id).await?;
    tx.delete_travel_document(id).await?;
    audit::record(&mut tx, actor, "delete", "travel_document", Some(id.to_string()), Some(&Audited::from(&doc)), None::<&Audited>).await?;
    tx.commit().await?;
    Ok(doc)
}

/// A flagged document with its reason.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentWarning {
    #[serde(flatten)]
    pub document: ExpiringDocument,
    pub alert: DocumentAlert,
}

/// Documents of coming visits that fail the passport or visa rule, limited to the delegations whose
/// documents the actor may see (others get an empty list, not an error: the page shows what it may).
pub async fn warnings<S: Store>(store: &S, actor: &Actor, today: NaiveDate) -> Result<Vec<DocumentWarning>> {
    actor.require_read()?;
    if actor.require_personal().is_err() {
        return Ok(Vec::new());
    }
    // Coming visits end today or later, never before the retention cut-off: nothing to leave out.
    let docs = store.read().await?.travel_documents_of_coming_visits(today).await?;
    Ok(docs
        .into_iter()
        .filter(|d| may_see(actor, d.owner_unit_id))
        .filter_map(|d| alert(d.kind, d.valid_until, d.ends_on).map(|a| DocumentWarning { document: d, alert: a }))
        .collect())
}
