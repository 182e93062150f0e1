//! Resolved sign-ins kept in memory, keyed by the hash of the token or session id and checked
//! against the database's change counter: revoking a token, ending a session, disabling a user or
//! changing a role or the unit tree is a write, which raises the counter and so drops them all.
//! Times are still judged on every request (a session's end and idle limit); "last seen" and
//! "last used" are still written once a minute.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use crate::state::AppState;
use amity_core::Result;
use amity_core::auth::sign_in::{needs_touch, session_over, session_user, touch_session};
use amity_core::auth::{Principal, Session, sha256_hex, tokens};
use amity_core::store::Store;

/// At most this many sign-ins are held; past it the map is emptied (they are cheap to rebuild).
const MAX_HELD: usize = 10_000;

#[derive(Debug, Clone)]
enum Held {
    Token { counter: i64, principal: Principal, token_id: i64, last_used: Option<DateTime<Utc>> },
    Session { counter: i64, principal: Principal, session: Session },
}

/// The cache of resolved sign-ins of one server (cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct PrincipalCache(Arc<Mutex<HashMap<String, Held>>>);

impl PrincipalCache {
    fn get(&self, key: &str) -> Option<Held> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn put(&self, key: String, held: Held) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= MAX_HELD {
                map.clear();
            }
            map.insert(key, held);
        }
    }
}

/// The principal behind a bearer token; `counter` is the change counter read for this request
/// (`None`: no caching).
pub async fn token(s: &AppState, secret: &str, ip: Option<&str>, counter: Option<i64>) -> Result<Option<Principal>> {
    let Some(counter) = counter else { return tokens::token_user(&s.db, secret, ip).await };
    let cache = &s.settings.principals;
    let key = format!("token {}", sha256_hex(secret));
    let now = s.db.now().instant;
    let (principal, token_id, last_used) = match cache.get(&key) {
        Some(Held::Token { counter: c, principal, token_id, last_used }) if c == counter => (principal, token_id, last_used),
        _ => {
            let Some(t) = tokens::token_sign_in(&s.db, secret, ip).await? else { return Ok(None) };
            (t.principal, t.token_id, t.last_used_at)
        }
    };
    let mut last_used = last_used;
    if last_used.is_none_or(|at| needs_touch(at, now)) {
        tokens::touch(&s.db, token_id, now).await?;
        last_used = Some(now);
    }
    let principal = Principal { ip: ip.map(str::to_string), ..principal };
    cache.put(key, Held::Token { counter, principal: principal.clone(), token_id, last_used });
    Ok(Some(principal))
}

/// The principal and session behind a session id, as [`session_user`] answers (which it asks
/// whenever the kept session has ended by the clock, so an ended session is removed as before).
pub async fn session(s: &AppState, id: &str, ip: Option<&str>, counter: Option<i64>) -> Result<Option<(Principal, Session)>> {
    let policy = &s.settings.policy;
    let Some(counter) = counter else { return session_user(&s.db, id, ip, policy).await };
    let cache = &s.settings.principals;
    let hash = sha256_hex(id);
    let key = format!("session {hash}");
    let now = s.db.now().instant;
    let kept = match cache.get(&key) {
        Some(Held::Session { counter: c, principal, session }) if c == counter && !session_over(&session, policy, now) => {
            Some((principal, session))
        }
        _ => None,
    };
    let (principal, session) = match kept {
        Some((principal, mut session)) => {
            if needs_touch(session.last_seen_at, now) {
                touch_session(&s.db, &hash, now).await?;
                session.last_seen_at = now;
            }
            (principal, session)
        }
        None => {
            let Some((principal, mut session)) = session_user(&s.db, id, ip, policy).await? else { return Ok(None) };
            // `session_user` wrote "last seen" if it was due.
            if needs_touch(session.last_seen_at, now) {
                session.last_seen_at = now;
            }
            (principal, session)
        }
    };
    let principal = Principal { ip: ip.map(str::to_string), ..principal };
    cache.put(key, Held::Session { counter, principal: principal.clone(), session: session.clone() });
    Ok(Some((principal, session)))
}
