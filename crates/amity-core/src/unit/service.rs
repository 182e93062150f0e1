//! Use cases on units: list, show, create, update.

use crate::error::{Error, FieldError, Result};
use crate::store::{Store, Tx, UnitStore};
use crate::{Actor, NewUnit, Unit, UnitInput, audit};

/// Every unit, ordered by name.
pub async fn list<S: Store>(store: &S, actor: &Actor) -> Result<Vec<Unit>> {
    actor.require_read()?;
    store.read().await?.list_units().await
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
        match unit.parent_id {
            Some(p) => cursor = p,
            None => return Ok(()),
        }
    }
    Err(Error::Validation(vec![FieldError::new("parent_id", "parent_cycle")]))
}
