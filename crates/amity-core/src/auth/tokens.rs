//! API tokens: created for a user (shown once), stored as a hash, revocable, acting with the user's role.

use super::sign_in::{needs_touch, principal};
use super::{ApiToken, NewApiToken, Principal, random_token, sha256_hex};
use crate::error::{Error, Result};
use crate::store::prelude::*;
use crate::validate::{NAME_MAX, required_text};
use crate::{Actor, audit};

/// Prefix of every token, so leaked tokens are easy to recognise.
pub const TOKEN_PREFIX: &str = "amity_";

/// Creates a token for the acting user (or, for admins and the system, for `user_id`). Returns the token once.
pub async fn create<S: Store>(store: &S, actor: &Actor, user_id: i64, name: &str) -> Result<(ApiToken, String)> {
    if actor.user_id() != Some(user_id) {
        actor.require_admin()?;
    }
    let name = required_text("name", name, NAME_MAX).map_err(|e| Error::Validation(vec![e]))?;
    let secret = format!("{TOKEN_PREFIX}{}", random_token(32)?);
    let new = NewApiToken { user_id, name, prefix: secret.chars().take(TOKEN_PREFIX.len() + 6).collect(), token_hash: sha256_hex(&secret) };
    let mut tx = store.begin().await?;
    tx.get_user(user_id).await?.ok_or_else(|| Error::not_found("user", user_id))?;
    let id = tx.insert_token(&new, tx.now().instant).await?;
    let token = tx.list_tokens(user_id).await?.into_iter().find(|t| t.id == id).ok_or_else(|| Error::not_found("token", id))?;
    audit::record(&mut tx, actor, "create", "api_token", Some(id.to_string()), None::<&ApiToken>, Some(&token)).await?;
    tx.commit().await?;
    Ok((token, secret))
}

/// The acting user's tokens.
pub async fn list<S: Store>(store: &S, actor: &Actor) -> Result<Vec<ApiToken>> {
    let id = actor.user_id().ok_or(Error::Forbidden)?;
    store.read().await?.list_tokens(id).await
}

/// One page of the acting user's tokens, newest first.
pub async fn page<S: Store>(store: &S, actor: &Actor, paging: crate::Paging) -> Result<crate::Page<ApiToken>> {
    let id = actor.user_id().ok_or(Error::Forbidden)?;
    let (items, total) = store.read().await?.page_tokens(id, &paging).await?;
    Ok(crate::Page { items, total, page: paging.page, per_page: paging.per_page })
}

/// Revokes one of the acting user's tokens.
pub async fn revoke<S: Store>(store: &S, actor: &Actor, token_id: i64) -> Result<()> {
    let user = actor.user_id().ok_or(Error::Forbidden)?;
    let mut tx = store.begin().await?;
    if !tx.revoke_token(user, token_id, tx.now().instant).await? {
        return Err(Error::not_found("token", token_id));
    }
    audit::record_json(&mut tx, actor, "revoke", "api_token", Some(token_id.to_string()), None, None).await?;
    tx.commit().await
}

/// A live token resolved: whose it is, and what a cache of it needs to keep "last used" current.
#[derive(Debug, Clone)]
pub struct TokenSignIn {
    pub principal: Principal,
    pub token_id: i64,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The user behind a bearer token, if it is live and the user enabled.
pub async fn token_user<S: Store>(store: &S, secret: &str, ip: Option<&str>) -> Result<Option<Principal>> {
    let Some(t) = token_sign_in(store, secret, ip).await? else { return Ok(None) };
    let now = store.now().instant;
    if t.last_used_at.is_none_or(|at| needs_touch(at, now)) {
        touch(store, t.token_id, now).await?;
    }
    Ok(Some(t.principal))
}

/// The live token with this secret and its enabled user, read without writing anything.
pub async fn token_sign_in<S: Store>(store: &S, secret: &str, ip: Option<&str>) -> Result<Option<TokenSignIn>> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let mut tx = store.read().await?;
    let Some(token) = tx.find_token(&sha256_hex(secret)).await? else { return Ok(None) };
    let Some(user) = tx.get_user(token.user_id).await?.filter(|u| !u.disabled) else { return Ok(None) };
    let principal = principal(&mut tx, &user, ip).await?;
    Ok(Some(TokenSignIn { principal, token_id: token.id, last_used_at: token.last_used_at }))
}

/// Records that a token was used at `now` (callers spare this when the last record is under a
/// minute old: [`needs_touch`]).
pub async fn touch<S: Store>(store: &S, token_id: i64, now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    let mut w = store.begin().await?;
    // "Last used" is bookkeeping: it leaves cached answers current.
    w.bookkeeping_only();
    w.touch_token(token_id, now).await?;
    w.commit().await
}
