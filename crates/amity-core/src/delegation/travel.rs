//! Members' travel documents: passport and visa validity with expiry alerts. Restricted personal
//! data: only admins, coordinators and editors of the delegation's owner unit read or change them
//! (never viewers, auditors or the public), and they are deleted a retention period (an office
//! setting) after the delegation ends.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{DelegationStatus, list_input::day};
use crate::error::{Problems, Result};
use crate::validate::{country_code, optional_text};

/// Setting key: days after a delegation's last day at which its travel documents are deleted.
pub const RETENTION_SETTING: &str = "delegations.travel_doc_retention_days";
/// Retention when the office has not set one.
pub const RETENTION_DEFAULT_DAYS: i64 = 90;
/// Longest retention the office may set (ten years).
pub const RETENTION_MAX_DAYS: i64 = 3_650;

crate::choice!(
    /// What kind of travel document.
    DocumentKind {
        Passport = "passport",
        Visa = "visa",
    }
);

crate::choice!(
    /// Why a document is flagged.
    DocumentAlert {
        /// A passport valid for less than six months after the return.
        PassportUnderSixMonths = "passport_under_six_months",
        /// A visa that ends before the visit does.
        VisaEndsBeforeVisit = "visa_ends_before_visit",
    }
);

/// A travel document of one member, as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TravelDocument {
    pub id: i64,
    pub delegation_id: i64,
    pub member_id: i64,
    pub kind: DocumentKind,
    pub number: Option<String>,
    /// ISO 3166-1 alpha-2 code of the issuing (passport) or granting (visa) country.
    pub country: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: NaiveDate,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A travel document as entered.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TravelDocumentInput {
    /// A member of the same delegation.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub member_id: Option<i64>,
    /// `passport` or `visa`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub kind: String,
    pub number: String,
    pub country: String,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub valid_until: String,
}

/// A validated travel document.
#[derive(Debug, Clone)]
pub struct NewTravelDocument {
    pub member_id: i64,
    pub kind: DocumentKind,
    pub number: Option<String>,
    pub country: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: NaiveDate,
}

impl NewTravelDocument {
    /// Validates every field at once (the member's delegation is checked by the service).
    pub fn validate(input: &TravelDocumentInput) -> Result<Self> {
        let mut p = Problems::default();
        if input.member_id.is_none() {
            p.push(crate::FieldError::new("member_id", "required"));
        }
        let kind = p.take_or(DocumentKind::parse_field("kind", &input.kind), DocumentKind::ALL[0]);
        let number = p.take(optional_text("number", &input.number, 40)).flatten();
        let country = if input.country.trim().is_empty() { None } else { p.take(country_code("country", &input.country)) };
        let valid_from = p.take(day("valid_from", &input.valid_from, false)).flatten();
        let valid_until = p.take(day("valid_until", &input.valid_until, true)).flatten();
        if let (Some(a), Some(b)) = (valid_from, valid_until)
            && b < a
        {
            p.push(crate::FieldError::new("valid_until", "end_before_start"));
        }
        p.finish()?;
        let (member_id, valid_until) = (input.member_id.unwrap_or_default(), valid_until.unwrap_or_default());
        Ok(Self { member_id, kind, number, country, valid_from, valid_until })
    }
}

/// A document flagged or about to be, with what the alert needs and nothing more (no number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpiringDocument {
    pub document_id: i64,
    pub delegation_id: i64,
    pub delegation_title: String,
    pub owner_unit_id: i64,
    pub status: DelegationStatus,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub member_id: i64,
    pub member_name: String,
    pub kind: DocumentKind,
    pub valid_until: NaiveDate,
}

/// The alert a document raises for a visit ending on `ends_on`: a passport must stay valid six
/// months after the return (the common entry rule), a visa until the delegation leaves.
pub fn alert(kind: DocumentKind, valid_until: NaiveDate, ends_on: NaiveDate) -> Option<DocumentAlert> {
    match kind {
        DocumentKind::Passport => {
            let needed = ends_on.checked_add_months(Months::new(6)).unwrap_or(NaiveDate::MAX);
            (valid_until < needed).then_some(DocumentAlert::PassportUnderSixMonths)
        }
        DocumentKind::Visa => (valid_until < ends_on).then_some(DocumentAlert::VisaEndsBeforeVisit),
    }
}

/// The last day of a delegation whose documents are still kept, for a retention of `days`.
pub fn retention_cutoff(today: NaiveDate, days: i64) -> NaiveDate {
    today.checked_sub_days(chrono::Days::new(days.clamp(0, RETENTION_MAX_DAYS) as u64)).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
    }

    #[test]
    fn passports_need_six_months_after_the_return_and_visas_the_whole_visit() {
        let back = d("2023-04-23");
        assert_eq!(alert(DocumentKind::Passport, d("2023-10-22"), back), Some(DocumentAlert::PassportUnderSixMonths));
        assert_eq!(alert(DocumentKind::Passport, d("2023-10-23"), back), None);
        assert_eq!(alert(DocumentKind::Visa, d("2023-04-22"), back), Some(DocumentAlert::VisaEndsBeforeVisit));
        assert_eq!(alert(DocumentKind::Visa, back, back), None);
    }

    #[test]
    fn a_document_needs_a_member_a_kind_and_an_end_of_validity() {
        let Err(Error::Validation(e)) = NewTravelDocument::validate(&TravelDocumentInput::default()) else { panic!("refused") };
        let fields: Vec<_> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["member_id", "kind", "valid_until"]);
        assert_eq!(retention_cutoff(d("2023-07-22"), 90), d("2023-04-23"));
    }
}
