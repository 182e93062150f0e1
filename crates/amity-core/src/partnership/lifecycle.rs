//! The relationship lifecycle: which status may follow which (a pure rule), and a requested change
//! of status validated against it — dated, with a reason, a condition for a suspension, and who ended
//! it (and the successor partnership, after a merger) for an ending.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use super::PartnershipStatus;
use super::PartnershipStatus::{Active, Ended, LetterOfIntent, Negotiating, Prospect, Suspended};
use crate::error::{FieldError, Problems, Result};
use crate::validate::{NOTE_MAX, required_text};
use crate::{Error, PartialDate, PartialDateError};

crate::choice!(
    /// Who ended a relationship.
    EndedBy {
        /// Our side (the home unit or the city) ended it.
        HomeSide = "home_side",
        /// The partner city ended it.
        PartnerSide = "partner_side",
        /// A national authority ended it (either country's).
        NationalAuthority = "national_authority",
    }
);

/// Whether a partnership in status `from` may move to `to`. Ended is final; a suspension is lifted
/// by going back to active; negotiations may fall back a step or conclude without a letter of intent.
pub fn allowed(from: PartnershipStatus, to: PartnershipStatus) -> bool {
    matches!(
        (from, to),
        (Prospect, Negotiating | Ended)
            | (Negotiating, LetterOfIntent | Active | Prospect | Ended)
            | (LetterOfIntent, Active | Negotiating | Ended)
            | (Active, Suspended | Ended)
            | (Suspended, Active | Ended)
    )
}

/// The statuses a partnership in `from` may move to, in lifecycle order.
pub fn next_statuses(from: PartnershipStatus) -> Vec<PartnershipStatus> {
    PartnershipStatus::ALL.iter().copied().filter(|to| allowed(from, *to)).collect()
}

/// The latest calendar date it is anywhere now (UTC+14): a date entered as "today" in any office's
/// time zone, Asia/Shanghai included, is never refused as being in the future.
pub fn latest_today(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(14)).date_naive()
}

/// A change of status as a form or the API gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TransitionInput {
    /// The status to move to.
    pub status: String,
    /// When it happened: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, not in the future.
    pub date: String,
    /// Why (required).
    pub reason: String,
    /// For a suspension (required then): the condition it lasts until, e.g. "until the new council is seated".
    pub condition: String,
    /// For an ending (required then): `home_side`, `partner_side` or `national_authority`.
    pub ended_by: String,
    /// For an ending after a municipal merger: the partnership that continues this one.
    pub successor_partnership_id: Option<i64>,
    /// The version of the partnership the user saw.
    pub version: Option<i64>,
}

/// A validated change of status of one partnership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: PartnershipStatus,
    pub to: PartnershipStatus,
    pub date: PartialDate,
    pub reason: String,
    pub condition: Option<String>,
    pub ended_by: Option<EndedBy>,
    pub successor_id: Option<i64>,
    pub version: i64,
}

impl Transition {
    /// Validates a change of partnership `id` from status `from` on `today`, reporting every problem at once.
    /// Whether the successor exists is for the service to check inside its transaction.
    pub fn validate(input: &TransitionInput, id: i64, from: PartnershipStatus, today: NaiveDate) -> Result<Self> {
        let mut p = Problems::default();
        let to = p.take(PartnershipStatus::parse_field("status", &input.status).and_then(|to| legal(from, to)));
        let date = p.take(past_date("date", &input.date, today));
        let reason = p.take(required_text("reason", &input.reason, NOTE_MAX));
        let condition = p.take(only_for(to, Suspended, "condition", !input.condition.trim().is_empty(), || {
            required_text("condition", &input.condition, NOTE_MAX)
        }));
        let ended_by = p
            .take(only_for(to, Ended, "ended_by", !input.ended_by.trim().is_empty(), || EndedBy::parse_field("ended_by", &input.ended_by)));
        let successor = p.take(only_for(to, Ended, "successor_partnership_id", input.successor_partnership_id.is_some(), || {
            match input.successor_partnership_id {
                Some(s) if s == id => Err(FieldError::new("successor_partnership_id", "successor_is_self")),
                s => Ok(s),
            }
        }));
        if input.version.is_none() {
            p.push(FieldError::new("version", "required"));
        }
        p.finish()?;
        match (to, date, reason, condition, ended_by, successor, input.version) {
            (Some(to), Some(date), Some(reason), Some(condition), Some(ended_by), Some(successor), Some(version)) => {
                Ok(Self { from, to, date, reason, condition, ended_by, successor_id: successor.flatten(), version })
            }
            _ => Err(Error::Internal("validation state".into())),
        }
    }
}

