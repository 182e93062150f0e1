//! Account management: list, create, change, reset passwords (admins), change one's own password.

use super::password::check_password;
use super::{NewUser, Role, User, UserInput, hash_password, random_password, verify_password};
use crate::error::{Error, FieldError, Problems, Result};
use crate::store::prelude::*;
use crate::validate::{NAME_MAX, optional_text};
use crate::{Actor, audit};

/// What creating an account produced: the user and, when none was given, the generated password.
#[derive(Debug)]
pub struct Created {
    pub user: User,
    pub generated_password: Option<String>,
}

/// Every account (admins only).
pub async fn list<S: Store>(store: &S, actor: &Actor) -> Result<Vec<User>> {
    actor.require_admin()?;
    store.read().await?.list_users().await
}

/// One page of the accounts, by username (admins).
pub async fn page<S: Store>(store: &S, actor: &Actor, paging: crate::Paging) -> Result<crate::Page<User>> {
    actor.require_admin()?;
    let (items, total) = store.read().await?.page_users(&paging).await?;
    Ok(crate::Page { items, total, page: paging.page, per_page: paging.per_page })
}

/// One account (admins, or the user themself).
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<User> {
    if actor.user_id() != Some(id) {
        actor.require_admin()?;
    }
    store.read().await?.get_user(id).await?.ok_or_else(|| Error::not_found("user", id))
}

