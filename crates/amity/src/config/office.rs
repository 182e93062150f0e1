//! The office's settings (health thresholds, reminder lead time, retention of travel documents) are
//! not settings of a server: they are kept in the database, so every server sharing it uses the same
//! values, and an admin changes them on `/admin/settings` or with `PUT /api/v1/settings`. Naming one
//! as a server setting is refused with that hint rather than silently ignored.

use anyhow::{Result, bail};

/// The office's settings, by their names in the settings page and the API.
pub(super) const OFFICE_KEYS: [&str; 4] = ["quiet_months", "dormant_months", "reminder_lead_days", "travel_doc_retention_days"];

/// Where an office setting is changed instead.
pub(super) const HINT: &str = "an office setting, kept in the database so every server uses the same value: an admin changes it on /admin/settings or with PUT /api/v1/settings";

/// Refuses an office setting given to `--set`.
pub(super) fn refuse_flag(key: &str) -> Result<()> {
    if OFFICE_KEYS.contains(&key) {
        bail!("--set {key}: {HINT}");
    }
    Ok(())
}

/// The hint for an unknown field of the configuration file that is an office setting.
pub(super) fn hint(field: &str) -> Option<&'static str> {
    OFFICE_KEYS.contains(&field).then_some(HINT)
}
