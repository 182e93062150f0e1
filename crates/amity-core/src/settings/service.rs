//! Reading and changing the office's settings. Each setting keeps its one reader (health's
//! thresholds, the reminders' lead time, the retention of travel documents), so what the settings
//! page shows is what those rules use.

use chrono::NaiveDate;

use super::{OfficeSettings, SettingsInput, validate};
use crate::calendar::{LEAD_KEY, lead_days};
use crate::delegation::RETENTION_SETTING;
use crate::delegation::documents::{purge_in, retention_days_in};
use crate::error::Result;
use crate::health::{DORMANT_KEY, QUIET_KEY, thresholds};
use crate::store::prelude::*;
use crate::{Actor, audit};

/// The settings as they apply now, inside an open unit of work.
pub async fn current_in<T: Tx>(tx: &mut T) -> Result<OfficeSettings> {
    let t = thresholds(tx).await?;
    Ok(OfficeSettings {
        quiet_months: i64::from(t.quiet_months),
        dormant_months: i64::from(t.dormant_months),
        reminder_lead_days: lead_days(tx).await?,
        travel_doc_retention_days: retention_days_in(tx).await?,
    })
}

/// The settings as they apply now (anyone who reads records).
pub async fn current<S: Store>(store: &S, actor: &Actor) -> Result<OfficeSettings> {
    actor.require_read()?;
    current_in(&mut store.read().await?).await
}

/// Saves the settings (admins): every one validated first, nothing written when one is refused;
/// one transaction that writes them, audits the values before and after, and deletes the travel
/// documents a shorter retention makes overdue. The last save wins.
pub async fn update<S: Store>(store: &S, actor: &Actor, input: &SettingsInput, today: NaiveDate) -> Result<OfficeSettings> {
    actor.require_admin()?;
    let after = validate(input)?;
    let mut tx = store.begin().await?;
    let before = current_in(&mut tx).await?;
    let now = tx.now().instant;
    let values = [
        (QUIET_KEY, after.quiet_months),
        (DORMANT_KEY, after.dormant_months),
        (LEAD_KEY, after.reminder_lead_days),
        (RETENTION_SETTING, after.travel_doc_retention_days),
    ];
    for (key, value) in values {
        tx.set_setting(key, &value.to_string(), now).await?;
    }
    audit::record(&mut tx, actor, "update", "settings", None, Some(&before), Some(&after)).await?;
    purge_in(&mut tx, today).await?;
    tx.commit().await?;
    Ok(after)
}
