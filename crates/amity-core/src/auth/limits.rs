//! The sign-in limits (OWASP ASVS 2.2): when an attempt is refused unchecked, and when failures
//! lock an account. Three counts, all over the last `window`, all in the database:
//!
//! - failures on one account **from one address** (default 5) lock that address out of that
//!   account for `lock` (15 minutes): one attacker cannot lock the account for anyone else;
//! - failures on one account **from every address together** (default 20) lock the account for
//!   everyone for `lock`: a guess spread over many addresses still stops;
//! - failures **from one address** on any accounts (default 20) throttle the address (429).
//!
//! Attempts during a lock are refused without checking the password and are not counted, so a
//! lock is never extended; failures before a lock ended no longer count once it has. Locks are
//! kept per submitted username whether or not such a user exists, so an unknown name is answered
//! exactly like a known one. An admin's unlock or password reset removes them.

use chrono::{DateTime, Duration, Utc};

use crate::error::Result;
use crate::store::prelude::*;

/// The lock key that stands for every address (the account limit).
pub const EVERY_ADDRESS: &str = "*";

/// Session and sign-in limits, from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub absolute: Duration,
    /// Failures on one account from one address within `window` that lock that address out of it.
    pub address_account_failures: i64,
    /// Failures on one account from all addresses within `window` that lock it for everyone.
    pub account_failures: i64,
    /// Failures from one address (on any accounts) within `window` before it is throttled.
    pub address_failures: i64,
    /// How far back failures count.
    pub window: Duration,
    /// How long a lock lasts.
    pub lock: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            idle: Duration::minutes(30),
            absolute: Duration::hours(12),
            address_account_failures: 5,
            account_failures: 20,
            address_failures: 20,
            window: Duration::minutes(15),
            lock: Duration::minutes(15),
        }
    }
}

/// Why an attempt is refused before its password is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Barred {
    /// The account is locked (for this address, or for all) until then.
    Locked(DateTime<Utc>),
    /// Too many failures from this address; it may try again after this long.
    Throttled(Duration),
}

/// Decides whether an attempt may be checked. Pending attempts (reserved but not yet checked)
/// count as failures, so parallel attempts cannot go past a limit; reaching one here sets the lock.
pub async fn bar<T: Tx>(tx: &mut T, name: &str, ip: Option<&str>, now: DateTime<Utc>, p: &Policy) -> Result<Option<Barred>> {
    let key = ip.unwrap_or("");
    let account_lock = tx.sign_in_lock(name, EVERY_ADDRESS).await?;
    let address_lock = tx.sign_in_lock(name, key).await?;
    if let Some(until) = [account_lock, address_lock].into_iter().flatten().filter(|u| *u > now).max() {
        return Ok(Some(Barred::Locked(until)));
    }
    if let Some(ip) = ip
        && tx.sign_in_failures_for_ip(ip, now - p.window).await? >= p.address_failures
    {
        return Ok(Some(Barred::Throttled(p.window)));
    }
    Ok(lock_if_over(tx, name, ip, now, p).await?.map(Barred::Locked))
}

/// Locks the account (for the address, or for all) when its failures have reached a limit;
/// returns the end of the lock then in force.
pub async fn lock_if_over<T: Tx>(
    tx: &mut T,
    name: &str,
    ip: Option<&str>,
    now: DateTime<Utc>,
    p: &Policy,
) -> Result<Option<DateTime<Utc>>> {
    let key = ip.unwrap_or("");
    let start = now - p.window;
    let since = |lock: Option<DateTime<Utc>>| lock.map_or(start, |l| l.max(start));
    let from_here_since = since(tx.sign_in_lock(name, key).await?);
    let from_all_since = since(tx.sign_in_lock(name, EVERY_ADDRESS).await?);
    let scope = if tx.sign_in_failures_for_user(name, from_all_since).await? >= p.account_failures {
        EVERY_ADDRESS
    } else if tx.sign_in_failures_for_user_ip(name, ip, from_here_since).await? >= p.address_account_failures {
        key
    } else {
        return Ok(None);
    };
    Ok(Some(tx.lock_sign_in(name, scope, now + p.lock, now).await?))
}
