//! What a contact is, and the validated form of a contact input.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Problems, Result};
use crate::validate::{NAME_MAX, optional_text, search_key, sort_key};

/// Longest telephone number.
pub const PHONE_MAX: usize = 40;
/// Most languages a contact may list.
pub const LANGUAGES_MAX: usize = 10;
/// Longest language entry (a code such as `zh` or a name such as `Brazilian Portuguese`).
pub const LANGUAGE_MAX: usize = 40;
/// Longest note about a person. Shorter than other notes on purpose: notes on a person are
/// personal data, and a contact card needs a few lines, not a file.
pub const NOTE_MAX: usize = 2_000;

crate::choice!(
    /// Which side of the partnership the person works for.
    ContactSide {
        /// The home city and its units.
        Home = "home",
        /// The partner city.
        Partner = "partner",
    }
);

/// A contact as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub id: i64,
    pub partnership_id: i64,
    pub side: ContactSide,
    /// The name in the person's own script (김민수, Нина Петрова, 山田太郎).
    pub name_native: Option<String>,
    /// The name in Latin letters.
    pub name_romanised: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Languages the person works in: short codes or names.
    pub languages: Vec<String>,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Contact {
    /// The name to show first: romanised for English readers, native script otherwise, falling back to the other.
    pub fn display_name(&self, prefer_native: bool) -> &str {
        let (first, second) =
            if prefer_native { (&self.name_native, &self.name_romanised) } else { (&self.name_romanised, &self.name_native) };
        first.as_deref().or(second.as_deref()).unwrap_or_default()
    }
}

/// A contact as a form or API body gives it (unvalidated).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ContactInput {
    /// `home` or `partner`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub side: String,
    pub name_native: String,
    pub name_romanised: String,
    pub title: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub languages: Vec<String>,
    pub notes: String,
    /// Required on update: the version the editor saw.
    pub version: Option<i64>,
}

/// A validated contact, ready to store.
#[derive(Debug, Clone)]
pub struct NewContact {
    pub side: ContactSide,
    pub name_native: Option<String>,
    pub name_romanised: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
    pub notes: Option<String>,
    /// Folded names and organisation, for search.
    pub search_key: String,
    pub sort_key: String,
}

impl NewContact {
    /// Validates every field, reporting all problems at once. At least one of the two names is required.
    pub fn validate(input: &ContactInput) -> Result<Self> {
        let mut p = Problems::default();
        let side = p.take_or(ContactSide::parse_field("side", &input.side), ContactSide::ALL[0]);
        let native = optional_text("name_native", &input.name_native, NAME_MAX);
        let romanised = optional_text("name_romanised", &input.name_romanised, NAME_MAX);
        // Both names validly empty; a name refused for another reason is reported as that alone.
        let nameless = matches!((&native, &romanised), (Ok(None), Ok(None)));
        let name_native = p.take_default(native);
        let name_romanised = p.take_default(romanised);
        if nameless {
            p.push(FieldError::new("name_native", "contact_name_required"));
            p.push(FieldError::new("name_romanised", "contact_name_required"));
        }
        let title = p.take_default(optional_text("title", &input.title, NAME_MAX));
        let organisation = p.take_default(optional_text("organisation", &input.organisation, NAME_MAX));
        let email = p.take_default(email(&input.email));
        let phone = p.take_default(phone(&input.phone));
        let languages = p.take_default(languages(&input.languages));
        let notes = p.take_default(optional_text("notes", &input.notes, NOTE_MAX));
        p.finish()?;
        let names = [name_native.as_deref(), name_romanised.as_deref(), organisation.as_deref()];
        let search_key = search_key(names.into_iter().flatten());
        let sort_key = sort_key(name_romanised.as_deref().or(name_native.as_deref()).unwrap_or_default());
        Ok(Self { side, name_native, name_romanised, title, organisation, email, phone, languages, notes, search_key, sort_key })
    }
}

