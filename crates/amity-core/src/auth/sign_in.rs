//! Signing in and out, and recognising a session on later requests. Failed attempts are counted
//! in the database, so several servers agree on lock-outs and throttling.

use chrono::{DateTime, Duration, Utc};

use super::limits::{self, Barred};
use super::password::dummy_hash;
use super::{Principal, Role, Session, User, random_token, sha256_hex, verify_password};
use crate::error::Result;
use crate::store::prelude::*;
use crate::{Actor, audit};

pub use super::limits::{EVERY_ADDRESS, Policy};

/// A new session: the secret id for the cookie (never stored) and its CSRF token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_id: String,
    pub csrf_token: String,
    pub user: User,
}

/// Why a sign-in was refused. An unknown username is answered exactly like a known one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Unknown user, wrong password or disabled account (not distinguished to the user);
    /// `locked_until` is set when this failure reached a limit and locked the account.
    BadCredentials { locked_until: Option<DateTime<Utc>> },
    /// The account is locked (for this address, or for all) until then; the password was not checked.
    Locked { until: DateTime<Utc> },
    /// Too many failures from this address; try again after this long.
    Throttled { retry_after: Duration },
}

/// Checks the credentials and opens a session. The attempt is first reserved (recorded as a
/// failure) in a write transaction that counts and decides in one step, so parallel attempts
/// queue there and none goes past a limit; the password is then verified outside any
/// transaction, and the reservation is deleted if it was right.
pub async fn sign_in<S: Store>(
    store: &S,
    username: &str,
    password: &str,
    ip: Option<&str>,
    policy: &Policy,
) -> Result<Result<SignedIn, Refused>> {
    let now = store.now().instant;
    let name = username.trim().to_lowercase();
    let (reservation, creds) = {
        let mut tx = store.begin().await?;
        tx.serialize_sign_ins().await?;
        if let Some(barred) = limits::bar(&mut tx, &name, ip, now, policy).await? {
            let (reason, refused) = match barred {
                Barred::Locked(until) => ("locked", Refused::Locked { until }),
                Barred::Throttled(retry_after) => ("throttled", Refused::Throttled { retry_after }),
            };
            let user_id = tx.get_credentials(&name).await?.map(|c| c.user.id);
            audit_failure(&mut tx, &name, user_id, reason).await?;
            tx.commit().await?;
            return Ok(Err(refused));
        }
        let id = tx.record_sign_in_failure(&name, ip, now).await?;
        let creds = tx.get_credentials(&name).await?;
        tx.commit().await?;
        (id, creds)
    };
    let hash = creds.as_ref().map_or(dummy_hash(), |c| c.password_hash.as_str());
    let matches = verify_password(password, hash);
    let mut tx = store.begin().await?;
    tx.serialize_sign_ins().await?;
    match creds.as_ref().filter(|c| !c.user.disabled) {
        Some(c) if matches => {
            tx.delete_sign_in_failure(reservation).await?;
            tx.clear_sign_in_failures_from(&name, ip).await?;
            let signed = open_session(&mut tx, &c.user, ip, now, policy).await?;
            tx.commit().await?;
            Ok(Ok(signed))
        }
        _ => {
            let reason = match &creds {
                None => "unknown_user",
                Some(c) if c.user.disabled => "disabled",
                Some(_) => "wrong_password",
            };
            let locked_until = limits::lock_if_over(&mut tx, &name, ip, now, policy).await?;
            audit_failure(&mut tx, &name, creds.as_ref().map(|c| c.user.id), reason).await?;
            tx.commit().await?;
            Ok(Err(Refused::BadCredentials { locked_until }))
        }
    }
}

async fn open_session<T: Tx>(tx: &mut T, user: &User, ip: Option<&str>, now: DateTime<Utc>, policy: &Policy) -> Result<SignedIn> {
    let session_id = random_token(32)?;
    let csrf_token = random_token(32)?;
    let session = Session {
        id_hash: sha256_hex(&session_id),
        user_id: user.id,
        csrf_token: csrf_token.clone(),
        created_at: now,
        last_seen_at: now,
        expires_at: now + policy.absolute,
        ip: ip.map(str::to_string),
    };
    tx.insert_session(&session).await?;
    let actor = Actor::User(principal(tx, user, ip).await?);
    audit::record_json(tx, &actor, "sign_in", "user", Some(user.id.to_string()), None, None).await?;
    Ok(SignedIn { session_id, csrf_token, user: user.clone() })
}

