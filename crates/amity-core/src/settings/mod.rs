//! The office's settings an admin changes on `/admin/settings` and through `PUT /api/v1/settings`:
//! when a partnership turns quiet and dormant (months without a done activity), how many days ahead
//! the protocol reminders look, and how long travel documents are kept after a visit. They live in
//! the database's `settings` table (so every server sharing a database uses the same values), are
//! read on every request (a change applies at once), and default to the values below until an
//! admin saves them. Saving is last-write-wins, validated (every bad field reported at once) and
//! audited with the values before and after.

mod input;
mod service;

pub use input::{SettingsInput, validate};
pub use service::{current, current_in, update};

use serde::Serialize;

/// The smallest and largest quiet and dormant periods, in months.
pub const MONTHS_RANGE: (i64, i64) = (1, 240);
/// The smallest and largest reminder lead time, in days.
pub const LEAD_RANGE: (i64, i64) = (1, 366);
/// The smallest and largest retention of travel documents, in days (0: deleted once the visit ends).
pub const RETENTION_RANGE: (i64, i64) = (0, crate::delegation::RETENTION_MAX_DAYS);

/// The office's settings as they apply now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeSettings {
    /// Months without a done activity after which a partnership is quiet (default 12).
    pub quiet_months: i64,
    /// Months without a done activity after which a partnership is dormant (default 24; more than `quiet_months`).
    pub dormant_months: i64,
    /// Days ahead the protocol calendar's reminders look (default 30).
    pub reminder_lead_days: i64,
    /// Days travel documents are kept after a visit ends (default 90); then they are deleted.
    pub travel_doc_retention_days: i64,
}
