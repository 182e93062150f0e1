//! Use cases on contacts: list a partnership's contacts, show, create, update, delete. Reading needs
//! a role that sees personal data; changing needs the right to change the partnership's home unit.

use super::{Contact, ContactInput, NewContact};
use crate::error::{Error, Result};
use crate::store::{ContactStore, PartnershipStore, Store, Tx};
use crate::{Actor, audit};

/// The contacts of one partnership: home side first, then by name.
pub async fn list<S: Store>(store: &S, actor: &Actor, partnership_id: i64) -> Result<Vec<Contact>> {
    actor.require_personal()?;
    let mut tx = store.read().await?;
    if tx.get_partnership(partnership_id).await?.is_none() {
        return Err(Error::not_found("partnership", partnership_id));
    }
    tx.list_contacts(partnership_id).await
}

/// One contact.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Contact> {
    actor.require_personal()?;
    store.read().await?.get_contact(id).await?.ok_or_else(|| Error::not_found("contact", id))
}

/// Adds a contact to a partnership.
pub async fn create<S: Store>(store: &S, actor: &Actor, partnership_id: i64, input: ContactInput) -> Result<Contact> {
    actor.require_personal()?;
    let mut tx = store.begin().await?;
    require_write_partnership(&mut tx, actor, partnership_id).await?;
    let new = NewContact::validate(&input)?;
    let id = tx.insert_contact(partnership_id, &new, tx.now().instant).await?;
    let contact = tx.get_contact(id).await?.ok_or_else(|| Error::not_found("contact", id))?;
    audit::record(&mut tx, actor, "create", "contact", Some(id.to_string()), None::<&Contact>, Some(&contact)).await?;
    tx.commit().await?;
    Ok(contact)
}

/// Replaces a contact's details, refusing a stale version. The partnership it belongs to does not change.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: ContactInput) -> Result<Contact> {
    actor.require_personal()?;
    let mut tx = store.begin().await?;
    let before = tx.get_contact(id).await?.ok_or_else(|| Error::not_found("contact", id))?;
    require_write_partnership(&mut tx, actor, before.partnership_id).await?;
    let new = NewContact::validate(&input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    if !tx.update_contact(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let contact = tx.get_contact(id).await?.ok_or_else(|| Error::not_found("contact", id))?;
    audit::record(&mut tx, actor, "update", "contact", Some(id.to_string()), Some(&before), Some(&contact)).await?;
    tx.commit().await?;
    Ok(contact)
}

/// Deletes a contact.
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    actor.require_personal()?;
    let mut tx = store.begin().await?;
    let before = tx.get_contact(id).await?.ok_or_else(|| Error::not_found("contact", id))?;
    require_write_partnership(&mut tx, actor, before.partnership_id).await?;
    if !tx.delete_contact(id).await? {
        return Err(Error::not_found("contact", id));
    }
    audit::record(&mut tx, actor, "delete", "contact", Some(id.to_string()), Some(&before), None::<&Contact>).await?;
    tx.commit().await
}

/// The partnership must exist and the actor must be allowed to change its home unit's records.
async fn require_write_partnership<T: Tx>(tx: &mut T, actor: &Actor, partnership_id: i64) -> Result<()> {
    let p = tx.get_partnership(partnership_id).await?.ok_or_else(|| Error::not_found("partnership", partnership_id))?;
    actor.require_write_unit(p.home_unit_id)
}
