//! What the event area needs from the database (EventStore, RegistrationStore); `amity-store` implements it for both backends.

use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Events, their series and status history.
#[async_trait]
pub trait EventStore {
    /// A page of events and the total matching the filter.
    async fn list_events(&mut self, filter: &crate::event::EventFilter) -> Result<(Vec<crate::event::Event>, i64)>;
    async fn get_event(&mut self, id: i64) -> Result<Option<crate::event::Event>>;
    async fn insert_event(&mut self, e: &crate::event::NewEvent, now: DateTime<Utc>) -> Result<i64>;
    /// Replaces everything but the status and report; `false` when `version` is not the stored one.
    async fn update_event(&mut self, id: i64, e: &crate::event::NewEvent, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when `version` is not the stored one.
    async fn set_event_status(
        &mut self,
        id: i64,
        status: crate::event::EventStatus,
        cancel_reason: Option<&str>,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// `false` when `version` is not the stored one.
    async fn set_event_report(
        &mut self,
        id: i64,
        outcomes: Option<&str>,
        notes: Option<&str>,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Takes the event's row lock until the transaction ends (registrations queue behind each other
    /// so capacity holds with several servers); `false` when there is no such event.
    async fn lock_event(&mut self, id: i64) -> Result<bool>;
    /// `false` when there was no such event (its registrations and status history go with it).
    async fn delete_event(&mut self, id: i64) -> Result<bool>;
    /// Events whose days overlap `from..=to` (local days at the venue; a planned year or month
    /// covers all its days), by first day; only public ones when `public_only`. Cancelled events are included.
    async fn events_overlapping(
        &mut self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        public_only: bool,
    ) -> Result<Vec<crate::event::CalendarEvent>>;
    /// Every series with its number of events, by name.
    async fn list_event_series(&mut self) -> Result<Vec<crate::event::EventSeries>>;
    /// One page of the series, by name, and how many there are.
    async fn page_event_series(&mut self, paging: &crate::Paging) -> Result<(Vec<crate::event::EventSeries>, i64)>;
    async fn get_event_series(&mut self, id: i64) -> Result<Option<crate::event::EventSeries>>;
    async fn insert_event_series(&mut self, s: &crate::event::NewEventSeries, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_event_series(&mut self, id: i64, s: &crate::event::NewEventSeries, version: i64, now: DateTime<Utc>) -> Result<bool>;
}

/// Registrations for events (personal data) and the public-form rate limit.
#[async_trait]
pub trait RegistrationStore {
    /// The event's registrations by name, waiting ones with their place in the queue.
    async fn list_registrations(&mut self, event_id: i64) -> Result<Vec<crate::event::Registration>>;
    /// A page of the event's registrations in the same order, and how many it has in all.
    async fn list_registrations_page(
        &mut self,
        event_id: i64,
        paging: &crate::list::Paging,
    ) -> Result<(Vec<crate::event::Registration>, i64)>;
    async fn get_registration(&mut self, id: i64) -> Result<Option<crate::event::Registration>>;
    async fn insert_registration(
        &mut self,
        event_id: i64,
        r: &crate::event::NewRegistration,
        status: crate::event::RegistrationStatus,
        source: crate::event::RegistrationSource,
        reference: &str,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// Replaces the details (not status or check-in); `false` when `version` is not the stored one.
    async fn update_registration(&mut self, id: i64, r: &crate::event::NewRegistration, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// Sets the status; `version` checks it when given (a user's change), not for promotions.
    async fn set_registration_status(
        &mut self,
        id: i64,
        status: crate::event::RegistrationStatus,
        version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Checks in (`Some(at)`) or undoes it (`None`); `false` when `version` is not the stored one.
    async fn set_check_in(&mut self, id: i64, at: Option<DateTime<Utc>>, version: i64, now: DateTime<Utc>) -> Result<bool>;
    async fn event_seats(&mut self, event_id: i64) -> Result<crate::event::Seats>;
    /// People holding seats at each of the events (figures only): (event id, seats taken); events without any are left out.
    async fn seats_taken(&mut self, event_ids: &[i64]) -> Result<Vec<(i64, i64)>>;
    /// Waiting registrations in queue order: (id, party size).
    async fn waiting_queue(&mut self, event_id: i64) -> Result<Vec<(i64, i64)>>;
    /// People by country among registrations with a seat (or, with `checked_in_only`, those checked in).
    async fn participants_by_country(&mut self, event_id: i64, checked_in_only: bool) -> Result<Vec<crate::event::CountryCount>>;
    /// People per partnership among registrations with a seat (or checked in): (partnership id, people).
    async fn participants_by_partnership(&mut self, event_id: i64, checked_in_only: bool) -> Result<Vec<(i64, i64)>>;
    /// Takes a lock on one address's submissions of a form until the transaction ends, so that
    /// counting and recording a submission cannot interleave with another server's.
    async fn lock_public_form(&mut self, form: &str, address: &str) -> Result<()>;
    /// Counts one submission of a public form from an address.
    async fn record_public_form_hit(&mut self, form: &str, address: &str, at: DateTime<Utc>) -> Result<()>;
    /// Submissions of the form from the address since `since`.
    async fn count_public_form_hits(&mut self, form: &str, address: &str, since: DateTime<Utc>) -> Result<i64>;
    /// Forgets submissions before `before`; returns how many.
    async fn purge_public_form_hits(&mut self, before: DateTime<Utc>) -> Result<u64>;
}
