//! Signing in and out, and recognising a session on later requests. Failed attempts are counted
//! in the database, so several servers agree on lock-outs and throttling.

use chrono::{DateTime, Duration, Utc};

use super::password::dummy_hash;
use super::{Principal, Role, Session, User, random_token, sha256_hex, verify_password};
use crate::error::Result;
use crate::store::prelude::*;
use crate::{Actor, audit};

/// Session and sign-in limits, from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub absolute: Duration,
    /// Failed attempts on one account within `window` that lock it for the rest of the window.
    pub account_failures: i64,
    /// Failed attempts from one address within `window` before it is throttled.
    pub address_failures: i64,
    pub window: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            idle: Duration::minutes(30),
            absolute: Duration::hours(12),
            account_failures: 5,
            address_failures: 20,
            window: Duration::minutes(15),
        }
    }
}

/// A new session: the secret id for the cookie (never stored) and its CSRF token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_id: String,
    pub csrf_token: String,
    pub user: User,
}

/// Why a sign-in was refused. The user is told only "wrong username or password" or "too many attempts".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Unknown user, wrong password, disabled or locked account (not distinguished to the user).
    BadCredentials,
    /// Too many failures from this address.
    Throttled,
}

/// Checks the credentials and opens a session. The password is verified outside any write transaction.
pub async fn sign_in<S: Store>(
    store: &S,
    username: &str,
    password: &str,
    ip: Option<&str>,
    policy: &Policy,
) -> Result<Result<SignedIn, Refused>> {
    let now = store.now().instant;
    let since = now - policy.window;
    let name = username.trim().to_lowercase();
    let (creds, user_failures, ip_failures) = {
        let mut tx = store.read().await?;
        let creds = tx.get_credentials(&name).await?;
        let uf = tx.sign_in_failures_for_user(&name, since).await?;
        let ipf = match ip {
            Some(ip) => tx.sign_in_failures_for_ip(ip, since).await?,
            None => 0,
        };
        (creds, uf, ipf)
    };
    if ip_failures >= policy.address_failures {
        return Ok(Err(Refused::Throttled));
    }
    let hash = creds.as_ref().map_or(dummy_hash(), |c| c.password_hash.as_str());
    let matches = verify_password(password, hash);
    let usable = creds.as_ref().filter(|c| !c.user.disabled && user_failures < policy.account_failures);
    let mut tx = store.begin().await?;
    match usable {
        Some(c) if matches => {
            tx.clear_sign_in_failures(&name).await?;
            let session_id = random_token(32)?;
            let csrf_token = random_token(32)?;
            let session = Session {
                id_hash: sha256_hex(&session_id),
                user_id: c.user.id,
                csrf_token: csrf_token.clone(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + policy.absolute,
                ip: ip.map(str::to_string),
            };
            tx.insert_session(&session).await?;
            let actor = Actor::User(principal(&mut tx, &c.user, ip).await?);
            audit::record_json(&mut tx, &actor, "sign_in", "user", Some(c.user.id.to_string()), None, None).await?;
            tx.commit().await?;
            Ok(Ok(SignedIn { session_id, csrf_token, user: c.user.clone() }))
        }
        _ => {
            tx.record_sign_in_failure(&name, ip, now).await?;
            let reason = match &creds {
                None => "unknown_user",
                Some(c) if c.user.disabled => "disabled",
                Some(_) if user_failures >= policy.account_failures => "locked",
                Some(_) => "wrong_password",
            };
            let detail = serde_json::json!({ "username": crate::validate::truncate(&name, 64), "reason": reason }).to_string();
            let who = Actor::System;
            audit::record_json(&mut tx, &who, "sign_in_failed", "user", creds.as_ref().map(|c| c.user.id.to_string()), None, Some(detail))
                .await?;
            tx.commit().await?;
            Ok(Err(Refused::BadCredentials))
        }
    }
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
    if session.expires_at <= now || session.last_seen_at + policy.idle <= now {
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
        let mut w = store.begin().await?;
        w.touch_session(&hash, now).await?;
        w.commit().await?;
    }
    Ok(Some((p, session)))
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
    tx.purge_sign_in_failures(now - policy.window).await?;
    tx.commit().await?;
    Ok(n)
}
