//! Calendar items from records other modules keep: events (at the precision planned: "2023, date to
//! be set" stays so), delegation visits, and the expiry of current agreements. Cancelled events and
//! delegations are left out.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::model::{CalendarItem, ItemKind, When};
use crate::PartialDate;
use crate::agreement::ExpiringAgreement;
use crate::delegation::{DelegationSpan, DelegationStatus};
use crate::error::Result;
use crate::event::{CalendarEvent, EventStatus};
use crate::store::Tx;

/// Items of events, delegations and agreement expiries overlapping `from..=to`.
pub async fn record_items<T: Tx>(tx: &mut T, from: NaiveDate, to: NaiveDate) -> Result<Vec<CalendarItem>> {
    let office = tx.now().office_tz;
    let events = tx.events_overlapping(from, to, false).await?;
    let delegations = tx.delegations_overlapping(from, to).await?;
    Ok(items(&events, &delegations, tx.expiring_agreements(from, to).await?, office))
}

/// The items of the records read: cancelled events and delegations left out; timed events on the
/// days they cover in the office's time zone `office`.
pub fn items(
    events: &[CalendarEvent],
    delegations: &[DelegationSpan],
    agreements: Vec<ExpiringAgreement>,
    office: Tz,
) -> Vec<CalendarItem> {
    let mut out: Vec<CalendarItem> = events.iter().filter_map(|e| event_item(e, office)).collect();
    out.extend(delegations.iter().filter_map(delegation_item));
    for a in agreements {
        let mut item = CalendarItem::new(ItemKind::AgreementExpiry, When::Day { day: a.valid_until });
        item.record_id = Some(a.agreement_id);
        item.partnership_id = Some(a.partnership_id);
        item.country = Some(a.country);
        item.unit_id = Some(a.unit_id);
        item.city_en = Some(a.city_en);
        item.city_zh = a.city_zh;
        item.title = Some(a.title);
        out.push(item);
    }
    out
}

/// When an event falls: its exact span (timed spans on the office's days, `office`), or the year or
/// month planned.
pub fn event_when(e: &CalendarEvent, office: Tz) -> When {
    match (e.starts_at, e.ends_at, &e.planned_on) {
        (Some(_), Some(_), _) if e.all_day => When::Days { start: e.first_day, end: e.last_day },
        (Some(start), Some(end), _) => When::timed(start, end, e.time_zone.clone(), office),
        (_, _, Some(PartialDate::Month(year, month))) => When::Month { year: *year, month: *month },
        (_, _, Some(PartialDate::Year(year))) => When::ToBeSet { year: *year },
        (_, _, Some(PartialDate::Day(day))) => When::Day { day: *day },
        _ => When::Days { start: e.first_day, end: e.last_day },
    }
}

fn event_item(e: &CalendarEvent, office: Tz) -> Option<CalendarItem> {
    if e.status == EventStatus::Cancelled {
        return None;
    }
    let mut item = CalendarItem::new(ItemKind::Event, event_when(e, office));
    item.record_id = Some(e.id);
    item.unit_id = Some(e.organiser_unit_id);
    item.country = e.country_code.clone();
    item.title = Some(e.title_en.clone());
    item.title_zh = Some(e.title_zh.clone()).filter(|t| !t.is_empty());
    item.public = crate::event::is_published(e.public, e.status);
    Some(item)
}

fn delegation_item(d: &DelegationSpan) -> Option<CalendarItem> {
    if d.status == DelegationStatus::Cancelled {
        return None;
    }
    let mut item = CalendarItem::new(ItemKind::Delegation, When::Days { start: d.starts_on, end: d.ends_on });
    item.record_id = Some(d.id);
    item.unit_id = Some(d.owner_unit_id);
    item.country = d.countries.first().cloned();
    item.partnership_id = d.partnership_ids.first().copied();
    item.title = Some(d.title.clone()).filter(|t| !t.is_empty());
    item.title_zh = Some(d.title_zh.clone()).filter(|t| !t.is_empty());
    Some(item)
}

/// Whether a record item prepares an occasion of `country` (or of `partnership`) whose window is `from..=to`.
pub fn prepares(item: &CalendarItem, country: Option<&str>, partnership: Option<i64>, from: NaiveDate, to: NaiveDate) -> bool {
    if !matches!(item.kind, ItemKind::Event | ItemKind::Delegation) || !item.when.overlaps(from, to) {
        return false;
    }
    (partnership.is_some() && item.partnership_id == partnership) || (country.is_some() && item.country.as_deref() == country)
}
