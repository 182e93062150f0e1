//! A validated delegation and its validation: every bad field named by its path
//! (`members[2].name`, `itinerary[0].starts_at`), all at once, before anything is written.

use chrono::NaiveDate;

use super::input::DelegationInput;
use super::list_input::{accommodation, day, interpreters, itinerary, members, transport};
use super::{Direction, Interpreter, ItineraryItem, MemberRole, Stay, Transport};
use crate::bilingual::required_pair;
use crate::error::{FieldError, Problems, Result};
use crate::validate::{NAME_MAX, NOTE_MAX, country_code, optional_text, optional_url, search_key};

/// A validated member; `id` names an existing one to keep.
#[derive(Debug, Clone)]
pub struct NewMember {
    pub id: Option<i64>,
    pub name: String,
    pub name_native: Option<String>,
    pub title: Option<String>,
    pub rank: Option<String>,
    pub equivalent_post: Option<String>,
    pub organisation: Option<String>,
    pub role: MemberRole,
}

/// A validated delegation, ready to store.
#[derive(Debug, Clone)]
pub struct NewDelegation {
    pub direction: Direction,
    pub title: String,
    pub title_zh: String,
    pub purpose: Option<String>,
    pub purpose_zh: Option<String>,
    pub partnership_ids: Vec<i64>,
    pub countries: Vec<String>,
    pub fields: Vec<String>,
    pub owner_unit_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub host: Option<String>,
    pub approval_document: Option<String>,
    pub approval_number: Option<String>,
    pub approval_date: Option<NaiveDate>,
    pub report: Option<String>,
    pub notes: Option<String>,
    pub source_url: Option<String>,
    pub members: Vec<NewMember>,
    pub transport: Vec<Transport>,
    pub accommodation: Vec<Stay>,
    pub interpreters: Vec<Interpreter>,
    pub itinerary: Vec<ItineraryItem>,
    /// Folded title, purpose, host and member names, for search.
    pub search_key: String,
}

