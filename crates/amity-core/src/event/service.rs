//! Use cases on events and series: list, show, create, update, delete; the calendar listing; the
//! history, the activities an event logged, participants by country.

use chrono::NaiveDate;

use super::{
    CalendarEvent, CoOrganiser, CountryCount, Event, EventFilter, EventInput, EventSeries, EventSeriesInput, EventStatus,
    EventStatusChange, NewEvent, NewEventSeries,
};
use crate::activity::{ActivityOrigin, OriginKind};
use crate::budget::BudgetSubject;
use crate::error::{Error, FieldError, Problems, Result};
use crate::list::Page;
use crate::store::prelude::*;
use crate::{Actor, PartialDate, audit};

/// A filtered page of events.
pub async fn list<S: Store>(store: &S, actor: &Actor, filter: &EventFilter) -> Result<Page<Event>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    crate::group::filter_countries(&mut tx, filter.group).await?;
    let (items, total) = tx.list_events(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}

/// One event.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Event> {
    actor.require_read()?;
    store.read().await?.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))
}

/// Events overlapping the days `from..=to` (local days at the venue), for calendars and feeds.
/// Readers of internal records get every event, anyone else only public ones that are past the idea stage.
pub async fn calendar<S: Store>(store: &S, actor: &Actor, from: NaiveDate, to: NaiveDate) -> Result<Vec<CalendarEvent>> {
    let internal = actor.require_read().is_ok();
    let items = store.read().await?.events_overlapping(from, to, !internal).await?;
    Ok(if internal { items } else { items.into_iter().filter(|e| e.status != EventStatus::Idea).collect() })
}

/// The event's changes of status, oldest first.
pub async fn history<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Vec<EventStatusChange>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    crate::transition::history(&mut tx, id).await
}

/// The activities the event logged when it was held, one per partnership.
pub async fn logged_activities<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Vec<ActivityOrigin>> {
    actor.require_read()?;
    store.read().await?.list_activity_origins(OriginKind::Event, id).await
}

/// People by country: those checked in once check-in has begun, else those holding seats.
pub async fn participants_by_country<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Vec<CountryCount>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    let checked_in = tx.event_seats(id).await?.checked_in > 0;
    tx.participants_by_country(id, checked_in).await
}

/// Seats taken, waiting and checked in (figures only, no personal data).
pub async fn seats<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<super::Seats> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    tx.event_seats(id).await
}

/// Seats taken at each of the events, for list exports (one query per 500 events; figures only,
/// no personal data). Events nobody holds a seat at are missing from the map.
pub async fn seats_taken<S: Store>(store: &S, actor: &Actor, ids: &[i64]) -> Result<std::collections::HashMap<i64, i64>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        out.extend(tx.seats_taken(chunk).await?);
    }
    Ok(out)
}

/// The organiser, co-organising units and partnerships, invited partnerships, series and fields must exist.
async fn check_references<T: Tx>(tx: &mut T, e: &NewEvent) -> Result<()> {
    let mut p = Problems::default();
    if tx.get_unit(e.organiser_unit_id).await?.is_none() {
        p.push(FieldError::new("organiser_unit_id", "unknown_unit").with("value", e.organiser_unit_id));
    }
    let (mut units, mut partners) = (0, 0);
    for c in &e.co_organisers {
        match c {
            CoOrganiser::Unit(id) => {
                if tx.get_unit(*id).await?.is_none() {
                    p.push(FieldError::new(format!("co_organiser_unit_ids[{units}]"), "unknown_unit").with("value", id));
                }
                units += 1;
            }
            CoOrganiser::Partnership(id) => {
                if tx.get_partnership(*id).await?.is_none() {
                    p.push(FieldError::new(format!("co_organiser_partnership_ids[{partners}]"), "unknown_partnership").with("value", id));
                }
                partners += 1;
            }
            CoOrganiser::Name(_) => {}
        }
    }
    let known = tx.get_partnerships(&e.invited_partnership_ids).await?;
    for (i, id) in e.invited_partnership_ids.iter().enumerate() {
        if !known.iter().any(|k| k.id == *id) {
            p.push(FieldError::new(format!("invited_partnership_ids[{i}]"), "unknown_partnership").with("value", id));
        }
    }
    if let Some(s) = e.series_id
        && tx.get_event_series(s).await?.is_none()
    {
        p.push(FieldError::new("series_id", "unknown_series").with("value", s));
    }
    let fields = tx.list_fields().await?;
    for (i, code) in e.fields.iter().enumerate() {
        if !fields.iter().any(|f| &f.code == code) {
            p.push(FieldError::new(format!("fields[{i}]"), "unknown_field").with("value", crate::validate::truncate(code, 40)));
        }
    }
    p.finish()
}

fn initial_status(s: &str) -> Result<EventStatus> {
    if s.trim().is_empty() {
        return Ok(EventStatus::Idea);
    }
    let status = EventStatus::parse_field("status", s).map_err(|e| Error::Validation(vec![e]))?;
    match status {
        EventStatus::Idea | EventStatus::Planned | EventStatus::Confirmed => Ok(status),
        _ => Err(Error::invalid("status", "use_status_action")),
    }
}

