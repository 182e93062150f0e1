//! Use cases on partnerships: list, show, create, update, delete, figures.

use chrono::Utc;

use super::{NewPartnership, Partnership, PartnershipFilter, PartnershipInput, PartnershipStats};
use crate::Actor;
use crate::error::{Error, FieldError, Problems, Result};
use crate::list::Page;
use crate::store::{CityStore, PartnershipStore, Store, Tx};

/// A filtered, sorted page of partnerships.
pub async fn list<S: Store>(store: &S, _actor: &Actor, filter: &PartnershipFilter) -> Result<Page<Partnership>> {
    let mut tx = store.read().await?;
    let (items, total) = tx.list_partnerships(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}

/// One partnership.
pub async fn get<S: Store>(store: &S, _actor: &Actor, id: i64) -> Result<Partnership> {
    store.read().await?.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))
}

/// Figures for the home page.
pub async fn stats<S: Store>(store: &S, _actor: &Actor) -> Result<PartnershipStats> {
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
pub async fn create_in<T: Tx>(tx: &mut T, _actor: &Actor, input: PartnershipInput) -> Result<Partnership> {
    let new = NewPartnership::validate(&input)?;
    check_references(tx, &new).await?;
    let city_id = tx.upsert_city(&new.city).await?;
    let id = tx.insert_partnership(&new, city_id, Utc::now()).await?;
    tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))
}

/// Replaces a partnership's fields, refusing a stale version.
pub async fn update<S: Store>(store: &S, _actor: &Actor, id: i64, input: PartnershipInput) -> Result<Partnership> {
    let new = NewPartnership::validate(&input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    check_references(&mut tx, &new).await?;
    let city_id = tx.upsert_city(&new.city).await?;
    if !tx.update_partnership(id, &new, city_id, version, Utc::now()).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let p = tx.get_partnership(id).await?.ok_or_else(|| Error::not_found("partnership", id))?;
    tx.commit().await?;
    Ok(p)
}

/// Deletes a partnership that nothing depends on yet.
pub async fn delete<S: Store>(store: &S, _actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    if !tx.delete_partnership(id).await? {
        return Err(Error::not_found("partnership", id));
    }
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
