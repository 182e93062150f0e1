//! Erasure on request: a person's account data is replaced by placeholders, and the same data is
//! redacted wherever the audit log holds it. The erasure is itself audited (without the data).

use serde_json::Value;

use super::{NewUser, Role};
use crate::audit::AuditEntry;
use crate::error::{Error, Result};
use crate::store::prelude::*;
use crate::{Actor, audit};

/// What replaces erased text.
pub const ERASED: &str = "[erased]";

/// What an erasure did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    /// Audit entries in which the person's data was redacted.
    pub redacted_entries: usize,
}

/// Replaces every string equal to one of `needles` (anywhere in the JSON) with [`ERASED`].
pub fn redact_json(text: &str, needles: &[&str]) -> String {
    fn walk(v: &mut Value, needles: &[&str]) {
        match v {
            Value::String(s) if needles.iter().any(|n| !n.is_empty() && s == n) => *s = ERASED.to_string(),
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, needles)),
            Value::Object(o) => o.values_mut().for_each(|x| walk(x, needles)),
            _ => {}
        }
    }
    match serde_json::from_str::<Value>(text) {
        Ok(mut v) => {
            walk(&mut v, needles);
            v.to_string()
        }
        // Not JSON: redact the plain occurrences.
        Err(_) => needles.iter().filter(|n| !n.is_empty()).fold(text.to_string(), |t, n| t.replace(n, ERASED)),
    }
}

fn redacted(e: &AuditEntry, user_id: i64, placeholder: &str, needles: &[&str]) -> Option<AuditEntry> {
    let mut r = e.clone();
    if e.user_id == Some(user_id) {
        r.actor = placeholder.to_string();
        r.ip = None;
    }
    r.before = e.before.as_deref().map(|t| redact_json(t, needles));
    r.after = e.after.as_deref().map(|t| redact_json(t, needles));
    (r.actor != e.actor || r.ip != e.ip || r.before != e.before || r.after != e.after).then_some(r)
}

/// Erases a user's personal data (admins): the account keeps its id but loses its name, is
/// disabled, its sessions end and its tokens are revoked; every audit entry holding the name
/// or made by the user is redacted; one `erase` entry records that this happened.
pub async fn erase_user<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Erased> {
    actor.require_admin()?;
    if actor.user_id() == Some(id) {
        return Err(Error::conflict("user", "erase_self"));
    }
    let now = store.now().instant;
    let mut tx = store.begin().await?;
    let user = tx.get_user(id).await?.ok_or_else(|| Error::not_found("user", id))?;
    if user.role == Role::Admin && !user.disabled {
        let admins = tx.list_users().await?.iter().filter(|u| u.role == Role::Admin && !u.disabled).count();
        if admins <= 1 {
            return Err(Error::conflict("role", "last_admin"));
        }
    }
    let placeholder = format!("erased-{id}");
    let needles = [user.username.as_str(), user.display_name.as_str()];
    let entries = tx.audit_mentioning(id, &user.username).await?;
    let by = actor.label().to_string();
    let mut count = 0;
    for e in &entries {
        if let Some(r) = redacted(e, id, &placeholder, &needles) {
            tx.redact_audit(&r, &by, "erasure on request", now).await?;
            count += 1;
        }
    }
    let new =
        NewUser { username: placeholder.clone(), display_name: ERASED.into(), role: user.role, unit_id: user.unit_id, disabled: true };
    if !tx.update_user(id, &new, user.version, now).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    tx.delete_user_sessions(id).await?;
    tx.revoke_user_tokens(id, now).await?;
    tx.clear_sign_in_failures(&user.username).await?;
    let detail = serde_json::json!({ "redacted_entries": count }).to_string();
    audit::record_json(&mut tx, actor, "erase", "user", Some(id.to_string()), None, Some(detail)).await?;
    tx.commit().await?;
    Ok(Erased { redacted_entries: count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_redacted_wherever_they_stand_in_the_json() {
        let t = r#"{"username":"wang.fang","display_name":"Wang Fang","role":"viewer","notes":["Wang Fang"],"n":3}"#;
        let r = redact_json(t, &["wang.fang", "Wang Fang"]);
        assert!(!r.contains("wang.fang") && !r.contains("Wang Fang"), "{r}");
        assert!(r.contains("\"role\":\"viewer\"") && r.contains("\"n\":3"));
        assert_eq!(redact_json("plain wang.fang text", &["wang.fang"]), "plain [erased] text");
    }
}
