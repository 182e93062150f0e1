//! Approval milestones some countries require before or after a partnership is signed: council
//! approvals on each side, national approval or notification — each dated, with its document number.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::lifecycle::past_date;
use crate::PartialDate;
use crate::error::{FieldError, Problems, Result};
use crate::validate::{NAME_MAX, NOTE_MAX, optional_text};

crate::choice!(
    /// What was approved or notified, and by whom.
    ApprovalKind {
        /// Our city council (or people's congress standing committee) approved.
        HomeCouncil = "home_council",
        /// The partner city's council approved.
        PartnerCouncil = "partner_council",
        /// A national authority approved.
        NationalApproval = "national_approval",
        /// A national authority was notified.
        NationalNotification = "national_notification",
        /// Another step, described in the note.
        Other = "other",
    }
);

/// An approval milestone as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Approval {
    pub id: i64,
    pub partnership_id: i64,
    pub kind: ApprovalKind,
    pub date: PartialDate,
    /// The document's number or reference, e.g. a council resolution number.
    pub reference: Option<String>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// An approval milestone as a form or the API gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ApprovalInput {
    /// `home_council`, `partner_council`, `national_approval`, `national_notification` or `other`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub kind: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, not in the future.
    pub date: String,
    /// Document number (optional).
    pub reference: String,
    /// Required for `other`: what the step was.
    pub note: String,
}

/// A validated approval milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApproval {
    pub kind: ApprovalKind,
    pub date: PartialDate,
    pub reference: Option<String>,
    pub note: Option<String>,
}

impl NewApproval {
    /// Validates every field at once; a milestone has happened, so its date is not after `today`.
    pub fn validate(input: &ApprovalInput, today: NaiveDate) -> Result<Self> {
        let mut p = Problems::default();
        let kind = p.take(ApprovalKind::parse_field("kind", &input.kind));
        let date = p.take_or(past_date("date", &input.date, today), PartialDate::Day(today));
        let reference = p.take_default(optional_text("reference", &input.reference, NAME_MAX));
        let note = optional_text("note", &input.note, NOTE_MAX);
        // "Other" needs a note; a note refused for its length is reported as that alone.
        let note_missing = matches!(note, Ok(None));
        let note = p.take_default(note);
        if kind == Some(ApprovalKind::Other) && note_missing {
            p.push(FieldError::new("note", "required"));
        }
        p.finish()?;
        Ok(Self { kind: kind.unwrap_or(ApprovalKind::Other), date, reference, note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 15).expect("valid")
    }

    #[test]
    fn a_council_approval_is_dated_and_may_carry_its_resolution_number() {
        let i = ApprovalInput {
            kind: "partner_council".into(),
            date: "1984-10-16".into(),
            reference: " Resolution 84-512 ".into(),
            ..Default::default()
        };
        let a = NewApproval::validate(&i, today()).expect("valid");
        assert_eq!(
            (a.kind, a.date.to_string(), a.reference.as_deref(), a.note),
            (ApprovalKind::PartnerCouncil, "1984-10-16".into(), Some("Resolution 84-512"), None)
        );
    }

    #[test]
    fn kind_and_date_are_required_and_other_needs_a_note() {
        let Err(Error::Validation(f)) = NewApproval::validate(&ApprovalInput::default(), today()) else { panic!("refused") };
        let fields: Vec<&str> = f.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["kind", "date"]);
        let i = ApprovalInput { kind: "other".into(), date: "2030".into(), ..Default::default() };
        let Err(Error::Validation(f)) = NewApproval::validate(&i, today()) else { panic!("refused") };
        let got: Vec<(&str, &str)> = f.iter().map(|f| (f.field.as_str(), f.code.as_str())).collect();
        assert_eq!(got, [("date", "in_future"), ("note", "required")]);
    }
}
