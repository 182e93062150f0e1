//! Use cases on registrations (personal data): list, register (a seat or the waiting list),
//! change details, confirm, cancel (the next in the queue moves up), check in on the day.

use chrono::{DateTime, Utc};

use super::{Event, EventStatus, NewRegistration, Registration, RegistrationInput, RegistrationSource, RegistrationStatus};
use crate::error::{Error, FieldError, Result};
use crate::list::{Page, Paging};
use crate::store::prelude::*;
use crate::{Actor, audit};

/// Letters and digits people read back without confusion (no 0/O, 1/I/L).
const REFERENCE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A new registration reference, e.g. `EV-7K3M9QXA`.
pub fn new_reference() -> Result<String> {
    let mut buf = [0u8; 8];
    getrandom::fill(&mut buf).map_err(|e| Error::Internal(format!("no randomness: {e}")))?;
    let code: String = buf.iter().map(|b| REFERENCE_ALPHABET[usize::from(*b) % REFERENCE_ALPHABET.len()] as char).collect();
    Ok(format!("EV-{code}"))
}

/// All the event's registrations, by name (readers of personal data): for the exports, sign-in sheet and badges.
pub async fn list<S: Store>(store: &S, actor: &Actor, event_id: i64) -> Result<Vec<Registration>> {
    actor.require_read()?;
    actor.require_personal()?;
    let mut tx = store.read().await?;
    tx.get_event(event_id).await?.ok_or_else(|| Error::not_found("event", event_id))?;
    tx.list_registrations(event_id).await
}

/// A page of the event's registrations, by name (readers of personal data).
pub async fn page<S: Store>(store: &S, actor: &Actor, event_id: i64, paging: Paging) -> Result<Page<Registration>> {
    actor.require_read()?;
    actor.require_personal()?;
    let mut tx = store.read().await?;
    tx.get_event(event_id).await?.ok_or_else(|| Error::not_found("event", event_id))?;
    let (items, total) = tx.list_registrations_page(event_id, &paging).await?;
    Ok(Page { items, total, page: paging.page, per_page: paging.per_page })
}

/// One registration.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Registration> {
    actor.require_read()?;
    actor.require_personal()?;
    store.read().await?.get_registration(id).await?.ok_or_else(|| Error::not_found("registration", id))
}

/// The event, refusing registrations for a cancelled one.
pub(crate) async fn open_event<T: Tx>(tx: &mut T, event_id: i64) -> Result<Event> {
    if !tx.lock_event(event_id).await? {
        return Err(Error::not_found("event", event_id));
    }
    let e = tx.get_event(event_id).await?.ok_or_else(|| Error::not_found("event", event_id))?;
    if e.status == EventStatus::Cancelled {
        return Err(Error::invalid("event_id", "event_cancelled"));
    }
    Ok(e)
}

/// Whether a party of `size` gets a seat now: there is room and nobody is queued before it.
async fn seat_for<T: Tx>(tx: &mut T, e: &Event, size: i64) -> Result<RegistrationStatus> {
    let Some(cap) = e.capacity else { return Ok(RegistrationStatus::Registered) };
    let seats = tx.event_seats(e.id).await?;
    Ok(if seats.waiting == 0 && seats.taken + size <= cap { RegistrationStatus::Registered } else { RegistrationStatus::Waiting })
}

/// Inserts a registration with a seat or on the waiting list (the event must be locked and open).
pub(crate) async fn insert<T: Tx>(tx: &mut T, e: &Event, r: &NewRegistration, source: RegistrationSource) -> Result<Registration> {
    if let Some(p) = r.partnership_id
        && tx.get_partnership(p).await?.is_none()
    {
        return Err(Error::Validation(vec![FieldError::new("partnership_id", "unknown_partnership").with("value", p)]));
    }
    let status = seat_for(tx, e, r.party_size).await?;
    let id = tx.insert_registration(e.id, r, status, source, &new_reference()?, tx.now().instant).await?;
    tx.get_registration(id).await?.ok_or_else(|| Error::not_found("registration", id))
}

/// Registers a person or delegation: a seat while there is room, else the waiting list (not an
/// error: the registration shows its place). A cancelled event takes no registrations.
pub async fn register<S: Store>(store: &S, actor: &Actor, event_id: i64, input: RegistrationInput) -> Result<Registration> {
    actor.require_personal()?;
    let new = NewRegistration::validate(&input)?;
    let mut tx = store.begin().await?;
    let e = open_event(&mut tx, event_id).await?;
    actor.require_write_unit(e.organiser_unit_id)?;
    let r = insert(&mut tx, &e, &new, RegistrationSource::Staff).await?;
    audit::record(&mut tx, actor, "create", "registration", Some(r.id.to_string()), None::<&Registration>, Some(&r)).await?;
    tx.commit().await?;
    Ok(r)
}

