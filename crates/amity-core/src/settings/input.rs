//! The settings as a form or the API sends them, validated into [`OfficeSettings`].

use serde::Deserialize;

use super::{LEAD_RANGE, MONTHS_RANGE, OfficeSettings, RETENTION_RANGE};
use crate::error::{FieldError, Problems, Result};

/// The settings as sent: every one is required (a `GET` answer can be sent back as it is).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SettingsInput {
    /// 1–240; fewer than `dormant_months`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub quiet_months: Option<i64>,
    /// 2–240; more than `quiet_months`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub dormant_months: Option<i64>,
    /// 1–366.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub reminder_lead_days: Option<i64>,
    /// 0–3650.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub travel_doc_retention_days: Option<i64>,
}

/// A required whole number within `range`, else `required` or `out_of_range` on `field`.
fn within(p: &mut Problems, field: &str, v: Option<i64>, (min, max): (i64, i64)) -> Option<i64> {
    let r = match v {
        None => Err(FieldError::new(field, "required")),
        Some(n) if (min..=max).contains(&n) => Ok(n),
        Some(_) => Err(FieldError::new(field, "out_of_range").with("min", min).with("max", max)),
    };
    p.take(r)
}

/// Checks every setting and reports every bad one at once: each within its range, and dormant
/// after quiet (`dormant_months`/`dormant_not_after_quiet`).
pub fn validate(input: &SettingsInput) -> Result<OfficeSettings> {
    let mut p = Problems::default();
    let quiet = within(&mut p, "quiet_months", input.quiet_months, MONTHS_RANGE);
    let dormant = within(&mut p, "dormant_months", input.dormant_months, MONTHS_RANGE);
    if let (Some(q), Some(d)) = (quiet, dormant)
        && d <= q
    {
        p.push(FieldError::new("dormant_months", "dormant_not_after_quiet").with("quiet", q));
    }
    let lead = within(&mut p, "reminder_lead_days", input.reminder_lead_days, LEAD_RANGE);
    let retention = within(&mut p, "travel_doc_retention_days", input.travel_doc_retention_days, RETENTION_RANGE);
    p.finish()?;
    Ok(OfficeSettings {
        quiet_months: quiet.unwrap_or(MONTHS_RANGE.0),
        dormant_months: dormant.unwrap_or(MONTHS_RANGE.1),
        reminder_lead_days: lead.unwrap_or(LEAD_RANGE.0),
        travel_doc_retention_days: retention.unwrap_or(RETENTION_RANGE.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn input(q: i64, d: i64, lead: i64, keep: i64) -> SettingsInput {
        SettingsInput {
            quiet_months: Some(q),
            dormant_months: Some(d),
            reminder_lead_days: Some(lead),
            travel_doc_retention_days: Some(keep),
        }
    }

    fn refused(i: &SettingsInput) -> Vec<(String, String)> {
        match validate(i) {
            Err(Error::Validation(f)) => f.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    fn pair(f: &str, c: &str) -> (String, String) {
        (f.to_string(), c.to_string())
    }

    #[test]
    fn valid_settings_pass_and_zero_retention_is_allowed() {
        let s = validate(&input(6, 18, 14, 0)).expect("valid");
        assert_eq!((s.quiet_months, s.dormant_months, s.reminder_lead_days, s.travel_doc_retention_days), (6, 18, 14, 0));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        assert_eq!(
            refused(&input(0, -3, 0, -1)),
            [
                pair("quiet_months", "out_of_range"),
                pair("dormant_months", "out_of_range"),
                pair("reminder_lead_days", "out_of_range"),
                pair("travel_doc_retention_days", "out_of_range")
            ]
        );
        assert_eq!(refused(&SettingsInput::default()).len(), 4, "each one is required");
    }

    #[test]
    fn dormant_must_come_after_quiet() {
        assert_eq!(refused(&input(12, 12, 30, 90)), [pair("dormant_months", "dormant_not_after_quiet")]);
        assert_eq!(refused(&input(24, 12, 30, 90)), [pair("dormant_months", "dormant_not_after_quiet")]);
    }
}