/// Checked loosely, as people's addresses vary.
fn email(s: &str) -> Result<Option<String>, FieldError> {
    crate::validate::optional_email("email", s)
}

/// Digits, spaces and `+ - ( )` only.
fn phone(s: &str) -> Result<Option<String>, FieldError> {
    let Some(v) = optional_text("phone", s, PHONE_MAX)? else { return Ok(None) };
    let ok = v.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')')) && v.chars().any(|c| c.is_ascii_digit());
    if ok { Ok(Some(v)) } else { Err(FieldError::new("phone", "invalid_phone")) }
}

/// Up to [`LANGUAGES_MAX`] entries; blank entries are dropped and repeats (ignoring case) kept once.
fn languages(items: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("languages[{i}]");
        let Some(v) = optional_text(&field, item, LANGUAGE_MAX)? else { continue };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn input() -> ContactInput {
        ContactInput { side: "partner".into(), name_romanised: "Kim Min-su".into(), ..Default::default() }
    }

    fn fields(r: Result<NewContact>) -> Vec<String> {
        match r {
            Err(Error::Validation(f)) => f.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn one_name_in_either_script_is_enough() {
        let c =
            NewContact::validate(&ContactInput { name_native: "김민수".into(), name_romanised: String::new(), ..input() }).expect("valid");
        assert_eq!((c.name_native.as_deref(), c.name_romanised, c.sort_key.as_str()), (Some("김민수"), None, "김민수"));
        let both_empty = ContactInput { name_romanised: "  ".into(), ..input() };
        assert_eq!(fields(NewContact::validate(&both_empty)), ["name_native", "name_romanised"]);
    }

    #[test]
    fn email_is_checked_loosely() {
        for ok in ["a@b", "min-su.kim@suwon.go.kr", "\"odd\"@example.org"] {
            assert!(email(ok).is_ok(), "{ok}");
        }
        for bad in ["no-at-sign", "two@@example.org", "a@b@c", "@example.org", "a@", "kim min@suwon.go.kr"] {
            assert_eq!(email(bad).expect_err(bad).code, "invalid_email", "{bad}");
        }
        assert_eq!(email(&format!("{}@example.org", "a".repeat(250))).expect_err("long").code, "too_long");
    }

    #[test]
    fn phone_numbers_hold_digits_spaces_and_plus_minus_brackets_only() {
        assert_eq!(phone("+82 (31) 228-2114"), Ok(Some("+82 (31) 228-2114".to_string())));
        for bad in ["call me", "+82 31 228 2114 ext. 5", "---", "0531/8888"] {
            assert_eq!(phone(bad).expect_err(bad).code, "invalid_phone", "{bad}");
        }
        assert_eq!(phone(&"1".repeat(41)).expect_err("long").code, "too_long");
    }

    #[test]
    fn languages_are_deduplicated_and_at_most_ten() {
        let l = |v: &[&str]| languages(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(l(&["ko", " ", "en", "KO", "Japanese"]), Ok(vec!["ko".to_string(), "en".to_string(), "Japanese".to_string()]));
        let eleven: Vec<String> = (0..11).map(|i| format!("lang{i}")).collect();
        assert_eq!(languages(&eleven).expect_err("too many").code, "too_many");
        assert_eq!(l(&["x".repeat(41).as_str()]).expect_err("long").field, "languages[0]");
    }

    #[test]
    fn long_notes_are_refused_and_the_search_key_holds_names_and_organisation() {
        let long = ContactInput { notes: "x".repeat(10_000), ..input() };
        assert_eq!(fields(NewContact::validate(&long)), ["notes"]);
        let c = NewContact::validate(&ContactInput { name_native: "김민수".into(), organisation: "Suwon City Hall".into(), ..input() })
            .expect("valid");
        assert_eq!(c.search_key, "|김민수|kim min-su|suwon city hall|");
    }
}
