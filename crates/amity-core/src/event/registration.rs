//! What a registration for an event is: a person or a delegation (with its size), their details for
//! the office (arrival, departure, accommodation, dietary needs, interpreter), its place (a seat or
//! the waiting list), and check-in on the day. Personal data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::choice!(
    /// A single person or a delegation registered as one party.
    RegistrationKind {
        Person = "person",
        Delegation = "delegation",
    }
);

crate::choice!(
    /// Where a registration stands. `registered` and `confirmed` hold seats; `waiting` is in the queue.
    RegistrationStatus {
        Registered = "registered",
        Confirmed = "confirmed",
        Waiting = "waiting",
        Cancelled = "cancelled",
    }
);

impl RegistrationStatus {
    /// Holds seats.
    pub fn has_seat(self) -> bool {
        matches!(self, RegistrationStatus::Registered | RegistrationStatus::Confirmed)
    }
}

crate::choice!(
    /// Who entered the registration.
    RegistrationSource {
        Staff = "staff",
        Public = "public",
    }
);

/// A registration as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    /// The code the registrant is given on the confirmation page.
    pub reference: String,
    pub kind: RegistrationKind,
    /// Name in Latin script (as in the passport); for a delegation, its name or its head's.
    pub name: String,
    /// Name in Chinese (badges are bilingual).
    pub name_zh: String,
    pub organisation: Option<String>,
    pub country_code: Option<String>,
    pub partnership_id: Option<i64>,
    /// E.g. speaker, delegate, guest, media.
    pub role: Option<String>,
    pub language: Option<String>,
    /// People the registration stands for (1 for a person).
    pub party_size: i64,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, local to the event.
    pub arrival: Option<String>,
    pub departure: Option<String>,
    pub accommodation: Option<String>,
    pub dietary: Option<String>,
    pub interpreter_needed: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub status: RegistrationStatus,
    /// Place on the waiting list (1 = next), when waiting.
    pub waiting_position: Option<i64>,
    pub source: RegistrationSource,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A registration as staff or the API give it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RegistrationInput {
    /// `person` (default) or `delegation`.
    pub kind: String,
    pub name: String,
    pub name_zh: String,
    pub organisation: String,
    pub country_code: String,
    pub partnership_id: Option<i64>,
    pub role: String,
    pub language: String,
    /// People in the party (delegations); default 1.
    pub party_size: Option<i64>,
    pub arrival: String,
    pub departure: String,
    pub accommodation: String,
    pub dietary: String,
    pub interpreter_needed: bool,
    pub email: String,
    pub phone: String,
    pub notes: String,
    /// Required on update.
    pub version: Option<i64>,
}

/// What the public registration form sends. `website` is a honeypot: people leave it empty.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PublicRegistrationInput {
    pub name: String,
    pub name_zh: String,
    pub organisation: String,
    pub country_code: String,
    pub email: String,
    pub language: String,
    pub dietary: String,
    pub interpreter_needed: bool,
    /// Must stay empty (hidden from people; bots fill it).
    pub website: String,
}

/// What the registrant is told after a public registration.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicReceipt {
    pub reference: String,
    /// `registered` or `waiting`.
    pub status: RegistrationStatus,
    pub waiting_position: Option<i64>,
}

/// A validated registration.
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub kind: RegistrationKind,
    pub name: String,
    pub name_zh: String,
    pub organisation: Option<String>,
    pub country_code: Option<String>,
    pub partnership_id: Option<i64>,
    pub role: Option<String>,
    pub language: Option<String>,
    pub party_size: i64,
    pub arrival: Option<String>,
    pub departure: Option<String>,
    pub accommodation: Option<String>,
    pub dietary: Option<String>,
    pub interpreter_needed: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub sort_key: String,
}

/// Seats of an event: taken by registrations with a seat, and the waiting list's length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Seats {
    pub capacity: Option<i64>,
    /// People in registrations that hold a seat.
    pub taken: i64,
    /// Registrations waiting.
    pub waiting: i64,
    /// People checked in.
    pub checked_in: i64,
}

/// Participants by country, for the report and the signed participant list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryCount {
    /// ISO 3166-1 alpha-2, or empty when not given.
    pub country_code: String,
    pub people: i64,
}
