//! Use cases on country groups: list, show, create, update, delete. The office changes them;
//! everyone who reads records reads them.

use super::{CountryGroup, CountryGroupInput, NewCountryGroup};
use crate::error::{Error, Result};
use crate::store::{CountryGroupStore, Store, Tx};
use crate::{Actor, audit};

/// Every group, ordered by English name, with its members.
pub async fn list<S: Store>(store: &S, actor: &Actor) -> Result<Vec<CountryGroup>> {
    actor.require_read()?;
    store.read().await?.list_country_groups().await
}

/// One page of the groups.
pub async fn page<S: Store>(store: &S, actor: &Actor, paging: crate::Paging) -> Result<crate::Page<CountryGroup>> {
    actor.require_read()?;
    let (items, total) = store.read().await?.page_country_groups(&paging).await?;
    Ok(crate::Page { items, total, page: paging.page, per_page: paging.per_page })
}

/// One group.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<CountryGroup> {
    actor.require_read()?;
    store.read().await?.get_country_group(id).await?.ok_or_else(|| Error::not_found("country_group", id))
}

/// Creates a group.
pub async fn create<S: Store>(store: &S, actor: &Actor, input: CountryGroupInput) -> Result<CountryGroup> {
    let mut tx = store.begin().await?;
    let group = create_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(group)
}

/// Creates a group inside a larger unit of work (the demo, an import).
pub async fn create_in<T: Tx>(tx: &mut T, actor: &Actor, input: CountryGroupInput) -> Result<CountryGroup> {
    actor.require_office()?;
    let new = NewCountryGroup::validate(&input)?;
    check_code_free(tx, &new.code, None).await?;
    let id = tx.insert_country_group(&new, tx.now().instant).await?;
    let group = tx.get_country_group(id).await?.ok_or_else(|| Error::not_found("country_group", id))?;
    audit::record(tx, actor, "create", "country_group", Some(id.to_string()), None::<&CountryGroup>, Some(&group)).await?;
    Ok(group)
}

/// Replaces a group's names, note and members, refusing a stale version.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: CountryGroupInput) -> Result<CountryGroup> {
    actor.require_office()?;
    let new = NewCountryGroup::validate(&input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_country_group(id).await?.ok_or_else(|| Error::not_found("country_group", id))?;
    check_code_free(&mut tx, &new.code, Some(id)).await?;
    if !tx.update_country_group(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let group = tx.get_country_group(id).await?.ok_or_else(|| Error::not_found("country_group", id))?;
    audit::record(&mut tx, actor, "update", "country_group", Some(id.to_string()), Some(&before), Some(&group)).await?;
    tx.commit().await?;
    Ok(group)
}

/// Deletes a group and its membership (nothing else refers to a group; filters by it find nothing afterwards).
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    actor.require_office()?;
    let mut tx = store.begin().await?;
    let before = tx.get_country_group(id).await?.ok_or_else(|| Error::not_found("country_group", id))?;
    if !tx.delete_country_group(id).await? {
        return Err(Error::not_found("country_group", id));
    }
    audit::record(&mut tx, actor, "delete", "country_group", Some(id.to_string()), Some(&before), None::<&CountryGroup>).await?;
    tx.commit().await
}

/// The member countries of the group a list is filtered by: every list (partnerships, activities,
/// gifts, events, delegations, the calendar, the coverage matrix) refuses an id no group has with
/// `group`/`unknown_group` (422), rather than showing an empty list that looks like "none in the group".
pub async fn filter_countries<T: Tx>(tx: &mut T, group: Option<i64>) -> Result<Option<Vec<String>>> {
    let Some(id) = group else { return Ok(None) };
    match tx.get_country_group(id).await? {
        Some(g) => Ok(Some(g.members)),
        None => Err(Error::Validation(vec![crate::error::FieldError::new("group", "unknown_group").with("value", id)])),
    }
}

/// A code may name one group only. Checked here so both databases answer the same way before the
/// write; the unique index stays the backstop against a concurrent insert.
async fn check_code_free<T: Tx>(tx: &mut T, code: &str, except: Option<i64>) -> Result<()> {
    let taken = tx.list_country_groups().await?.iter().any(|g| g.code == code && Some(g.id) != except);
    if taken { Err(Error::conflict("code", "duplicate")) } else { Ok(()) }
}
