//! Validation of registrations (staff and public forms): every bad field named at once.

use super::input::local_time;
use super::{NewRegistration, PublicRegistrationInput, RegistrationInput, RegistrationKind};
use crate::error::{Error, FieldError, Problems, Result};
use crate::validate::{NAME_MAX, NOTE_MAX, country_code, optional_text, sort_key};

/// Largest party one registration may stand for.
pub const PARTY_MAX: i64 = 500;
const SHORT_MAX: usize = 100;

/// Checked loosely, as people's addresses vary.
fn email(s: &str) -> Result<Option<String>, FieldError> {
    crate::validate::optional_email("email", s)
}

fn phone(s: &str) -> Result<Option<String>, FieldError> {
    let Some(v) = optional_text("phone", s, 40)? else { return Ok(None) };
    let ok = v.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')')) && v.chars().any(|c| c.is_ascii_digit());
    if ok { Ok(Some(v)) } else { Err(FieldError::new("phone", "invalid_phone")) }
}

/// A local day or wall time, normalised to `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
fn when(p: &mut Problems, field: &str, s: &str) -> Option<(chrono::NaiveDateTime, String)> {
    if s.trim().is_empty() {
        return None;
    }
    let (t, day) = p.take(local_time(field, s))?;
    Some((t, if day { t.format("%Y-%m-%d").to_string() } else { t.format("%Y-%m-%dT%H:%M").to_string() }))
}

struct Names {
    name: String,
    name_zh: String,
}

fn names(p: &mut Problems, name: &str, name_zh: &str) -> Names {
    let n = p.take(optional_text("name", name, NAME_MAX)).flatten().unwrap_or_default();
    let z = p.take(optional_text("name_zh", name_zh, NAME_MAX)).flatten().unwrap_or_default();
    if name.trim().is_empty() && name_zh.trim().is_empty() {
        p.push(FieldError::new("name", "registration_name_required"));
    }
    Names { name: n, name_zh: z }
}

fn country(p: &mut Problems, s: &str) -> Option<String> {
    if s.trim().is_empty() { None } else { p.take(country_code("country_code", s)) }
}

impl NewRegistration {
    /// Validates a registration entered by staff (or through the API).
    pub fn validate(input: &RegistrationInput) -> Result<Self> {
        let mut p = Problems::default();
        let kind = if input.kind.trim().is_empty() {
            Some(RegistrationKind::Person)
        } else {
            p.take(RegistrationKind::parse_field("kind", &input.kind))
        };
        let n = names(&mut p, &input.name, &input.name_zh);
        let party_size = input.party_size.unwrap_or(1);
        if !(1..=PARTY_MAX).contains(&party_size) {
            p.push(FieldError::new("party_size", "out_of_range").with("min", 1).with("max", PARTY_MAX));
        }
        if kind == Some(RegistrationKind::Person) && party_size > 1 {
            p.push(FieldError::new("party_size", "person_party_of_one"));
        }
        let arrival = when(&mut p, "arrival", &input.arrival);
        let departure = when(&mut p, "departure", &input.departure);
        if let (Some(a), Some(d)) = (&arrival, &departure)
            && d.0.date() < a.0.date()
        {
            p.push(FieldError::new("departure", "departure_before_arrival"));
        }
        let r = NewRegistration {
            kind: kind.unwrap_or(RegistrationKind::Person),
            sort_key: sort_key(if n.name.is_empty() { &n.name_zh } else { &n.name }),
            name: n.name,
            name_zh: n.name_zh,
            organisation: p.take(optional_text("organisation", &input.organisation, NAME_MAX)).flatten(),
            country_code: country(&mut p, &input.country_code),
            partnership_id: input.partnership_id,
            role: p.take(optional_text("role", &input.role, SHORT_MAX)).flatten(),
            language: p.take(optional_text("language", &input.language, SHORT_MAX)).flatten(),
            party_size,
            arrival: arrival.map(|a| a.1),
            departure: departure.map(|d| d.1),
            accommodation: p.take(optional_text("accommodation", &input.accommodation, NAME_MAX)).flatten(),
            dietary: p.take(optional_text("dietary", &input.dietary, NAME_MAX)).flatten(),
            interpreter_needed: input.interpreter_needed,
            email: p.take(email(&input.email)).flatten(),
            phone: p.take(phone(&input.phone)).flatten(),
            notes: p.take(optional_text("notes", &input.notes, NOTE_MAX)).flatten(),
        };
        p.finish()?;
        Ok(r)
    }

    /// Validates what the public form sends (a person; the honeypot is the caller's concern).
    /// An e-mail address is required so the office can reach the registrant.
    pub fn validate_public(input: &PublicRegistrationInput) -> Result<Self> {
        let mut p = Problems::default();
        if input.email.trim().is_empty() {
            p.push(FieldError::new("email", "required"));
        }
        let staff = RegistrationInput {
            name: input.name.clone(),
            name_zh: input.name_zh.clone(),
            organisation: input.organisation.clone(),
            country_code: input.country_code.clone(),
            email: input.email.clone(),
            language: input.language.clone(),
            dietary: input.dietary.clone(),
            interpreter_needed: input.interpreter_needed,
            ..Default::default()
        };
        match Self::validate(&staff) {
            Ok(r) => p.finish().map(|()| r),
            Err(Error::Validation(errs)) => {
                let mut all: Vec<FieldError> = errs;
                if let Err(Error::Validation(more)) = p.finish() {
                    all.extend(more.into_iter().filter(|m| !all.iter().any(|a| a.field == m.field)).collect::<Vec<_>>());
                }
                Err(Error::Validation(all))
            }
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delegation_may_stand_for_several_people_but_a_person_may_not() {
        let d = RegistrationInput {
            kind: "delegation".into(),
            name: "Sacramento delegation".into(),
            party_size: Some(6),
            ..Default::default()
        };
        assert_eq!(NewRegistration::validate(&d).expect("valid").party_size, 6);
        let p = RegistrationInput { name: "Jane Doe".into(), party_size: Some(2), ..Default::default() };
        let Err(Error::Validation(e)) = NewRegistration::validate(&p) else { panic!("refused") };
        assert_eq!(e[0].field, "party_size");
    }

    #[test]
    fn departure_before_arrival_and_a_missing_name_are_named() {
        let i = RegistrationInput { arrival: "2023-06-10T14:00".into(), departure: "2023-06-09".into(), ..Default::default() };
        let Err(Error::Validation(e)) = NewRegistration::validate(&i) else { panic!("refused") };
        let f: Vec<_> = e.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(f, ["name", "departure"]);
    }

    #[test]
    fn the_public_form_needs_an_email_address() {
        let i = PublicRegistrationInput { name: "Jane Doe".into(), ..Default::default() };
        let Err(Error::Validation(e)) = NewRegistration::validate_public(&i) else { panic!("refused") };
        assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("email", "required"));
    }
}
