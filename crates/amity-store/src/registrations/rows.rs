//! The rows the registrations' queries read, and how a registration row becomes a [`Registration`].

use amity_core::Result;
use amity_core::event::{Registration, RegistrationKind, RegistrationSource, RegistrationStatus};
use chrono::{DateTime, Utc};

use crate::error::corrupt;

pub(super) const COLUMNS: &str = "id, event_id, reference, kind, name, name_zh, organisation, country_code, partnership_id, role, language, \
                       party_size, arrival, departure, accommodation, dietary, interpreter_needed, email, phone, notes, status, source, \
                       checked_in_at, version, created_at, updated_at";
/// Statuses that hold seats, as SQL.
pub(super) const SEATED: &str = "status IN ('registered', 'confirmed')";

#[derive(sqlx::FromRow)]
pub(super) struct RegistrationRow {
    pub(super) id: i64,
    pub(super) event_id: i64,
    pub(super) reference: String,
    pub(super) kind: String,
    pub(super) name: String,
    pub(super) name_zh: String,
    pub(super) organisation: Option<String>,
    pub(super) country_code: Option<String>,
    pub(super) partnership_id: Option<i64>,
    pub(super) role: Option<String>,
    pub(super) language: Option<String>,
    pub(super) party_size: i64,
    pub(super) arrival: Option<String>,
    pub(super) departure: Option<String>,
    pub(super) accommodation: Option<String>,
    pub(super) dietary: Option<String>,
    pub(super) interpreter_needed: bool,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) notes: Option<String>,
    pub(super) status: String,
    pub(super) source: String,
    pub(super) checked_in_at: Option<DateTime<Utc>>,
    pub(super) version: i64,
    pub(super) created_at: DateTime<Utc>,
    pub(super) updated_at: DateTime<Utc>,
}

impl RegistrationRow {
    pub(super) fn into_registration(self, waiting_position: Option<i64>) -> Result<Registration> {
        Ok(Registration {
            id: self.id,
            event_id: self.event_id,
            reference: self.reference,
            kind: RegistrationKind::parse(&self.kind).ok_or_else(|| corrupt("registration kind", &self.kind))?,
            name: self.name,
            name_zh: self.name_zh,
            organisation: self.organisation,
            country_code: self.country_code,
            partnership_id: self.partnership_id,
            role: self.role,
            language: self.language,
            party_size: self.party_size,
            arrival: self.arrival,
            departure: self.departure,
            accommodation: self.accommodation,
            dietary: self.dietary,
            interpreter_needed: self.interpreter_needed,
            email: self.email,
            phone: self.phone,
            notes: self.notes,
            status: RegistrationStatus::parse(&self.status).ok_or_else(|| corrupt("registration status", &self.status))?,
            waiting_position,
            source: RegistrationSource::parse(&self.source).ok_or_else(|| corrupt("registration source", &self.source))?,
            checked_in_at: self.checked_in_at,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct CountryRow {
    pub(super) country_code: String,
    pub(super) people: i64,
}

#[derive(sqlx::FromRow)]
pub(super) struct PartnerRow {
    pub(super) partnership_id: i64,
    pub(super) people: i64,
}

#[derive(sqlx::FromRow)]
pub(super) struct QueueRow {
    pub(super) id: i64,
    pub(super) party_size: i64,
}

#[derive(sqlx::FromRow)]
pub(super) struct SeatsRow {
    pub(super) capacity: Option<i64>,
    pub(super) taken: i64,
    pub(super) waiting: i64,
    pub(super) checked_in: i64,
}