/// Creates an event (status idea, planned or confirmed) in one transaction.
pub async fn create<S: Store>(store: &S, actor: &Actor, input: EventInput) -> Result<Event> {
    let mut tx = store.begin().await?;
    let e = create_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(e)
}

/// Creates an event inside a larger unit of work (the demo, imports).
pub async fn create_in<T: Tx>(tx: &mut T, actor: &Actor, input: EventInput) -> Result<Event> {
    let status = initial_status(&input.status)?;
    let new = NewEvent::validate(&input, status)?;
    actor.require_write_unit(new.organiser_unit_id)?;
    check_references(tx, &new).await?;
    let now = tx.now();
    let id = tx.insert_event(&new, now.instant).await?;
    crate::transition::record_start(tx, actor, id, status, PartialDate::Day(now.office_today), None, now.instant).await?;
    let e = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    audit::record(tx, actor, "create", "event", Some(id.to_string()), None::<&Event>, Some(&e)).await?;
    Ok(e)
}

/// Replaces an event's details (not its status or report), refusing a stale version. A larger
/// capacity gives waiting registrations their seats, in queue order. The event is locked before
/// the seats are counted, so a registration arriving meanwhile is counted, never seated beyond
/// the new capacity.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: EventInput) -> Result<Event> {
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    if !tx.lock_event(id).await? {
        return Err(Error::not_found("event", id));
    }
    let before = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    actor.require_write_unit(before.organiser_unit_id)?;
    let new = NewEvent::validate(&input, before.status)?;
    actor.require_write_unit(new.organiser_unit_id)?;
    check_references(&mut tx, &new).await?;
    if let Some(cap) = new.capacity {
        let seats = tx.event_seats(id).await?;
        if seats.taken > cap {
            return Err(Error::Validation(vec![FieldError::new("capacity", "below_seats_taken").with("taken", seats.taken)]));
        }
    }
    if !tx.update_event(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let now = tx.now().instant;
    super::registrations::promote(&mut tx, id, new.capacity, now).await?;
    let after = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    audit::record(&mut tx, actor, "update", "event", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes an event, with its budget, that has no registrations and never took place (others are
/// cancelled instead).
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let before = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    actor.require_write_unit(before.organiser_unit_id)?;
    if before.status.took_place() || !tx.list_registrations(id).await?.is_empty() {
        return Err(Error::conflict("event", "in_use"));
    }
    tx.delete_budget_lines(BudgetSubject::Event, id).await?;
    tx.delete_event(id).await?;
    audit::record(&mut tx, actor, "delete", "event", Some(id.to_string()), Some(&before), None::<&Event>).await?;
    tx.commit().await
}

/// Every series with its number of events.
pub async fn list_series<S: Store>(store: &S, actor: &Actor) -> Result<Vec<EventSeries>> {
    actor.require_read()?;
    store.read().await?.list_event_series().await
}

/// One page of the series, by name.
pub async fn page_series<S: Store>(store: &S, actor: &Actor, paging: crate::Paging) -> Result<Page<EventSeries>> {
    actor.require_read()?;
    let (items, total) = store.read().await?.page_event_series(&paging).await?;
    Ok(Page { items, total, page: paging.page, per_page: paging.per_page })
}

/// One series.
pub async fn get_series<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<EventSeries> {
    actor.require_read()?;
    store.read().await?.get_event_series(id).await?.ok_or_else(|| Error::not_found("event_series", id))
}

/// Creates a series owned by a unit.
pub async fn create_series<S: Store>(store: &S, actor: &Actor, input: EventSeriesInput) -> Result<EventSeries> {
    let mut tx = store.begin().await?;
    let s = create_series_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(s)
}

/// Creates a series inside a larger unit of work (the demo).
pub async fn create_series_in<T: Tx>(tx: &mut T, actor: &Actor, input: EventSeriesInput) -> Result<EventSeries> {
    let new = NewEventSeries::validate(&input)?;
    actor.require_write_unit(new.owner_unit_id)?;
    if tx.get_unit(new.owner_unit_id).await?.is_none() {
        return Err(Error::Validation(vec![FieldError::new("owner_unit_id", "unknown_unit").with("value", new.owner_unit_id)]));
    }
    let id = tx.insert_event_series(&new, tx.now().instant).await?;
    let s = tx.get_event_series(id).await?.ok_or_else(|| Error::not_found("event_series", id))?;
    audit::record(tx, actor, "create", "event_series", Some(id.to_string()), None::<&EventSeries>, Some(&s)).await?;
    Ok(s)
}

/// Replaces a series' names, description and owner, refusing a stale version.
pub async fn update_series<S: Store>(store: &S, actor: &Actor, id: i64, input: EventSeriesInput) -> Result<EventSeries> {
    let new = NewEventSeries::validate(&input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let before = tx.get_event_series(id).await?.ok_or_else(|| Error::not_found("event_series", id))?;
    actor.require_write_unit(before.owner_unit_id)?;
    actor.require_write_unit(new.owner_unit_id)?;
    if tx.get_unit(new.owner_unit_id).await?.is_none() {
        return Err(Error::Validation(vec![FieldError::new("owner_unit_id", "unknown_unit").with("value", new.owner_unit_id)]));
    }
    if !tx.update_event_series(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_event_series(id).await?.ok_or_else(|| Error::not_found("event_series", id))?;
    audit::record(&mut tx, actor, "update", "event_series", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}
