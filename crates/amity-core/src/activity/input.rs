//! Validation of activities and commitments: every bad field named, all at once.

use chrono::NaiveDate;

use super::{ActivityInput, ActivityKind, ActivityStatus, CommitmentInput, CommitmentStatus, NewActivity, NewCommitment};
use crate::bilingual::required_pair;
use crate::error::{Error, FieldError, Problems, Result};
use crate::validate::{NAME_MAX, NOTE_MAX, optional_text, optional_url, required_text, search_key};
use crate::{PartialDate, PartialDateError};

fn date(field: &str, s: &str, required: bool) -> Result<Option<PartialDate>, FieldError> {
    if s.trim().is_empty() {
        return if required { Err(FieldError::new(field, "required")) } else { Ok(None) };
    }
    PartialDate::parse(s).map(Some).map_err(|e| match e {
        PartialDateError::Format => FieldError::new(field, "invalid_partial_date"),
        PartialDateError::NoSuchDate => FieldError::new(field, "no_such_date"),
    })
}

/// A due day (`YYYY-MM-DD`).
fn day(field: &str, s: &str) -> Result<NaiveDate, FieldError> {
    match date(field, s, true)? {
        Some(PartialDate::Day(d)) => Ok(d),
        _ => Err(FieldError::new(field, "invalid_date")),
    }
}

impl NewCommitment {
    /// Validates a commitment; `starts` is the activity's first day, before which nothing can be due.
    pub fn validate(prefix: &str, c: &CommitmentInput, starts: Option<NaiveDate>) -> Result<Self> {
        let f = |name: &str| if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        let mut p = Problems::default();
        let what = p.take_default(required_text(&f("what"), &c.what, 500));
        let who = p.take_default(optional_text(&f("who"), &c.who, NAME_MAX)).unwrap_or_default();
        let due = p.take(day(&f("due_on"), &c.due_on));
        let status = if c.status.trim().is_empty() {
            CommitmentStatus::Open
        } else {
            p.take_or(CommitmentStatus::parse_field(&f("status"), &c.status), CommitmentStatus::Open)
        };
        if let (Some(d), Some(s)) = (due, starts)
            && d < s
        {
            p.push(FieldError::new(f("due_on"), "due_before_activity"));
        }
        p.finish()?;
        Ok(Self { what, who, due_on: due.unwrap_or_default(), status })
    }
}