impl NewDelegation {
    /// Validates a delegation's own fields and lists (references are checked against the store by the service).
    pub fn validate(input: &DelegationInput) -> Result<Self> {
        let mut p = Problems::default();
        let direction = p.take_or(Direction::parse_field("direction", &input.direction), Direction::ALL[0]);
        let (title, title_zh) = required_pair(&mut p, "title", &input.title, &input.title_zh, NAME_MAX);
        let purpose = p.take_default(optional_text("purpose", &input.purpose, NOTE_MAX));
        let purpose_zh = p.take_default(optional_text("purpose_zh", &input.purpose_zh, NOTE_MAX));
        let mut partnership_ids: Vec<i64> = Vec::new();
        for id in &input.partnership_ids {
            if !partnership_ids.contains(id) {
                partnership_ids.push(*id);
            }
        }
        let mut countries: Vec<String> = Vec::new();
        for (i, c) in input.countries.iter().enumerate() {
            if c.trim().is_empty() {
                continue;
            }
            if let Some(code) = p.take(country_code(&format!("countries[{i}]"), c))
                && !countries.contains(&code)
            {
                countries.push(code);
            }
        }
        if partnership_ids.is_empty() && countries.is_empty() && input.countries.iter().all(|c| c.trim().is_empty()) {
            p.push(FieldError::new("countries", "partner_or_country_required"));
        }
        let fields = crate::field::codes(&mut p, &input.fields);
        if input.owner_unit_id.is_none() {
            p.push(FieldError::new("owner_unit_id", "required"));
        }
        let starts_on = p.take(day("starts_on", &input.starts_on, true)).flatten();
        let ends_on = p.take(day("ends_on", &input.ends_on, true)).flatten();
        let span = match (starts_on, ends_on) {
            (Some(a), Some(b)) if b < a => {
                p.push(FieldError::new("ends_on", "end_before_start"));
                None
            }
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        let host = p.take_default(optional_text("host", &input.host, NAME_MAX));
        let approval_document = p.take_default(optional_text("approval_document", &input.approval_document, NAME_MAX));
        let approval_number = p.take_default(optional_text("approval_number", &input.approval_number, 100));
        let approval_date = p.take_default(day("approval_date", &input.approval_date, false));
        let report = p.take_default(optional_text("report", &input.report, NOTE_MAX));
        let notes = p.take_default(optional_text("notes", &input.notes, NOTE_MAX));
        let source_url = p.take_default(optional_url("source_url", &input.source_url));
        let members = members(&mut p, &input.members);
        let transport = transport(&mut p, &input.transport);
        let accommodation = accommodation(&mut p, &input.accommodation);
        let interpreters = interpreters(&mut p, &input.interpreters);
        let itinerary = itinerary(&mut p, &input.itinerary, span);
        p.finish()?;
        // The days steer the itinerary's checks, so they stay optional until here.
        let (owner_unit_id, starts_on, ends_on) =
            (input.owner_unit_id.unwrap_or_default(), starts_on.unwrap_or_default(), ends_on.unwrap_or_default());
        let texts = [&purpose, &purpose_zh, &host].map(|t| t.as_deref().unwrap_or(""));
        let names = [title.as_str(), title_zh.as_str()].into_iter().chain(texts);
        let member_names = members.iter().flat_map(|m| [m.name.as_str(), m.name_native.as_deref().unwrap_or("")]);
        let search_key = search_key(names.into_iter().chain(member_names));
        Ok(NewDelegation {
            direction,
            title,
            title_zh,
            purpose,
            purpose_zh,
            partnership_ids,
            countries,
            fields,
            owner_unit_id,
            starts_on,
            ends_on,
            host,
            approval_document,
            approval_number,
            approval_date,
            report,
            notes,
            source_url,
            members,
            transport,
            accommodation,
            interpreters,
            itinerary,
            search_key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::delegation::{ItineraryInput, MemberInput, StayInput, TransportInput};

    fn valid() -> DelegationInput {
        DelegationInput {
            direction: "outbound".into(),
            title: "Jinan municipal delegation to Trinidad and Tobago".into(),
            countries: vec!["tt".into()],
            owner_unit_id: Some(1),
            starts_on: "2023-04-21".into(),
            ends_on: "2023-04-23".into(),
            members: vec![MemberInput { name: "ZHANG San".into(), ..Default::default() }],
            itinerary: vec![ItineraryInput {
                starts_at: "2023-04-22T10:00".into(),
                activity: "Visit to the Phoenix Park Industrial Estate".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn fields(r: Result<NewDelegation>) -> Vec<String> {
        match r {
            Err(Error::Validation(f)) => f.into_iter().map(|e| format!("{}:{}", e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_delegation_keeps_upper_case_countries_and_default_roles() {
        let d = NewDelegation::validate(&valid()).expect("valid");
        assert_eq!(d.countries, ["TT"]);
        assert_eq!(d.members[0].role, MemberRole::Member);
        assert!(d.search_key.contains("zhang san"));
    }

    #[test]
    fn bad_rows_are_named_by_their_path() {
        let mut i = valid();
        i.ends_on = "2023-04-20".into();
        i.members = vec![MemberInput { name: "A".into(), ..Default::default() }, MemberInput::default()];
        assert_eq!(fields(NewDelegation::validate(&i)), ["ends_on:end_before_start", "members[1].name:required"]);
        let mut i = valid();
        i.itinerary[0].starts_at = "2023-04-25T09:00".into();
        assert_eq!(fields(NewDelegation::validate(&i)), ["itinerary[0].starts_at:outside_visit"]);
        i.itinerary[0].starts_at = "tomorrow".into();
        assert_eq!(fields(NewDelegation::validate(&i)), ["itinerary[0].starts_at:invalid_datetime"]);
    }

    #[test]
    fn a_delegation_needs_a_partner_or_a_country() {
        let mut i = valid();
        i.countries.clear();
        assert_eq!(fields(NewDelegation::validate(&i)), ["countries:partner_or_country_required"]);
        i.partnership_ids = vec![4];
        assert!(NewDelegation::validate(&i).is_ok());
    }

    #[test]
    fn journeys_need_a_time_and_stays_end_after_they_begin() {
        let mut i = valid();
        i.transport = vec![TransportInput { leg: "arrival".into(), mode: "flight".into(), ..Default::default() }];
        i.accommodation =
            vec![StayInput { name: "Hotel".into(), check_in: "2023-04-22".into(), check_out: "2023-04-21".into(), ..Default::default() }];
        assert_eq!(
            fields(NewDelegation::validate(&i)),
            ["transport[0].departs_at:departure_or_arrival_required", "accommodation[0].check_out:end_before_start"]
        );
    }

    #[test]
    fn a_chinese_title_alone_will_do_and_is_searched() {
        let mut i = valid();
        i.title = String::new();
        i.title_zh = "济南市代表团访问特立尼达和多巴哥".into();
        let d = NewDelegation::validate(&i).expect("valid");
        assert!(d.search_key.contains("特立尼达"), "{}", d.search_key);
        i.title_zh = String::new();
        assert_eq!(fields(NewDelegation::validate(&i)), ["title:title_required"]);
        i.title_zh = "长".repeat(NAME_MAX + 1);
        assert_eq!(fields(NewDelegation::validate(&i)), ["title_zh:too_long"]);
    }
}
