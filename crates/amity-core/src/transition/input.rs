//! A requested change of status as a form or the API gives it, validated against a status machine:
//! dated (not in the future; the office's today when the machine does not ask for a date), with a
//! reason, a condition for a suspension, and who ended it (and the successor) for an ending.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use super::{StatusMachine, check};
use crate::error::{FieldError, Problems, Result};
use crate::validate::{NOTE_MAX, optional_text, required_text};
use crate::{PartialDate, PartialDateError};

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

/// The latest calendar date it is anywhere now (UTC+14): a date entered as "today" in any office's
/// time zone, Asia/Shanghai included, is never refused as being in the future.
pub fn latest_today(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(14)).date_naive()
}

/// A change of status as a form or the API gives it: the same for every record that has a status.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TransitionInput {
    /// The status to move to.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub status: String,
    /// When it happened: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, not in the future. Required for
    /// partnerships; elsewhere it defaults to the office's today.
    pub date: String,
    /// Why. Required for partnerships and for a cancellation.
    pub reason: String,
    /// For a partnership's suspension (required then): the condition it lasts until.
    pub condition: String,
    /// For a partnership's ending (required then): `home_side`, `partner_side` or `national_authority`.
    pub ended_by: String,
    /// For an ending after a municipal merger: the partnership that continues this one.
    pub successor_partnership_id: Option<i64>,
    /// For an event marked `held`: the partnerships that took part, each among the event's invited,
    /// co-organising or registered partnerships; one activity is logged for each. When absent, the
    /// pre-ticked set: the co-organising partnerships and those with a checked-in registrant. `[]`
    /// logs none. Not applicable to any other change.
    pub took_part: Option<Vec<i64>>,
    /// The version of the record the user saw.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub version: Option<i64>,
}

/// A validated change of status of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition<S> {
    pub from: S,
    pub to: S,
    pub date: PartialDate,
    pub reason: Option<String>,
    pub condition: Option<String>,
    pub ended_by: Option<EndedBy>,
    pub successor_id: Option<i64>,
    /// The partnerships that took part, without repeats, when the change says so.
    pub took_part: Option<Vec<i64>>,
    pub version: i64,
}

impl<S: StatusMachine> Transition<S> {
    /// Validates a change of record `id` from status `from`, reporting every problem at once. `today`
    /// is the default date and the latest one accepted. Whether a successor exists is for the service
    /// to check in its transaction.
    pub fn validate(input: &TransitionInput, id: i64, from: S, today: NaiveDate) -> Result<Self> {
        let mut p = Problems::default();
        // With no valid target, nothing that depends on it is checked (its fields are not refused).
        let to = p.take(parse::<S>(&input.status).and_then(|to| check(from, to)));
        let date = p.take_or(date::<S>(&input.date, today), PartialDate::Day(today));
        let reason = if to.is_some_and(S::reason_required) {
            p.take_or(required_text("reason", &input.reason, NOTE_MAX).map(Some), None)
        } else {
            p.take_or(optional_text("reason", &input.reason, NOTE_MAX), None)
        };
        let condition = p.take_or(
            only_when(to.map(S::condition_required), "condition", &input.condition, || {
                required_text("condition", &input.condition, NOTE_MAX)
            }),
            None,
        );
        let ending = to.map(S::ended_by_required);
        let ended_by =
            p.take_or(only_when(ending, "ended_by", &input.ended_by, || EndedBy::parse_field("ended_by", &input.ended_by)), None);
        let successor = match input.successor_partnership_id {
            Some(_) if ending == Some(false) => Err(FieldError::new("successor_partnership_id", "not_applicable")),
            Some(s) if s == id => Err(FieldError::new("successor_partnership_id", "successor_is_self")),
            s => Ok(s),
        };
        let successor_id = p.take_or(successor, None);
        let took_part = match &input.took_part {
            Some(_) if to.is_some_and(|to| !S::took_part_applies(to)) => Err(FieldError::new("took_part", "not_applicable")),
            Some(ids) => Ok(Some(ids.iter().fold(Vec::new(), |mut seen, id| {
                if !seen.contains(id) {
                    seen.push(*id);
                }
                seen
            }))),
            None => Ok(None),
        };
        let took_part = p.take_or(took_part, None);
        let version = p.take_or(input.version.ok_or_else(|| FieldError::new("version", "required")), 0);
        p.finish()?;
        Ok(Self { from, to: to.unwrap_or(from), date, reason, condition, ended_by, successor_id, took_part, version })
    }
}

fn parse<S: StatusMachine>(s: &str) -> Result<S, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::new("status", "required"));
    }
    S::from_code(s.trim()).ok_or_else(|| {
        FieldError::new("status", "invalid_choice").with("allowed", S::all().iter().map(|v| v.code()).collect::<Vec<_>>().join(", "))
    })
}

