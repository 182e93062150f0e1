//! The records that hold a person, as search finds them, and what an erasure takes and gives.

use serde::{Deserialize, Serialize};

/// The kinds of record that hold a person. Adding one (a service requester) means adding its
/// source in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// A contact of a partnership (`contacts`).
    Contact,
    /// Someone registered for an event (`event_registrations`).
    Registrant,
    /// A member of a delegation (`delegation_members`), with their travel documents.
    DelegationMember,
}

impl PersonKind {
    /// Every kind, in the order search lists them.
    pub const ALL: [PersonKind; 3] = [PersonKind::Contact, PersonKind::Registrant, PersonKind::DelegationMember];

    /// The kind's code (`contact`, `registrant`, `delegation_member`), also its translation key's tail.
    pub fn code(self) -> &'static str {
        match self {
            PersonKind::Contact => "contact",
            PersonKind::Registrant => "registrant",
            PersonKind::DelegationMember => "delegation_member",
        }
    }

    /// The kind named by `code`.
    pub fn parse(code: &str) -> Option<PersonKind> {
        PersonKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One record, by kind and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub kind: PersonKind,
    pub id: i64,
}

/// A record holding a person, as search and the preview show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRecord {
    pub kind: PersonKind,
    pub id: i64,
    /// The name as held (both scripts when both are).
    pub name: String,
    pub email: Option<String>,
    /// What the record belongs to: the partnership's city, the event's or the delegation's title.
    pub context: String,
    /// Travel documents that go with the record.
    pub travel_documents: i64,
}

/// A record with everything its erasure needs (read inside the erasing transaction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonHeld {
    pub record: PersonRecord,
    /// Every personal value the record holds (names, e-mail, phone, notes, passport numbers …):
    /// redacted wherever the audit log's texts contain them.
    pub values: Vec<String>,
    /// The audit entries that are about this record, by subject.
    pub subjects: Vec<AuditSubject>,
}

/// Audit entries about a record: their `entity` and `entity_id`, where in their JSON the record
/// stands, and which of its keys are personal (redacted whatever their values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditSubject {
    pub entity: String,
    pub id: String,
    /// `None`: the record is the entry's whole before/after object. `Some((key, id))`: it is the
    /// element with that `id` of the array under `key` (a member in a delegation's `members`).
    pub within: Option<(String, i64)>,
    /// The personal keys of that object.
    pub fields: Vec<String>,
}

/// A record as a form or the API names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PersonRefInput {
    pub kind: String,
    pub id: Option<i64>,
}

/// `POST /api/v1/people/erasure`: the records to erase.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ErasureInput {
    pub records: Vec<PersonRefInput>,
}

/// What an erasure did, in counts (never the values).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErasureOutcome {
    pub contacts: u64,
    pub registrants: u64,
    pub delegation_members: u64,
    pub travel_documents: u64,
    /// Audit entries in which personal values were redacted.
    pub redacted_entries: u64,
}