fn legal(from: PartnershipStatus, to: PartnershipStatus) -> Result<PartnershipStatus, FieldError> {
    if allowed(from, to) {
        return Ok(to);
    }
    let next: Vec<&str> = next_statuses(from).iter().map(|s| s.as_str()).collect();
    let allowed = if next.is_empty() { "—".to_string() } else { next.join(", ") };
    Err(FieldError::new("status", "illegal_transition").with("from", from).with("to", to).with("allowed", allowed))
}

/// A field that belongs to one target status: validated there (`Some`), refused as not applicable
/// when given for another status, absent (`None`) otherwise. With no valid target, nothing is checked.
fn only_for<T>(
    to: Option<PartnershipStatus>,
    target: PartnershipStatus,
    field: &str,
    given: bool,
    check: impl FnOnce() -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    match to {
        Some(to) if to == target => check().map(Some),
        Some(_) if given => Err(FieldError::new(field, "not_applicable")),
        _ => Ok(None),
    }
}

/// A required partial date that is not after `today`.
pub(crate) fn past_date(field: &str, s: &str, today: NaiveDate) -> Result<PartialDate, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    let d = PartialDate::parse(s).map_err(|e| match e {
        PartialDateError::Format => FieldError::new(field, "invalid_partial_date"),
        PartialDateError::NoSuchDate => FieldError::new(field, "no_such_date"),
    })?;
    if d.is_after(today) {
        return Err(FieldError::new(field, "in_future"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 15).expect("valid")
    }

    fn input(status: &str) -> TransitionInput {
        TransitionInput {
            status: status.into(),
            date: "2024-05".into(),
            reason: "council decision".into(),
            version: Some(3),
            ..Default::default()
        }
    }

    fn codes(e: Error) -> Vec<(String, String)> {
        match e {
            Error::Validation(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn every_pair_of_statuses_follows_the_rule_table() {
        let table: &[(PartnershipStatus, &[PartnershipStatus])] = &[
            (Prospect, &[Negotiating, Ended]),
            (Negotiating, &[Prospect, LetterOfIntent, Active, Ended]),
            (LetterOfIntent, &[Negotiating, Active, Ended]),
            (Active, &[Suspended, Ended]),
            (Suspended, &[Active, Ended]),
            (Ended, &[]),
        ];
        assert_eq!(table.len(), PartnershipStatus::ALL.len());
        let mut checked = 0;
        for from in PartnershipStatus::ALL {
            let (_, allowed_to) = table.iter().find(|(f, _)| f == from).expect("every status has a row");
            for to in PartnershipStatus::ALL {
                assert_eq!(allowed(*from, *to), allowed_to.contains(to), "{from} → {to}");
                checked += 1;
            }
            assert_eq!(next_statuses(*from), allowed_to.to_vec(), "next from {from}");
        }
        assert_eq!(checked, 36);
    }

    #[test]
    fn no_status_may_follow_itself_and_ended_is_final() {
        for s in PartnershipStatus::ALL {
            assert!(!allowed(*s, *s), "{s}");
        }
        assert!(next_statuses(Ended).is_empty());
    }

    #[test]
    fn an_illegal_transition_names_the_status_and_what_is_allowed() {
        let e = Transition::validate(&input("active"), 1, Ended, today()).expect_err("ended is final");
        let Error::Validation(f) = e else { panic!("validation") };
        assert_eq!((f[0].field.as_str(), f[0].code.as_str()), ("status", "illegal_transition"));
        assert!(f[0].params.contains(&("allowed".into(), "—".into())));
        let e = Transition::validate(&input("suspended"), 1, Prospect, today()).expect_err("not from prospect");
        let Error::Validation(f) = e else { panic!("validation") };
        assert!(f[0].params.contains(&("allowed".into(), "negotiating, ended".into())), "{:?}", f[0].params);
    }

    #[test]
    fn a_suspension_needs_its_condition() {
        assert_eq!(
            codes(Transition::validate(&input("suspended"), 1, Active, today()).expect_err("no condition")),
            [("condition".to_string(), "required".to_string())]
        );
        let mut i = input("suspended");
        i.condition = "until the new city council is seated".into();
        let t = Transition::validate(&i, 1, Active, today()).expect("valid");
        assert_eq!((t.to, t.condition.as_deref(), t.version), (Suspended, Some("until the new city council is seated"), 3));
    }

    #[test]
    fn an_ending_needs_who_ended_it_and_may_name_another_partnership_as_successor() {
        let codes_of = |i: &TransitionInput| codes(Transition::validate(i, 7, Active, today()).expect_err("refused"));
        assert_eq!(codes_of(&input("ended")), [("ended_by".to_string(), "required".to_string())]);
        let mut i = input("ended");
        i.ended_by = "the mayor".into();
        assert_eq!(codes_of(&i), [("ended_by".to_string(), "invalid_choice".to_string())]);
        i.ended_by = "partner_side".into();
        i.successor_partnership_id = Some(7);
        assert_eq!(codes_of(&i), [("successor_partnership_id".to_string(), "successor_is_self".to_string())]);
        i.successor_partnership_id = Some(9);
        let t = Transition::validate(&i, 7, Suspended, today()).expect("valid");
        assert_eq!((t.ended_by, t.successor_id), (Some(EndedBy::PartnerSide), Some(9)));
    }

    #[test]
    fn fields_of_another_status_are_refused_as_not_applicable() {
        let mut i = input("negotiating");
        i.condition = "until spring".into();
        i.ended_by = "home_side".into();
        i.successor_partnership_id = Some(2);
        let got = codes(Transition::validate(&i, 1, Prospect, today()).expect_err("refused"));
        let fields: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["condition", "ended_by", "successor_partnership_id"]);
        assert!(got.iter().all(|(_, c)| c == "not_applicable"));
    }

    #[test]
    fn date_and_reason_are_required_the_date_not_in_the_future_and_all_problems_come_at_once() {
        let i = TransitionInput { status: "negotiating".into(), ..Default::default() };
        let got = codes(Transition::validate(&i, 1, Prospect, today()).expect_err("refused"));
        assert_eq!(
            got,
            [
                ("date".to_string(), "required".to_string()),
                ("reason".to_string(), "required".to_string()),
                ("version".to_string(), "required".to_string())
            ]
        );
        for (date, code) in
            [("2024-06-16", "in_future"), ("2025", "in_future"), ("2024-02-30", "no_such_date"), ("June", "invalid_partial_date")]
        {
            let mut i = input("negotiating");
            i.date = date.into();
            assert_eq!(codes(Transition::validate(&i, 1, Prospect, today()).expect_err(date)), [("date".to_string(), code.to_string())]);
        }
        let mut i = input("negotiating");
        i.date = "2024-06-15".into();
        assert_eq!(Transition::validate(&i, 1, Prospect, today()).expect("today is not the future").date.to_string(), "2024-06-15");
    }

    #[test]
    fn today_is_the_latest_date_anywhere() {
        let late_utc = DateTime::parse_from_rfc3339("2024-06-15T20:00:00Z").expect("valid").with_timezone(&Utc);
        assert_eq!(latest_today(late_utc), NaiveDate::from_ymd_opt(2024, 6, 16).expect("valid"), "already the 16th in Shanghai");
    }
}