/// Loads a registration and its event for a change by `actor`, the event locked first: the
/// registration is read again under the lock, so a promotion or a cancellation committed while
/// this change waited is what the change sees.
async fn for_change<T: Tx>(tx: &mut T, actor: &Actor, id: i64) -> Result<(Registration, Event)> {
    actor.require_personal()?;
    let event_id = tx.get_registration(id).await?.ok_or_else(|| Error::not_found("registration", id))?.event_id;
    tx.lock_event(event_id).await?;
    let r = tx.get_registration(id).await?.ok_or_else(|| Error::not_found("registration", id))?;
    let e = tx.get_event(r.event_id).await?.ok_or_else(|| Error::not_found("event", r.event_id))?;
    actor.require_write_unit(e.organiser_unit_id)?;
    Ok((r, e))
}

/// Replaces a registration's details (not its status). A party that grows past the free seats is refused.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: RegistrationInput) -> Result<Registration> {
    let new = NewRegistration::validate(&input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let (before, e) = for_change(&mut tx, actor, id).await?;
    if let Some(p) = new.partnership_id
        && tx.get_partnership(p).await?.is_none()
    {
        return Err(Error::Validation(vec![FieldError::new("partnership_id", "unknown_partnership").with("value", p)]));
    }
    if !tx.update_registration(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    if let Some(cap) = e.capacity
        && before.status.has_seat()
        && tx.event_seats(e.id).await?.taken > cap
    {
        return Err(Error::invalid("party_size", "over_capacity"));
    }
    let now = tx.now().instant;
    promote(&mut tx, e.id, e.capacity, now).await?;
    let after = tx.get_registration(id).await?.ok_or_else(|| Error::not_found("registration", id))?;
    audit::record(&mut tx, actor, "update", "registration", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Confirms, cancels or reinstates a registration. Confirming needs a seat; reinstating a
/// cancelled one queues it again (a seat if free, else the waiting list); cancelling frees its
/// seats for the waiting list, in queue order.
pub async fn set_status<S: Store>(store: &S, actor: &Actor, id: i64, status: &str, version: Option<i64>) -> Result<Registration> {
    let to = RegistrationStatus::parse_field("status", status).map_err(|e| Error::Validation(vec![e]))?;
    let version = version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let (before, e) = for_change(&mut tx, actor, id).await?;
    let now = tx.now().instant;
    let target = match (before.status, to) {
        (RegistrationStatus::Registered, RegistrationStatus::Confirmed) => to,
        (RegistrationStatus::Waiting, RegistrationStatus::Confirmed) => return Err(Error::invalid("status", "no_seat_yet")),
        (from, RegistrationStatus::Cancelled) if from != RegistrationStatus::Cancelled => to,
        (RegistrationStatus::Cancelled, RegistrationStatus::Registered) => {
            if e.status == EventStatus::Cancelled {
                return Err(Error::invalid("event_id", "event_cancelled"));
            }
            seat_for(&mut tx, &e, before.party_size).await?
        }
        (RegistrationStatus::Confirmed, RegistrationStatus::Registered) => to,
        _ => return Err(Error::invalid("status", "illegal_registration_change")),
    };
    if !tx.set_registration_status(id, target, Some(version), now).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    promote(&mut tx, e.id, e.capacity, now).await?;
    let after = tx.get_registration(id).await?.ok_or_else(|| Error::not_found("registration", id))?;
    audit::record(&mut tx, actor, "status", "registration", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Checks a registration in on the day (or undoes a check-in); it must hold a seat.
pub async fn check_in<S: Store>(store: &S, actor: &Actor, id: i64, checked_in: bool, version: Option<i64>) -> Result<Registration> {
    let version = version.ok_or_else(|| Error::invalid("version", "required"))?;
    let mut tx = store.begin().await?;
    let (before, e) = for_change(&mut tx, actor, id).await?;
    if e.status == EventStatus::Cancelled {
        return Err(Error::invalid("event_id", "event_cancelled"));
    }
    if !before.status.has_seat() {
        return Err(Error::invalid("status", "check_in_needs_seat"));
    }
    let now = tx.now().instant;
    let at: Option<DateTime<Utc>> = checked_in.then_some(now);
    if !tx.set_check_in(id, at, version, now).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_registration(id).await?.ok_or_else(|| Error::not_found("registration", id))?;
    audit::record(&mut tx, actor, "check_in", "registration", Some(id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Gives waiting registrations seats in queue order while the next one fits (the queue is never
/// jumped: a large party at the head waits until it fits).
pub(crate) async fn promote<T: Tx>(tx: &mut T, event_id: i64, capacity: Option<i64>, now: DateTime<Utc>) -> Result<()> {
    let mut taken = tx.event_seats(event_id).await?.taken;
    for (id, size) in tx.waiting_queue(event_id).await? {
        if capacity.is_some_and(|cap| taken + size > cap) {
            break;
        }
        tx.set_registration_status(id, RegistrationStatus::Registered, None, now).await?;
        taken += size;
    }
    Ok(())
}
