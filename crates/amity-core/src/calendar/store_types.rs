//! Records the calendar reads from the store, and the office's own calendar data: the dates of the
//! home country's diplomatic relations, and the year's date of national days without a fixed one.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::PartialDate;
use crate::error::{FieldError, Problems, Result};
use crate::partnership::PartnershipStatus;
use crate::validate;

/// What the calendar needs of a partnership.
#[derive(Debug, Clone)]
pub struct PartnershipAnchor {
    pub id: i64,
    pub home_unit_id: i64,
    pub country: String,
    pub city_en: String,
    pub city_zh: Option<String>,
    pub established: Option<PartialDate>,
    pub status: PartnershipStatus,
}

/// An open commitment falling due, with what the calendar shows of it.
#[derive(Debug, Clone)]
pub struct DueCommitment {
    pub id: i64,
    pub activity_id: i64,
    pub what: String,
    pub due_on: NaiveDate,
    /// The activity's owner unit.
    pub unit_id: i64,
    /// The activity's first partnership and its country, if it names one.
    pub partnership_id: Option<i64>,
    pub country: Option<String>,
}

/// The day diplomatic relations between the home country and `country` were established.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiplomaticRelation {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub established: PartialDate,
    /// What the date rests on (e.g. "joint communiqué").
    pub basis: Option<String>,
    pub source_url: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// A diplomatic relation as entered (form or API).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DiplomaticRelationInput {
    pub country: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub established: String,
    pub basis: Option<String>,
    pub source_url: Option<String>,
}

/// A validated diplomatic relation.
#[derive(Debug, Clone)]
pub struct NewDiplomaticRelation {
    pub country: String,
    pub established: PartialDate,
    pub basis: Option<String>,
    pub source_url: Option<String>,
}

impl NewDiplomaticRelation {
    /// Checks every field; the date may not lie after `today`.
    pub fn validate(input: &DiplomaticRelationInput, today: NaiveDate) -> Result<Self> {
        let mut p = Problems::default();
        let country = p.take(
            validate::country_code("country", &input.country)
                .and_then(|c| if c == "CN" { Err(FieldError::new("country", "home_country")) } else { Ok(c) }),
        );
        let established = p.take(crate::partnership::lifecycle::past_date("established", &input.established, today));
        let basis = p.take(validate::optional_text("basis", input.basis.as_deref().unwrap_or(""), validate::NAME_MAX));
        let source_url = p.take(validate::optional_url("source_url", input.source_url.as_deref().unwrap_or("")));
        p.finish()?;
        match (country, established, basis, source_url) {
            (Some(country), Some(established), Some(basis), Some(source_url)) => Ok(Self { country, established, basis, source_url }),
            _ => Err(crate::Error::invalid("country", "required")),
        }
    }
}

/// The office's date of a national day that has none fixed, for one year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NationalDayDate {
    pub country: String,
    pub day: NaiveDate,
}

/// The days an activity (planned or done) of one partnership covers.
#[derive(Debug, Clone)]
pub struct ActivitySpan {
    pub partnership_id: i64,
    /// The partnership's country.
    pub country: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// A user's subscription to the weekly digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DigestSubscription {
    pub user_id: i64,
    pub email: String,
    /// `en` or `zh-CN`.
    pub locale: String,
}
