//! Writing and reading the audit log.

use serde::Serialize;

use super::{AuditEntry, AuditFilter, NewAuditEntry};
use crate::Actor;
use crate::error::{Error, Result};
use crate::list::Page;
use crate::store::{AuditStore, Store, Tx};

/// Writes one entry inside the caller's unit of work; `before` and `after` are serialised to JSON.
pub async fn record<T: Tx, B: Serialize, A: Serialize>(
    tx: &mut T,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<String>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose().map_err(|e| Error::Internal(e.to_string()))?;
    let after = after.map(serde_json::to_string).transpose().map_err(|e| Error::Internal(e.to_string()))?;
    record_json(tx, actor, action, entity, entity_id, before, after).await
}

/// Writes one entry whose before and after are already JSON text (or absent).
pub async fn record_json<T: Tx>(
    tx: &mut T,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<String>,
    before: Option<String>,
    after: Option<String>,
) -> Result<()> {
    let entry = NewAuditEntry {
        at: tx.now().instant,
        user_id: actor.user_id(),
        actor: actor.label().to_string(),
        ip: actor.ip().map(str::to_string),
        action: action.to_string(),
        entity: entity.to_string(),
        entity_id,
        before,
        after,
    };
    tx.insert_audit(&entry).await
}

/// A filtered page of the audit log, newest first (auditors and admins only).
pub async fn list<S: Store>(store: &S, actor: &Actor, filter: &AuditFilter) -> Result<Page<AuditEntry>> {
    actor.require_audit()?;
    // Usernames are stored in lower case; "Admin" should find admin's entries.
    let mut filter = filter.clone();
    filter.actor = filter.actor.map(|a| a.to_lowercase());
    let filter = &filter;
    let mut tx = store.read().await?;
    let (items, total) = tx.list_audit(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}

/// Every entry matching `filter` (its paging ignored), newest first, read in one snapshot so the
/// rows are consistent with each other and with `total`; at most `cap` of them. Returns the rows
/// and how many matched: when `total` is larger, the caller must say where the rows stopped.
pub async fn export<S: Store>(store: &S, actor: &Actor, filter: &AuditFilter, cap: usize) -> Result<(Vec<AuditEntry>, i64)> {
    actor.require_audit()?;
    const PAGE: u32 = 500;
    let mut filter = filter.clone();
    filter.actor = filter.actor.map(|a| a.to_lowercase());
    let mut tx = store.read().await?;
    let (mut rows, mut total) = (Vec::new(), 0);
    for page in 1.. {
        filter.paging = crate::Paging::new(Some(page), Some(PAGE));
        let (items, matched) = tx.list_audit(&filter).await?;
        total = matched;
        let last = items.len() < PAGE as usize;
        rows.extend(items);
        if last || rows.len() >= cap {
            break;
        }
    }
    rows.truncate(cap);
    Ok((rows, total))
}
