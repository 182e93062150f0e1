//! What an agreement is, and the validated form of an agreement input.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::PartialDate;
use crate::contact::ContactSide;
use crate::error::{FieldError, Problems, Result};
use crate::file::FileInfo;
use crate::validate::{NAME_MAX, NOTE_MAX, optional_text, required_text};

/// Most signatories an agreement may list.
pub const SIGNATORIES_MAX: usize = 20;
/// Most languages an agreement may list.
pub const LANGUAGES_MAX: usize = 10;
/// An agreement whose validity ends within this many days needs attention.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

crate::choice!(
    /// What kind of document an agreement is.
    AgreementKind {
        /// The signed sister-city or friendly-cooperation agreement.
        Signed = "signed_agreement",
        /// A memorandum of understanding.
        Mou = "mou",
        LetterOfIntent = "letter_of_intent",
        /// A renewal of an earlier agreement.
        Renewal = "renewal",
        /// An exchange or cooperation plan, e.g. a three- or five-year plan.
        ExchangePlan = "exchange_plan",
        Other = "other",
    }
);

impl AgreementKind {
    /// Whether the document binds the cities (refused while the partnership is only a prospect).
    pub fn is_binding(self) -> bool {
        matches!(self, AgreementKind::Signed | AgreementKind::Renewal)
    }
}

/// Someone who signed, with the office they signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signatory {
    pub name: String,
    /// Office or title at signing, e.g. "Mayor of Jinan".
    pub office: Option<String>,
    pub side: ContactSide,
}

/// A signatory as a form or API body gives it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SignatoryInput {
    pub name: String,
    pub office: String,
    /// `home` or `partner`.
    pub side: String,
}

/// An agreement as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agreement {
    pub id: i64,
    pub partnership_id: i64,
    pub kind: AgreementKind,
    pub title: String,
    /// Languages of the text(s), e.g. `zh`, `ja`.
    pub languages: Vec<String>,
    pub signatories: Vec<Signatory>,
    /// When it was signed, at the precision known.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "1983-01-14"))]
    pub signed_on: Option<PartialDate>,
    pub signed_place: Option<String>,
    /// Last day it is valid, if it has an end.
    pub valid_until: Option<NaiveDate>,
    /// The earlier version this one amends or replaces.
    pub supersedes_id: Option<i64>,
    /// The later version that replaces this one; `None` for a current version.
    pub superseded_by_id: Option<i64>,
    pub notes: Option<String>,
    /// Its files (the texts in each language, scans …), without their bytes.
    pub files: Vec<FileInfo>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Agreement {
    /// Whether no later version replaces it.
    pub fn is_current(&self) -> bool {
        self.superseded_by_id.is_none()
    }
}

/// A current agreement whose validity ends soon (the needs-attention list).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpiringAgreement {
    pub agreement_id: i64,
    pub partnership_id: i64,
    pub kind: AgreementKind,
    pub title: String,
    pub valid_until: NaiveDate,
    /// The partnership's country (ISO 3166-1 alpha-2), home unit and partner city's names.
    pub country: String,
    pub unit_id: i64,
    pub city_en: String,
    pub city_zh: Option<String>,
}

/// An agreement as a form or API body gives it (unvalidated).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AgreementInput {
    /// `signed_agreement`, `mou`, `letter_of_intent`, `renewal`, `exchange_plan` or `other`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub kind: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub title: String,
    pub languages: Vec<String>,
    pub signatories: Vec<SignatoryInput>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub signed_on: String,
    pub signed_place: String,
    /// `YYYY-MM-DD`, not before `signed_on`.
    pub valid_until: String,
    /// On create only: the earlier version of the same partnership this one supersedes.
    pub supersedes_id: Option<i64>,
    pub notes: String,
    /// Required on update: the version the editor saw.
    pub version: Option<i64>,
}

/// A validated agreement, ready to store.
#[derive(Debug, Clone)]
pub struct NewAgreement {
    pub kind: AgreementKind,
    pub title: String,
    pub languages: Vec<String>,
    pub signatories: Vec<Signatory>,
    pub signed_on: Option<PartialDate>,
    pub signed_place: Option<String>,
    pub valid_until: Option<NaiveDate>,
    pub supersedes_id: Option<i64>,
    pub notes: Option<String>,
}

impl NewAgreement {
    /// Validates every field, reporting all problems at once.
    pub fn validate(input: &AgreementInput) -> Result<Self> {
        let mut p = Problems::default();
        let kind = p.take_or(AgreementKind::parse_field("kind", &input.kind), AgreementKind::ALL[0]);
        let title = p.take_default(required_text("title", &input.title, NAME_MAX));
        let languages = p.take_default(languages(&input.languages));
        let rows = signatories(&input.signatories, &mut p);
        let signatories = p.take_default(rows);
        let signed_on = p.take_default(partial_date("signed_on", &input.signed_on));
        let signed_place = p.take_default(optional_text("signed_place", &input.signed_place, NAME_MAX));
        let valid_until = p.take_default(day("valid_until", &input.valid_until));
        if let (Some(signed), Some(until)) = (&signed_on, &valid_until)
            && *until < signed.first_day()
        {
            p.push(FieldError::new("valid_until", "valid_until_before_signed"));
        }
        let notes = p.take_default(optional_text("notes", &input.notes, NOTE_MAX));
        p.finish()?;
        let supersedes_id = input.supersedes_id.filter(|id| *id > 0);
        Ok(Self { kind, title, languages, signatories, signed_on, signed_place, valid_until, supersedes_id, notes })
    }
}

