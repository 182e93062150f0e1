//! Use cases on units: list, page, show, create, update, archive or restore, delete an unused one.

use crate::error::{Error, FieldError, Result};
use crate::list::Page;
use crate::store::{Store, Tx, UnitStore};
use crate::unit::{UnitArchiveInput, UnitFilter};
use crate::{Actor, NewUnit, Unit, UnitInput, audit};

/// Every unit, archived ones included, ordered by name: to name the unit of any record. Pickers
/// offer only those [`Unit::offered`] admits.
pub async fn list<S: Store>(store: &S, actor: &Actor) -> Result<Vec<Unit>> {
    actor.require_read()?;
    store.read().await?.list_units().await
}

/// A page of units (active, archived or all), by name.
pub async fn page<S: Store>(store: &S, actor: &Actor, filter: &UnitFilter) -> Result<Page<Unit>> {
    actor.require_read()?;
    let (items, total) = store.read().await?.list_units_page(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}

/// One unit.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Unit> {
    actor.require_read()?;
    store.read().await?.get_unit(id).await?.ok_or_else(|| Error::not_found("unit", id))
}

/// Creates a unit under an existing parent.
pub async fn create<S: Store>(store: &S, actor: &Actor, input: UnitInput) -> Result<Unit> {
    let mut tx = store.begin().await?;
    let unit = create_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(unit)
}

/// Creates a unit inside a larger unit of work (the demo, an import).
pub async fn create_in<T: Tx>(tx: &mut T, actor: &Actor, input: UnitInput) -> Result<Unit> {
    actor.require_office()?;
    let new = NewUnit::validate(&input)?;
    check_parent(tx, None, new.parent_id).await?;
    let id = tx.insert_unit(&new, tx.now().instant).await?;
    let unit = tx.get_unit(id).await?.ok_or_else(|| Error::not_found("unit", id))?;
    audit::record(tx, actor, "create", "unit", Some(id.to_string()), None::<&Unit>, Some(&unit)).await?;
    Ok(unit)
}

/// Replaces a unit's fields, refusing a stale version.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: UnitInput) -> Result<Unit> {
    actor.require_office()?;
    let new = NewUnit::validate(&input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_unit(id).await?.ok_or_else(|| Error::not_found("unit", id))?;
    check_parent(&mut tx, Some(id), new.parent_id).await?;
    if !tx.update_unit(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let unit = tx.get_unit(id).await?.ok_or_else(|| Error::not_found("unit", id))?;
    audit::record(&mut tx, actor, "update", "unit", Some(id.to_string()), Some(&before), Some(&unit)).await?;
    tx.commit().await?;
    Ok(unit)
}

/// Archives a unit (kept for the records and users that name it, offered in no picker) or
/// restores it, refusing a stale version. The top unit (the home city) stays active.
pub async fn set_archived<S: Store>(store: &S, actor: &Actor, id: i64, input: UnitArchiveInput) -> Result<Unit> {
    actor.require_office()?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_unit(id).await?.ok_or_else(|| Error::not_found("unit", id))?;
    if input.archived && before.parent_id.is_none() {
        return Err(Error::invalid("archived", "top_unit_stays_active"));
    }
    let now = tx.now().instant;
    let at = if input.archived { Some(before.archived_at.unwrap_or(now)) } else { None };
    if !tx.set_unit_archived(id, at, version, now).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let unit = tx.get_unit(id).await?.ok_or_else(|| Error::not_found("unit", id))?;
    let action = if input.archived { "archive" } else { "unarchive" };
    audit::record(&mut tx, actor, action, "unit", Some(id.to_string()), Some(&before), Some(&unit)).await?;
    tx.commit().await?;
    Ok(unit)
}

/// Deletes a unit that nothing names: no sub-unit, user, partnership, activity, event, series,
/// delegation or itinerary item. A unit in use is refused (`Conflict` on `unit`, `in_use`): archive it instead.
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    actor.require_office()?;
    let mut tx = store.begin().await?;
    let before = tx.get_unit(id).await?.ok_or_else(|| Error::not_found("unit", id))?;
    tx.delete_unit(id).await?;
    audit::record(&mut tx, actor, "delete", "unit", Some(id.to_string()), Some(&before), None::<&Unit>).await?;
    tx.commit().await
}

/// The parent must exist and must not be the unit itself or one of its descendants.
async fn check_parent<T: Tx>(tx: &mut T, id: Option<i64>, parent: Option<i64>) -> Result<()> {
    let Some(mut cursor) = parent else { return Ok(()) };
    for _ in 0..64 {
        if Some(cursor) == id {
            return Err(Error::Validation(vec![FieldError::new("parent_id", "parent_cycle")]));
        }
        let Some(unit) = tx.get_unit(cursor).await? else {
            return Err(Error::Validation(vec![FieldError::new("parent_id", "unknown_unit").with("value", cursor)]));
        };
        if Some(cursor) == parent && unit.is_archived() && id.is_none() {
            return Err(Error::Validation(vec![FieldError::new("parent_id", "archived_unit").with("value", cursor)]));
        }
        match unit.parent_id {
            Some(p) => cursor = p,
            None => return Ok(()),
        }
    }
    Err(Error::Validation(vec![FieldError::new("parent_id", "parent_cycle")]))
}
