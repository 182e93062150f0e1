//! The relationship lifecycle as a status machine: which status may follow which (the rule table),
//! and what a change must carry — always a date and a reason, a condition for a suspension, and who
//! ended it for an ending. Changes go through the shared [`crate::transition`] helper.

use super::PartnershipStatus;
use super::PartnershipStatus::{Active, Ended, LetterOfIntent, Negotiating, Prospect, Suspended};
pub(crate) use crate::transition::past_date;
pub use crate::transition::{EndedBy, Transition, TransitionInput, latest_today};

crate::status_machine!(
    PartnershipStatus,
    subject = "partnership",
    date_required = true,
    // Ended is final; a suspension is lifted by going back to active; negotiations may fall back a
    // step or conclude without a letter of intent.
    next = |from| match from {
        Prospect => &[Negotiating, Ended],
        Negotiating => &[Prospect, LetterOfIntent, Active, Ended],
        LetterOfIntent => &[Negotiating, Active, Ended],
        Active => &[Suspended, Ended],
        Suspended => &[Active, Ended],
        Ended => &[],
    },
    reason_required = |_to| true,
    condition_required = |to| to == Suspended,
    ended_by_required = |to| to == Ended,
);

/// Whether a partnership in status `from` may move to `to`.
pub fn allowed(from: PartnershipStatus, to: PartnershipStatus) -> bool {
    crate::transition::allowed(from, to)
}

/// The statuses a partnership in `from` may move to, in lifecycle order.
pub fn next_statuses(from: PartnershipStatus) -> Vec<PartnershipStatus> {
    crate::transition::next_statuses(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use chrono::{DateTime, NaiveDate, Utc};

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
