//! Gifts given and received during a visit: links from a delegation to the gift registry. Reading
//! needs `require_read`; linking and unlinking need the right to change the delegation's owner unit.

use super::Delegation;
use crate::error::{Error, FieldError, Result};
use crate::gift::Gift;
use crate::store::prelude::*;
use crate::{Actor, audit};

async fn delegation<T: Tx>(tx: &mut T, id: i64) -> Result<Delegation> {
    tx.get_delegation(id).await?.ok_or_else(|| Error::not_found("delegation", id))
}

/// The registry's gifts linked to the delegation.
pub async fn list<S: Store>(store: &S, actor: &Actor, delegation_id: i64) -> Result<Vec<Gift>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    delegation(&mut tx, delegation_id).await?;
    let mut out = Vec::new();
    for id in tx.delegation_gift_ids(delegation_id).await? {
        if let Some(g) = tx.get_gift(id).await? {
            out.push(g);
        }
    }
    Ok(out)
}

/// Links a gift of the registry to the delegation (linking it again changes nothing).
pub async fn link<S: Store>(store: &S, actor: &Actor, delegation_id: i64, gift_id: Option<i64>) -> Result<Gift> {
    let gift_id = gift_id.ok_or_else(|| Error::invalid("gift_id", "required"))?;
    let mut tx = store.begin().await?;
    let d = delegation(&mut tx, delegation_id).await?;
    actor.require_write_unit(d.owner_unit_id)?;
    let gift = tx
        .get_gift(gift_id)
        .await?
        .ok_or_else(|| Error::Validation(vec![FieldError::new("gift_id", "unknown_gift").with("value", gift_id)]))?;
    if tx.link_delegation_gift(delegation_id, gift_id).await? {
        let link = serde_json::json!({ "delegation_id": delegation_id, "gift_id": gift_id });
        audit::record(&mut tx, actor, "link_gift", "delegation", Some(delegation_id.to_string()), None::<&()>, Some(&link)).await?;
    }
    tx.commit().await?;
    Ok(gift)
}

/// Removes the link (the gift stays in the registry).
pub async fn unlink<S: Store>(store: &S, actor: &Actor, delegation_id: i64, gift_id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let d = delegation(&mut tx, delegation_id).await?;
    actor.require_write_unit(d.owner_unit_id)?;
    if !tx.unlink_delegation_gift(delegation_id, gift_id).await? {
        return Err(Error::not_found("gift", gift_id));
    }
    let link = serde_json::json!({ "delegation_id": delegation_id, "gift_id": gift_id });
    audit::record(&mut tx, actor, "unlink_gift", "delegation", Some(delegation_id.to_string()), Some(&link), None::<&()>).await?;
    tx.commit().await
}
