//! Lead-time reminders: national days and round anniversaries coming up within the office's lead
//! time, each marked prepared when something is planned or done around it ("National day of Trinidad
//! and Tobago in 14 days — nothing planned").

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::model::{CalendarItem, ItemKind};
use super::service::compute_in;
use crate::Actor;
use crate::error::Result;
use crate::store::{Store, Tx};

/// Setting key: days ahead the reminders look (default 30).
pub const LEAD_KEY: &str = "calendar.lead_days";
/// The default lead time.
pub const DEFAULT_LEAD_DAYS: i64 = 30;
/// Something planned or done from this long before an occasion counts as preparing for it …
const BEFORE: Duration = Duration::days(45);
/// … or up to this long after it.
const AFTER: Duration = Duration::days(7);

/// One occasion coming up.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reminder {
    pub item: CalendarItem,
    /// Days from today to the occasion's first possible day (0 once a year or month known only as
    /// such has begun: its reminder then reads "in 2028", not a count of days).
    pub days_until: i64,
    /// Whether an activity (planned or done) or an event for the country or partnership lies around it.
    pub prepared: bool,
}

/// Whether an occasion is one to remind of from `today` with the lead time ending `until`: a dated
/// one whose day lies ahead within the lead time; one known only by its year or month from the lead
/// time before that period until the period's end ("in 2028" all through 2028, never "in N days"
/// counted to 1 January, never gone while the period lasts).
fn is_coming(when: &super::When, today: NaiveDate, until: NaiveDate) -> bool {
    use super::When;
    match when {
        When::Year { .. } | When::Month { .. } => when.last_day() >= today && when.first_day() <= until,
        _ => when.first_day() >= today && when.first_day() <= until,
    }
}

/// The office's lead time in days (1–366).
pub async fn lead_days<T: Tx>(tx: &mut T) -> Result<i64> {
    let v = tx.get_setting(LEAD_KEY).await?;
    Ok(v.and_then(|s| s.trim().parse().ok()).filter(|n| (1..=366).contains(n)).unwrap_or(DEFAULT_LEAD_DAYS))
}

/// The occasions of the coming lead time, soonest first, unprepared ones included and marked.
pub async fn upcoming<S: Store>(store: &S, actor: &Actor, today: NaiveDate) -> Result<Vec<Reminder>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    upcoming_in(&mut tx, today).await
}

/// [`upcoming`] inside an open unit of work.
pub async fn upcoming_in<T: Tx>(tx: &mut T, today: NaiveDate) -> Result<Vec<Reminder>> {
    let lead = lead_days(tx).await?;
    let until = today + Duration::days(lead);
    let occasions: Vec<CalendarItem> = compute_in(tx, today, until)
        .await?
        .into_iter()
        .filter(|i| matches!(i.kind, ItemKind::NationalDay | ItemKind::PartnershipAnniversary | ItemKind::DiplomaticAnniversary))
        .filter(|i| !matches!(i.when, super::When::ToBeSet { .. }))
        .filter(|i| is_coming(&i.when, today, until))
        .collect();
    if occasions.is_empty() {
        return Ok(Vec::new());
    }
    let latest = occasions.iter().map(|i| i.when.last_day()).max().unwrap_or(until);
    let spans = tx.activity_spans(today - BEFORE, latest + AFTER).await?;
    let records = super::records::record_items(tx, today - BEFORE, latest + AFTER).await?;
    let mut out: Vec<Reminder> = occasions
        .into_iter()
        .map(|item| {
            let (from, to) = (item.when.first_day() - BEFORE, item.when.last_day() + AFTER);
            let (country, partnership) = match item.kind {
                ItemKind::PartnershipAnniversary => (None, item.partnership_id),
                _ => (item.country.as_deref(), None),
            };
            let by_activity = spans.iter().filter(|s| s.first_day <= to && s.last_day >= from).any(|s| match partnership {
                Some(p) => p == s.partnership_id,
                None => country == Some(s.country.as_str()),
            });
            let prepared = by_activity || records.iter().any(|r| super::records::prepares(r, country, partnership, from, to));
            let days_until = (item.when.first_day() - today).num_days().max(0);
            Reminder { item, days_until, prepared }
        })
        .collect();
    out.sort_by_key(|r| (r.days_until, r.item.kind));
    Ok(out)
}