/// The change's date: required, or today when empty; never after today.
fn date<S: StatusMachine>(s: &str, today: NaiveDate) -> Result<PartialDate, FieldError> {
    if s.trim().is_empty() {
        return if S::DATE_REQUIRED { Err(FieldError::new("date", "required")) } else { Ok(PartialDate::Day(today)) };
    }
    past_date("date", s, today)
}

/// A field that belongs to some target statuses: validated there (`Some(true)`), refused as not
/// applicable when given for another status, absent otherwise (and when there is no valid target).
fn only_when<T>(
    applies: Option<bool>,
    field: &str,
    given: &str,
    check: impl FnOnce() -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    match (applies, given.trim().is_empty()) {
        (Some(true), _) => check().map(Some),
        (Some(false), false) => Err(FieldError::new(field, "not_applicable")),
        _ => Ok(None),
    }
}

/// A required partial date that is not after `latest`.
pub(crate) fn past_date(field: &str, s: &str, latest: NaiveDate) -> Result<PartialDate, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    let d = PartialDate::parse(s).map_err(|e| match e {
        PartialDateError::Format => FieldError::new(field, "invalid_partial_date"),
        PartialDateError::NoSuchDate => FieldError::new(field, "no_such_date"),
    })?;
    if d.is_after(latest) {
        return Err(FieldError::new(field, "in_future"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::delegation::DelegationStatus;
    use crate::event::EventStatus;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 15).expect("valid")
    }

    fn codes(e: Error) -> Vec<(String, String)> {
        match e {
            Error::Validation(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_change_without_a_date_happens_today_where_the_machine_does_not_ask_for_one() {
        let i = TransitionInput { status: "approved".into(), version: Some(4), ..Default::default() };
        let t = Transition::validate(&i, 1, DelegationStatus::Proposed, today()).expect("valid");
        assert_eq!((t.to, t.date, t.reason, t.version), (DelegationStatus::Approved, PartialDate::Day(today()), None, 4));
    }

    #[test]
    fn every_machine_answers_an_illegal_step_with_the_same_code_naming_what_is_allowed() {
        let i = TransitionInput { status: "completed".into(), version: Some(1), ..Default::default() };
        let e = Transition::validate(&i, 1, DelegationStatus::Cancelled, today()).expect_err("cancelled reopens as proposed only");
        let Error::Validation(f) = e else { panic!("validation") };
        assert_eq!((f[0].field.as_str(), f[0].code.as_str()), ("status", "illegal_transition"));
        assert!(f[0].params.contains(&("allowed".into(), "proposed".into())), "{:?}", f[0].params);
        let i = TransitionInput { status: "reported".into(), version: Some(1), ..Default::default() };
        let e = Transition::validate(&i, 1, EventStatus::Idea, today()).expect_err("an idea is not reported");
        assert_eq!(codes(e), [("status".to_string(), "illegal_transition".to_string())]);
    }

    #[test]
    fn a_cancelled_event_needs_a_reason_and_partnership_fields_are_not_applicable_to_it() {
        let i = TransitionInput { status: "cancelled".into(), version: Some(1), ..Default::default() };
        assert_eq!(
            codes(Transition::validate(&i, 1, EventStatus::Planned, today()).expect_err("no reason")),
            [("reason".to_string(), "required".to_string())]
        );
        let i = TransitionInput {
            status: "cancelled".into(),
            reason: "venue closed".into(),
            condition: "until spring".into(),
            ended_by: "home_side".into(),
            successor_partnership_id: Some(3),
            version: Some(1),
            ..Default::default()
        };
        let got = codes(Transition::validate(&i, 1, EventStatus::Planned, today()).expect_err("refused"));
        assert_eq!(
            got,
            [
                ("condition".to_string(), "not_applicable".to_string()),
                ("ended_by".to_string(), "not_applicable".to_string()),
                ("successor_partnership_id".to_string(), "not_applicable".to_string())
            ]
        );
    }

    #[test]
    fn only_an_event_marked_held_says_who_took_part_each_named_once() {
        let i = TransitionInput { status: "held".into(), took_part: Some(vec![4, 2, 4]), version: Some(1), ..Default::default() };
        let t = Transition::validate(&i, 1, EventStatus::Confirmed, today()).expect("valid");
        assert_eq!(t.took_part, Some(vec![4, 2]));
        let i = TransitionInput { status: "completed".into(), took_part: Some(vec![4]), version: Some(1), ..Default::default() };
        let e = Transition::validate(&i, 1, DelegationStatus::InProgress, today()).expect_err("a visit logs its own partnerships");
        assert_eq!(codes(e), [("took_part".to_string(), "not_applicable".to_string())]);
    }

    #[test]
    fn a_date_after_today_is_refused_for_every_machine() {
        let i = TransitionInput { status: "approved".into(), date: "2024-06-16".into(), version: Some(1), ..Default::default() };
        assert_eq!(
            codes(Transition::validate(&i, 1, DelegationStatus::Proposed, today()).expect_err("tomorrow")),
            [("date".to_string(), "in_future".to_string())]
        );
    }
}