fn partial_date(field: &str, s: &str) -> Result<Option<PartialDate>, FieldError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    PartialDate::parse(s).map(Some).map_err(|_| FieldError::new(field, "invalid_partial_date"))
}

fn day(field: &str, s: &str) -> Result<Option<NaiveDate>, FieldError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    match PartialDate::parse(s) {
        Ok(PartialDate::Day(d)) => Ok(Some(d)),
        _ => Err(FieldError::new(field, "invalid_date")),
    }
}

/// Up to [`LANGUAGES_MAX`] short entries; blanks dropped, repeats (ignoring case) kept once.
fn languages(items: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("languages[{i}]");
        let Some(v) = optional_text(&field, item, 40)? else { continue };
        if v.contains(['\n', '\r', '\t']) {
            return Err(FieldError::new(field, "control_characters"));
        }
        if !out.iter().any(|o| o.to_lowercase() == v.to_lowercase()) {
            out.push(v);
        }
    }
    if out.len() > LANGUAGES_MAX {
        return Err(FieldError::new("languages", "too_many").with("max", LANGUAGES_MAX));
    }
    Ok(out)
}

/// Rows with neither name nor office are dropped (empty rows of a form); each kept row needs a name.
fn signatories(items: &[SignatoryInput], p: &mut Problems) -> Result<Vec<Signatory>, FieldError> {
    let mut out = Vec::new();
    let mut bad = false;
    for (i, s) in items.iter().enumerate() {
        if s.name.trim().is_empty() && s.office.trim().is_empty() {
            continue;
        }
        let name = p.take(required_text(&format!("signatories[{i}].name"), &s.name, NAME_MAX));
        let office = p.take(optional_text(&format!("signatories[{i}].office"), &s.office, NAME_MAX));
        let side = p.take(ContactSide::parse_field(&format!("signatories[{i}].side"), &s.side));
        match (name, office, side) {
            (Some(name), Some(office), Some(side)) => out.push(Signatory { name, office, side }),
            _ => bad = true,
        }
    }
    if out.len() > SIGNATORIES_MAX {
        return Err(FieldError::new("signatories", "too_many").with("max", SIGNATORIES_MAX));
    }
    // Problems of single rows are already recorded; report nothing more here.
    if bad { Ok(Vec::new()) } else { Ok(out) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn input() -> AgreementInput {
        AgreementInput {
            kind: "signed_agreement".into(),
            title: "Agreement on establishing sister-city relations".into(),
            signed_on: "1983-01-14".into(),
            ..Default::default()
        }
    }

    fn fields(r: Result<NewAgreement>) -> Vec<String> {
        match r {
            Err(Error::Validation(f)) => f.into_iter().map(|e| format!("{}:{}", e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_validity_ending_before_the_signing_is_refused() {
        let bad = AgreementInput { valid_until: "1982-12-31".into(), ..input() };
        assert_eq!(fields(NewAgreement::validate(&bad)), ["valid_until:valid_until_before_signed"]);
        // A year-only signing date counts from its first day.
        let year = AgreementInput { signed_on: "2020".into(), valid_until: "2020-01-01".into(), ..input() };
        assert!(NewAgreement::validate(&year).is_ok());
        let not_a_day = AgreementInput { valid_until: "2030".into(), ..input() };
        assert_eq!(fields(NewAgreement::validate(&not_a_day)), ["valid_until:invalid_date"]);
    }

    #[test]
    fn signatories_need_a_name_and_a_side_and_blank_rows_are_dropped() {
        let rows = vec![
            SignatoryInput { name: "Mayor A".into(), office: "Mayor of Jinan".into(), side: "home".into() },
            SignatoryInput::default(),
            SignatoryInput { name: String::new(), office: "Mayor".into(), side: "nowhere".into() },
        ];
        let bad = AgreementInput { signatories: rows.clone(), ..input() };
        assert_eq!(fields(NewAgreement::validate(&bad)), ["signatories[2].name:required", "signatories[2].side:invalid_choice"]);
        let ok = NewAgreement::validate(&AgreementInput { signatories: rows[..2].to_vec(), ..input() }).expect("valid");
        assert_eq!(ok.signatories.len(), 1);
        assert_eq!(ok.signatories[0].office.as_deref(), Some("Mayor of Jinan"));
    }

    #[test]
    fn kind_and_title_are_required_and_only_signed_and_renewals_bind() {
        let empty = AgreementInput::default();
        assert_eq!(fields(NewAgreement::validate(&empty)), ["kind:required", "title:required"]);
        assert!(AgreementKind::Renewal.is_binding() && !AgreementKind::Mou.is_binding());
    }
}