impl NewActivity {
    /// Validates an activity's own fields (references are checked against the store by the service).
    pub fn validate(input: &ActivityInput) -> Result<Self> {
        let mut p = Problems::default();
        let kind = p.take_or(ActivityKind::parse_field("kind", &input.kind), ActivityKind::ALL[0]);
        let (title, title_zh) = required_pair(&mut p, "title", &input.title, &input.title_zh, NAME_MAX);
        let start = p.take(date("start_on", &input.start_on, true)).flatten();
        let end = p.take(date("end_on", &input.end_on, false)).flatten();
        if let (Some(s), Some(e)) = (start, end)
            && e.last_day() < s.first_day()
        {
            p.push(FieldError::new("end_on", "end_before_start"));
        }
        let status = p.take_or(ActivityStatus::parse_field("status", &input.status), ActivityStatus::ALL[0]);
        if input.owner_unit_id.is_none() {
            p.push(FieldError::new("owner_unit_id", "required"));
        }
        let mut partnerships: Vec<i64> = Vec::new();
        for id in &input.partnership_ids {
            if !partnerships.contains(id) {
                partnerships.push(*id);
            }
        }
        if partnerships.is_empty() {
            p.push(FieldError::new("partnership_ids", "required"));
        }
        let fields = crate::field::codes(&mut p, &input.fields);
        if let Some(n) = input.participants
            && !(0..=10_000_000).contains(&n)
        {
            p.push(FieldError::new("participants", "out_of_range").with("min", 0).with("max", 10_000_000));
        }
        let summary = p.take_default(optional_text("summary", &input.summary, NOTE_MAX));
        let summary_zh = p.take_default(optional_text("summary_zh", &input.summary_zh, NOTE_MAX));
        let outcome = p.take_default(optional_text("outcome", &input.outcome, NOTE_MAX));
        let source_url = p.take_default(optional_url("source_url", &input.source_url));
        for (i, c) in input.commitments.iter().enumerate() {
            if let Err(Error::Validation(errs)) = NewCommitment::validate(&format!("commitments[{i}]"), c, start.map(|s| s.first_day())) {
                errs.into_iter().for_each(|e| p.push(e));
            }
        }
        p.finish()?;
        // The start steers the checks of the end and the commitments, so it stays optional until here.
        let start_on = start.unwrap_or(PartialDate::Day(NaiveDate::default()));
        let texts = [&title, &title_zh].map(String::as_str);
        let notes = [&summary, &summary_zh, &outcome].map(|t| t.as_deref().unwrap_or(""));
        let key = search_key(texts.into_iter().chain(notes));
        Ok(NewActivity {
            kind,
            start_day: start_on.first_day(),
            title,
            title_zh,
            start_on,
            end_on: end,
            status,
            owner_unit_id: input.owner_unit_id.unwrap_or_default(),
            partnership_ids: partnerships,
            fields,
            participants: input.participants,
            summary,
            summary_zh,
            outcome,
            source_url,
            search_key: key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn valid() -> ActivityInput {
        ActivityInput {
            kind: "inbound_visit".into(),
            title: "Delegation from Sacramento".into(),
            start_on: "2023-05-10".into(),
            status: "done".into(),
            owner_unit_id: Some(1),
            partnership_ids: vec![3, 3],
            fields: vec!["culture".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_activity_keeps_its_first_day_and_drops_repeated_partners() {
        let a = NewActivity::validate(&valid()).expect("valid");
        assert_eq!(a.start_day.to_string(), "2023-05-10");
        assert_eq!(a.partnership_ids, vec![3]);
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let mut i = valid();
        i.end_on = "2023-05-09".into();
        let Err(Error::Validation(e)) = NewActivity::validate(&i) else { panic!("refused") };
        assert_eq!(e[0].field, "end_on");
        i.end_on = "2023-05".into();
        assert!(NewActivity::validate(&i).is_ok(), "a month-only end that includes the start is fine");
    }

    #[test]
    fn a_commitment_due_before_the_activity_is_refused() {
        let mut i = valid();
        i.commitments = vec![CommitmentInput { what: "Send the photos".into(), due_on: "2023-05-01".into(), ..Default::default() }];
        let Err(Error::Validation(e)) = NewActivity::validate(&i) else { panic!("refused") };
        assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("commitments[0].due_on", "due_before_activity"));
    }

    #[test]
    fn an_activity_without_partners_or_unit_names_both() {
        let mut i = valid();
        i.partnership_ids.clear();
        i.owner_unit_id = None;
        let Err(Error::Validation(e)) = NewActivity::validate(&i) else { panic!("refused") };
        let fields: Vec<_> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["owner_unit_id", "partnership_ids"]);
    }

    #[test]
    fn a_title_in_either_language_will_do_and_both_are_searched() {
        let mut i = valid();
        i.title = String::new();
        i.title_zh = "萨克拉门托代表团来访".into();
        i.summary_zh = "双方签署合作备忘录".into();
        let a = NewActivity::validate(&i).expect("a Chinese title alone is enough");
        assert!(a.search_key.contains("萨克拉门托") && a.search_key.contains("备忘录"), "{}", a.search_key);
        i.title_zh = " ".into();
        let Err(Error::Validation(e)) = NewActivity::validate(&i) else { panic!("refused") };
        assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("title", "title_required"));
        i.title_zh = "长".repeat(NAME_MAX + 1);
        let Err(Error::Validation(e)) = NewActivity::validate(&i) else { panic!("refused") };
        assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("title_zh", "too_long"));
    }
}
