//! The ranges a setting's value must lie in, checked once every layer is merged; an error names
//! the setting and its range.

use anyhow::{Result, bail};

use super::Config;

/// Refuses the first setting outside its range.
pub(super) fn check(c: &Config) -> Result<()> {
    if !(1..=24 * 60).contains(&c.session_idle_minutes) {
        bail!("session_idle_minutes must be between 1 and 1440");
    }
    if !(1..=24 * 30).contains(&c.session_max_hours) {
        bail!("session_max_hours must be between 1 and 720");
    }
    if !(1..=24 * 60).contains(&c.sign_in_lock_minutes) {
        bail!("sign_in_lock_minutes must be between 1 and 1440");
    }
    let limits = [
        ("sign_in_failures_per_address_and_account", c.sign_in_failures_per_address_and_account),
        ("sign_in_failures_per_account", c.sign_in_failures_per_account),
        ("sign_in_failures_per_address", c.sign_in_failures_per_address),
    ];
    for (name, n) in limits {
        if !(1..=10_000).contains(&n) {
            bail!("{name} must be between 1 and 10000");
        }
    }
    if c.digest_hour > 23 {
        bail!("digest_hour must be between 0 and 23");
    }
    if !(1..=86_400).contains(&c.digest_check_seconds) {
        bail!("digest_check_seconds must be between 1 and 86400");
    }
    if c.cache_megabytes > 64 * 1024 {
        bail!("cache_megabytes must be between 0 (no cache) and 65536");
    }
    Ok(())
}
