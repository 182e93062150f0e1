//! Private iCalendar feeds: each user may hold one secret link to a feed of everything they may see.
//! The link carries the secret; the database keeps only its SHA-256. Making a new link revokes the
//! old one; revoking stops the feed at once, and a disabled user's link stops too.

use crate::auth::{Principal, random_token, sha256_hex, sign_in};
use crate::error::{Error, Result};
use crate::store::{CalendarStore, Store, Tx};
use crate::{Actor, audit};

/// Every feed secret starts so (recognisable in logs and by secret scanners).
pub const FEED_PREFIX: &str = "amf_";

fn user_of(actor: &Actor) -> Result<i64> {
    actor.user_id().ok_or(Error::Forbidden)
}

/// Makes a new private feed link for the acting user (revoking any earlier one); returns the secret, shown once.
pub async fn create<S: Store>(store: &S, actor: &Actor) -> Result<String> {
    actor.require_read()?;
    let user_id = user_of(actor)?;
    let secret = format!("{FEED_PREFIX}{}", random_token(24)?);
    let mut tx = store.begin().await?;
    let now = tx.now().instant;
    tx.revoke_feed_tokens(user_id, now).await?;
    tx.insert_feed_token(user_id, &sha256_hex(&secret), now).await?;
    audit::record_json(&mut tx, actor, "create", "calendar_feed", Some(user_id.to_string()), None, None).await?;
    tx.commit().await?;
    Ok(secret)
}

/// Revokes the acting user's feed link; `false` when there was none.
pub async fn revoke<S: Store>(store: &S, actor: &Actor) -> Result<bool> {
    let user_id = user_of(actor)?;
    let mut tx = store.begin().await?;
    let n = tx.revoke_feed_tokens(user_id, tx.now().instant).await?;
    if n > 0 {
        audit::record_json(&mut tx, actor, "revoke", "calendar_feed", Some(user_id.to_string()), None, None).await?;
    }
    tx.commit().await?;
    Ok(n > 0)
}

/// Whether the acting user has a live feed link.
pub async fn exists<S: Store>(store: &S, actor: &Actor) -> Result<bool> {
    let user_id = user_of(actor)?;
    store.read().await?.has_feed_token(user_id).await
}

/// The user a feed secret belongs to, if the link is live and the user enabled.
pub async fn principal<S: Store>(store: &S, secret: &str) -> Result<Option<Principal>> {
    if !secret.starts_with(FEED_PREFIX) || secret.len() > 200 {
        return Ok(None);
    }
    let mut tx = store.read().await?;
    principal_in(&mut tx, secret).await
}

async fn principal_in<T: Tx>(tx: &mut T, secret: &str) -> Result<Option<Principal>> {
    let Some(user_id) = tx.feed_token_user(&sha256_hex(secret)).await? else { return Ok(None) };
    let Some(user) = tx.get_user(user_id).await?.filter(|u| !u.disabled) else { return Ok(None) };
    sign_in::principal(tx, &user, None).await.map(Some)
}