fn username(s: &str) -> Result<String, FieldError> {
    let s = s.trim().to_lowercase();
    let ok = (3..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-@".contains(&b));
    if ok { Ok(s) } else { Err(FieldError::new("username", "invalid_username")) }
}

async fn validate<T: Tx>(tx: &mut T, input: &UserInput) -> Result<NewUser> {
    let mut p = Problems::default();
    let username = p.take_default(username(&input.username));
    let display = p.take(optional_text("display_name", &input.display_name, NAME_MAX)).flatten();
    let role = p.take(Role::parse_field("role", &input.role));
    match (role, input.unit_id) {
        (Some(Role::UnitEditor), None) => p.push(FieldError::new("unit_id", "required")),
        (_, Some(u)) if tx.get_unit(u).await?.is_none() => p.push(FieldError::new("unit_id", "unknown_unit").with("value", u)),
        _ => {}
    }
    p.finish()?;
    // The role steers a check above, so it stays optional until here.
    let role = role.unwrap_or(Role::ALL[0]);
    let display_name = display.unwrap_or_else(|| username.clone());
    Ok(NewUser { username, display_name, role, unit_id: input.unit_id, disabled: input.disabled })
}

/// Creates an account (admins, or the system on the command line).
pub async fn create<S: Store>(store: &S, actor: &Actor, input: UserInput) -> Result<Created> {
    actor.require_admin()?;
    let mut tx = store.begin().await?;
    let created = create_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(created)
}

/// Creates an account inside a larger unit of work (first start).
pub async fn create_in<T: Tx>(tx: &mut T, actor: &Actor, input: UserInput) -> Result<Created> {
    let new = validate(tx, &input).await?;
    let generated = if input.password.is_empty() { Some(random_password()?) } else { None };
    let password = generated.clone().unwrap_or_else(|| input.password.clone());
    check_password("password", &password).map_err(|e| Error::Validation(vec![e]))?;
    if tx.get_credentials(&new.username).await?.is_some() {
        return Err(Error::conflict("username", "duplicate"));
    }
    let id = tx.insert_user(&new, &hash_password(&password)?, tx.now().instant).await?;
    let user = tx.get_user(id).await?.ok_or_else(|| Error::not_found("user", id))?;
    audit::record(tx, actor, "create", "user", Some(id.to_string()), None::<&User>, Some(&user)).await?;
    Ok(Created { user, generated_password: generated })
}

/// Changes an account's name, role, unit or disabled flag. The last enabled admin cannot be
/// demoted or disabled; disabling ends the user's sessions.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: UserInput) -> Result<User> {
    actor.require_admin()?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_user(id).await?.ok_or_else(|| Error::not_found("user", id))?;
    let new = validate(&mut tx, &input).await?;
    let still_admin = new.role == Role::Admin && !new.disabled;
    if before.role == Role::Admin && !before.disabled && !still_admin {
        let admins = tx.list_users().await?.iter().filter(|u| u.role == Role::Admin && !u.disabled).count();
        if admins <= 1 {
            return Err(Error::conflict("role", "last_admin"));
        }
    }
    if !tx.update_user(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    if new.disabled {
        tx.delete_user_sessions(id).await?;
    }
    let after = tx.get_user(id).await?.ok_or_else(|| Error::not_found("user", id))?;
    audit::record(&mut tx, actor, "update", "user", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Sets a new password for a user (admins): the given one, or a generated one that is returned.
/// Ends the user's sessions and lifts any sign-in lock on the account.
pub async fn reset_password<S: Store>(store: &S, actor: &Actor, id: i64, password: Option<&str>) -> Result<Option<String>> {
    actor.require_admin()?;
    let generated = if password.is_none() { Some(random_password()?) } else { None };
    let new = password.map(str::to_string).or_else(|| generated.clone()).unwrap_or_default();
    check_password("password", &new).map_err(|e| Error::Validation(vec![e]))?;
    let hash = hash_password(&new)?;
    let mut tx = store.begin().await?;
    let user = tx.get_user(id).await?.ok_or_else(|| Error::not_found("user", id))?;
    let now = tx.now().instant;
    tx.set_password(id, &hash, now).await?;
    tx.delete_user_sessions(id).await?;
    let locks = tx.unlock_sign_in(&user.username, now).await?;
    let detail = serde_json::json!({ "locks_lifted": locks }).to_string();
    audit::record_json(&mut tx, actor, "reset_password", "user", Some(id.to_string()), None, Some(detail)).await?;
    tx.commit().await?;
    Ok(generated)
}

/// Lifts every sign-in lock on an account and forgets its failed attempts (admins); returns how
/// many locks were in force. Audited as `unlock`.
pub async fn unlock<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<u64> {
    actor.require_admin()?;
    let mut tx = store.begin().await?;
    let user = tx.get_user(id).await?.ok_or_else(|| Error::not_found("user", id))?;
    let locks = tx.unlock_sign_in(&user.username, tx.now().instant).await?;
    let detail = serde_json::json!({ "locks_lifted": locks }).to_string();
    audit::record_json(&mut tx, actor, "unlock", "user", Some(id.to_string()), None, Some(detail)).await?;
    tx.commit().await?;
    Ok(locks)
}

/// The accounts that cannot be signed in to from some address, with the end of their latest
/// lock, by username (admins). Names that no account has are included: locks are kept per name typed.
pub async fn sign_in_locks<S: Store>(store: &S, actor: &Actor) -> Result<Vec<(String, chrono::DateTime<chrono::Utc>)>> {
    actor.require_admin()?;
    let now = store.now().instant;
    store.read().await?.active_sign_in_locks(now).await
}

/// Changes the acting user's own password after checking the current one. Ends all their
/// sessions and, when `revoke_tokens` is set, revokes all their API tokens in the same
/// transaction; returns how many tokens were revoked.
pub async fn change_own_password<S: Store>(store: &S, actor: &Actor, current: &str, new: &str, revoke_tokens: bool) -> Result<u64> {
    let id = actor.user_id().ok_or(Error::Forbidden)?;
    let mut p = Problems::default();
    p.take(check_password("new_password", new));
    let user = store.read().await?.get_user(id).await?.ok_or_else(|| Error::not_found("user", id))?;
    let creds = store.read().await?.get_credentials(&user.username).await?.ok_or_else(|| Error::not_found("user", id))?;
    if !verify_password(current, &creds.password_hash) {
        p.push(FieldError::new("current_password", "wrong_password"));
    }
    p.finish()?;
    let hash = hash_password(new)?;
    let mut tx = store.begin().await?;
    let now = tx.now().instant;
    tx.set_password(id, &hash, now).await?;
    tx.delete_user_sessions(id).await?;
    let revoked = if revoke_tokens { tx.revoke_user_tokens(id, now).await? } else { 0 };
    let detail = serde_json::json!({ "tokens_revoked": revoked }).to_string();
    audit::record_json(&mut tx, actor, "change_password", "user", Some(id.to_string()), None, Some(detail)).await?;
    tx.commit().await?;
    Ok(revoked)
}

/// Finds an account by username (for the command line).
pub async fn find<S: Store>(store: &S, actor: &Actor, username: &str) -> Result<User> {
    actor.require_admin()?;
    let name = username.trim().to_lowercase();
    store.read().await?.get_credentials(&name).await?.map(|c| c.user).ok_or_else(|| Error::not_found("user", name))
}
