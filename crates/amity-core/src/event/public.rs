//! The public face of events: the list and page of public events (only what may be published),
//! and public registration, protected without a third-party CAPTCHA: a limit of submissions per
//! client address counted in the database (so several servers share it), a honeypot field, and
//! the size limits of every field.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use super::registrations::{insert, new_reference, open_event};
use super::{
    Event, EventFilter, EventKind, EventStatus, NewRegistration, PublicReceipt, PublicRegistrationInput, Registration, RegistrationSource,
    RegistrationStatus,
};
use crate::error::{Error, Result};
use crate::list::Page;
use crate::store::prelude::*;
use crate::{Actor, PartialDate, audit};

/// Submissions of the public registration form one address may make per window.
pub const PUBLIC_FORM_LIMIT: i64 = 10;
/// The window of [`PUBLIC_FORM_LIMIT`], in minutes.
pub const PUBLIC_FORM_WINDOW_MINUTES: i64 = 60;
const FORM: &str = "event_registration";

/// What the public may see of an event: no organiser notes, no report, no registrants.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicEvent {
    pub id: i64,
    pub kind: EventKind,
    pub title_en: String,
    pub title_zh: String,
    pub description: Option<String>,
    pub planned_on: Option<PartialDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "local-date-time", pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$", example = "2030-09-01T10:00:00"))]
    pub starts_local: Option<NaiveDateTime>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "local-date-time", pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$", example = "2030-09-01T10:00:00"))]
    pub ends_local: Option<NaiveDateTime>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub all_day: bool,
    pub time_zone: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub venue: Option<String>,
    pub status: EventStatus,
    /// Whether the public registration form takes registrations now.
    pub registration_open: bool,
}

impl PublicEvent {
    fn of(e: Event) -> Self {
        Self {
            registration_open: registration_open(&e),
            id: e.id,
            kind: e.kind,
            title_en: e.title_en,
            title_zh: e.title_zh,
            description: e.description,
            planned_on: e.planned_on,
            starts_local: e.starts_local,
            ends_local: e.ends_local,
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            all_day: e.all_day,
            time_zone: e.time_zone,
            first_day: e.first_day,
            last_day: e.last_day,
            venue: e.venue,
            status: e.status,
        }
    }

    /// The title in the reader's language, else the other.
    pub fn title(&self, zh: bool) -> &str {
        if (zh && !self.title_zh.is_empty()) || self.title_en.is_empty() { &self.title_zh } else { &self.title_en }
    }
}

/// Public events past the idea stage are published: the one rule of the public pages, API and
/// calendar feed (the store's `public_only` list filter says the same in SQL).
pub fn is_published(public: bool, status: EventStatus) -> bool {
    public && status != EventStatus::Idea
}

fn published(e: &Event) -> bool {
    is_published(e.public, e.status)
}

/// Planned or confirmed public events take public registrations.
fn registration_open(e: &Event) -> bool {
    e.public && matches!(e.status, EventStatus::Planned | EventStatus::Confirmed)
}

/// A page of published events, latest first.
pub async fn public_list<S: Store>(store: &S, filter: &EventFilter) -> Result<Page<PublicEvent>> {
    let mut f = filter.clone();
    f.public_only = true;
    let (items, total) = store.read().await?.list_events(&f).await?;
    let items = items.into_iter().map(PublicEvent::of).collect();
    Ok(Page { items, total, page: f.paging.page, per_page: f.paging.per_page })
}

/// One published event; any other is not found (an internal event does not exist for the public).
pub async fn public_get<S: Store>(store: &S, id: i64) -> Result<PublicEvent> {
    match store.read().await?.get_event(id).await? {
        Some(e) if published(&e) => Ok(PublicEvent::of(e)),
        _ => Err(Error::not_found("event", id)),
    }
}

/// What a public registration came to.
#[derive(Debug, Clone)]
pub enum PublicOutcome {
    /// Registered (or waiting); shown on the confirmation page. A filled honeypot also ends here,
    /// with a receipt for nothing stored, so a bot learns nothing.
    Received(PublicReceipt),
    /// Too many submissions from this address: try later.
    Throttled,
}

/// Registers a member of the public for a published event that takes registrations. Every
/// submission counts towards the address's limit (valid or not); the address is the client's as
/// the web layer resolved it (honouring `trusted_proxies`), `None` counting as one shared address.
pub async fn register_public<S: Store>(
    store: &S,
    event_id: i64,
    address: Option<&str>,
    input: PublicRegistrationInput,
) -> Result<PublicOutcome> {
    let now = store.now().instant;
    let address = address.unwrap_or("unknown");
    let mut tx = store.begin().await?;
    // Count and record under the address's lock: parallel submissions must not all see room.
    tx.lock_public_form(FORM, address).await?;
    let window = now - Duration::minutes(PUBLIC_FORM_WINDOW_MINUTES);
    let hits = tx.count_public_form_hits(FORM, address, window).await?;
    if hits >= PUBLIC_FORM_LIMIT {
        return Ok(PublicOutcome::Throttled);
    }
    tx.purge_public_form_hits(now - Duration::days(1)).await?;
    tx.record_public_form_hit(FORM, address, now).await?;
    tx.commit().await?;

    let mut tx = store.begin().await?;
    let e = match tx.get_event(event_id).await? {
        Some(e) if published(&e) => e,
        _ => return Err(Error::not_found("event", event_id)),
    };
    if !input.website.trim().is_empty() {
        let receipt = PublicReceipt { reference: new_reference()?, status: RegistrationStatus::Registered, waiting_position: None };
        return Ok(PublicOutcome::Received(receipt));
    }
    let new = NewRegistration::validate_public(&input)?;
    let e = open_event(&mut tx, e.id).await?;
    if !registration_open(&e) {
        return Err(Error::invalid("event_id", "registration_closed"));
    }
    let r = insert(&mut tx, &e, &new, RegistrationSource::Public).await?;
    audit::record(&mut tx, &Actor::Anonymous, "create", "registration", Some(r.id.to_string()), None::<&Registration>, Some(&r)).await?;
    tx.commit().await?;
    Ok(PublicOutcome::Received(PublicReceipt { reference: r.reference, status: r.status, waiting_position: r.waiting_position }))
}
