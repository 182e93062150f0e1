//! Use cases on partnerships: list, show, create, update, delete, figures.

use super::{NewPartnership, Partnership, PartnershipFilter, PartnershipInput, PartnershipStats};
use crate::error::{Error, FieldError, Problems, Result};
use crate::list::Page;
use crate::store::{CityStore, PartnershipStore, Store, Tx};
use crate::{Actor, audit};

/// A filtered, sorted page of partnerships.
pub async fn list<S: Store>(store: &S, actor: &Actor, filter: &PartnershipFilter) -> Result<Page<Partnership>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    crate::group::filter_countries(&mut tx, filter.group).await?;
    let (items, total) = tx.list_partnerships(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}

/// One partnership.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Partnership> {
    actor.require_read()?;
    store.read().await?.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))
}

/// The partnerships with these ids (for pages that name the partners of a few records).
pub async fn get_many<S: Store>(store: &S, actor: &Actor, ids: &[i64]) -> Result<Vec<Partnership>> {
    actor.require_read()?;
    store.read().await?.get_partnerships(ids).await
}

/// Figures for the home page.
pub async fn stats<S: Store>(store: &S, actor: &Actor) -> Result<PartnershipStats> {
    actor.require_read()?;
    store.read().await?.partnership_stats().await
}

/// Creates a partnership (and its foreign city, when new) in one transaction.
pub async fn create<S: Store>(store: &S, actor: &Actor, input: PartnershipInput) -> Result<Partnership> {
    let mut tx = store.begin().await?;
    let p = create_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(p)
}

/// Creates a partnership inside a larger unit of work (the demo, an import).
pub async fn create_in<T: Tx>(tx: &mut T, actor: &Actor, input: PartnershipInput) -> Result<Partnership> {
    let new = NewPartnership::validate(&input)?;
    actor.require_write_unit(new.home_unit_id)?;
    check_references(tx, &new).await?;
    let city_id = tx.upsert_city(&new.city).await?;
    let id = tx.insert_partnership(&new, city_id, tx.now().instant).await?;
    let p = tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    audit::record(tx, actor, "create", "partnership", Some(id.to_string()), None::<&Partnership>, Some(&p)).await?;
    Ok(p)
}

/// Replaces a partnership's fields, refusing a stale version. The status is not changed here: it moves
/// only through [`transition`](super::transition), which keeps its history; an empty `status` keeps the
/// stored one, a different one is refused (`use_transition`).
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, mut input: PartnershipInput) -> Result<Partnership> {
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    if input.status.trim().is_empty() {
        input.status = before.status.as_str().to_string();
    }
    let new = NewPartnership::validate(&input)?;
    actor.require_write_unit(before.home_unit_id)?;
    if version != before.version {
        return Err(Error::conflict("version", "stale_version"));
    }
    if new.status != before.status {
        return Err(Error::Validation(vec![FieldError::new("status", "use_transition")]));
    }
    actor.require_write_unit(new.home_unit_id)?;
    check_references(&mut tx, &new).await?;
    let city_id = tx.upsert_city(&new.city).await?;
    if !tx.update_partnership(id, &new, city_id, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let p = tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    audit::record(&mut tx, actor, "update", "partnership", Some(id.to_string()), Some(&before), Some(&p)).await?;
    tx.commit().await?;
    Ok(p)
}

/// Deletes a partnership that nothing depends on yet.
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let before = tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    actor.require_write_unit(before.home_unit_id)?;
    if !tx.delete_partnership(id).await? {
        return Err(Error::not_found("partnership", id));
    }
    audit::record(&mut tx, actor, "delete", "partnership", Some(id.to_string()), Some(&before), None::<&Partnership>).await?;
    tx.commit().await
}

/// The home unit and every focus field must exist.
async fn check_references<T: Tx>(tx: &mut T, new: &NewPartnership) -> Result<()> {
    let mut p = Problems::default();
    if tx.get_unit(new.home_unit_id).await?.is_none() {
        p.push(FieldError::new("home_unit_id", "unknown_unit").with("value", new.home_unit_id));
    }
    let known = tx.list_fields().await?;
    for (i, code) in new.fields.iter().enumerate() {
        if !known.iter().any(|f| &f.code == code) {
            p.push(FieldError::new(format!("fields[{i}]"), "unknown_field").with("value", crate::validate::truncate(code, 40)));
        }
    }
    p.finish()
}