async fn audit_failure<T: Tx>(tx: &mut T, name: &str, user_id: Option<i64>, reason: &str) -> Result<()> {
    let detail = serde_json::json!({ "username": crate::validate::truncate(name, 64), "reason": reason }).to_string();
    audit::record_json(tx, &Actor::System, "sign_in_failed", "user", user_id.map(|id| id.to_string()), None, Some(detail)).await
}

/// The user behind a session cookie, if the session is live; refreshes its last use.
pub async fn session_user<S: Store>(
    store: &S,
    session_id: &str,
    ip: Option<&str>,
    policy: &Policy,
) -> Result<Option<(Principal, Session)>> {
    let now = store.now().instant;
    let hash = sha256_hex(session_id);
    let mut tx = store.read().await?;
    let Some(session) = tx.get_session(&hash).await? else { return Ok(None) };
    if session_over(&session, policy, now) {
        drop(tx);
        let mut w = store.begin().await?;
        w.delete_session(&hash).await?;
        w.commit().await?;
        return Ok(None);
    }
    let Some(user) = tx.get_user(session.user_id).await?.filter(|u| !u.disabled) else { return Ok(None) };
    let p = principal(&mut tx, &user, ip).await?;
    drop(tx);
    if needs_touch(session.last_seen_at, now) {
        touch_session(store, &hash, now).await?;
    }
    Ok(Some((p, session)))
}

/// Whether a session has ended at `now`: past its end, or idle for longer than the policy allows.
pub fn session_over(session: &Session, policy: &Policy, now: DateTime<Utc>) -> bool {
    session.expires_at <= now || session.last_seen_at + policy.idle <= now
}

/// Records that the session with this id hash was seen at `now` (callers spare this when the last
/// record is under a minute old: [`needs_touch`]).
pub async fn touch_session<S: Store>(store: &S, id_hash: &str, now: DateTime<Utc>) -> Result<()> {
    let mut w = store.begin().await?;
    // "Last seen" is bookkeeping: it leaves cached answers current.
    w.bookkeeping_only();
    w.touch_session(id_hash, now).await?;
    w.commit().await
}

/// Writes of "last seen" are spared when the previous one is under a minute old.
pub fn needs_touch(last: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last >= Duration::seconds(60)
}

/// Ends a session.
pub async fn sign_out<S: Store>(store: &S, actor: &Actor, session_id: &str) -> Result<()> {
    let mut tx = store.begin().await?;
    tx.delete_session(&sha256_hex(session_id)).await?;
    if let Some(id) = actor.user_id() {
        audit::record_json(&mut tx, actor, "sign_out", "user", Some(id.to_string()), None, None).await?;
    }
    tx.commit().await
}

/// The principal of a user: for unit editors, their unit and every unit below it.
pub async fn principal<T: UnitStore + Send>(tx: &mut T, user: &User, ip: Option<&str>) -> Result<Principal> {
    let scope = match (user.role, user.unit_id) {
        (Role::UnitEditor, Some(root)) => {
            let units = tx.list_units().await?;
            let mut scope = vec![root];
            let mut i = 0;
            while i < scope.len() {
                let parent = scope[i];
                scope.extend(units.iter().filter(|u| u.parent_id == Some(parent)).map(|u| u.id));
                i += 1;
            }
            scope
        }
        _ => Vec::new(),
    };
    Ok(Principal {
        user_id: user.id,
        username: user.username.clone(),
        role: user.role,
        unit_id: user.unit_id,
        scope,
        ip: ip.map(str::to_string),
    })
}

/// Removes ended sessions and sign-in failures that no longer count (run now and then by any
/// server; running it twice at once is harmless).
pub async fn purge<S: Store>(store: &S, policy: &Policy) -> Result<u64> {
    let now = store.now().instant;
    let mut tx = store.begin().await?;
    let n = tx.purge_sessions(now, now - policy.idle).await?;
    // A lock that ended within the window still marks where its failures stop counting.
    tx.purge_sign_in_failures(now - policy.window.max(policy.lock)).await?;
    tx.commit().await?;
    Ok(n)
}
