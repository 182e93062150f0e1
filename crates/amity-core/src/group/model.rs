//! What a country group is, and the validated form of a group input.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Problems, Result};
use crate::validate::{NAME_MAX, NOTE_MAX, country_code, optional_text, required_text, sort_key, truncate};

/// Longest group code.
pub const CODE_MAX: usize = 60;

/// A country group as stored, with its members.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryGroup {
    pub id: i64,
    /// Stable slug used in URLs and exports, e.g. `caribbean`.
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
    /// Where the group and its membership come from.
    pub source_note: Option<String>,
    /// ISO 3166-1 alpha-2 codes of the member countries, sorted.
    pub members: Vec<String>,
    /// The protocol calendar shows the national days of the members.
    pub on_calendar: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CountryGroup {
    /// The name in the reader's language.
    pub fn name(&self, zh: bool) -> &str {
        if zh { &self.name_zh } else { &self.name_en }
    }
}

/// A country group as a form or API body gives it (unvalidated).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CountryGroupInput {
    /// Lower-case letters, digits and hyphens, e.g. `latin-america-caribbean`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name_en: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name_zh: String,
    pub source_note: String,
    /// ISO 3166-1 alpha-2 codes (any case; duplicates are dropped).
    pub members: Vec<String>,
    /// Show the members' national days on the protocol calendar (default: no).
    pub on_calendar: bool,
    /// Required on update: the version the editor saw.
    pub version: Option<i64>,
}

/// A validated country group, ready to store.
#[derive(Debug, Clone)]
pub struct NewCountryGroup {
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
    pub source_note: Option<String>,
    /// Upper-case, known to the reference data, sorted, without duplicates.
    pub members: Vec<String>,
    pub on_calendar: bool,
    pub sort_key: String,
}

impl NewCountryGroup {
    /// Validates every field, reporting all problems at once (each bad member as `members[i]`).
    pub fn validate(input: &CountryGroupInput) -> Result<Self> {
        let mut p = Problems::default();
        let code = p.take_default(slug(&input.code));
        let name_en = p.take_default(required_text("name_en", &input.name_en, NAME_MAX));
        let name_zh = p.take_default(required_text("name_zh", &input.name_zh, NAME_MAX));
        let source_note = p.take_default(optional_text("source_note", &input.source_note, NOTE_MAX));
        let mut members: Vec<String> = Vec::new();
        for (i, m) in input.members.iter().enumerate() {
            if let Some(iso2) = p.take(country_code(&format!("members[{i}]"), m)) {
                members.push(iso2);
            }
        }
        p.finish()?;
        members.sort();
        members.dedup();
        Ok(Self { code, sort_key: sort_key(&name_en), name_en, name_zh, source_note, members, on_calendar: input.on_calendar })
    }
}

/// A slug: lower-case ASCII letters, digits and single hyphens inside, at most [`CODE_MAX`].
fn slug(s: &str) -> Result<String, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::new("code", "required"));
    }
    let chars_ok = s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let shape_ok = !s.starts_with('-') && !s.ends_with('-') && !s.contains("--");
    if s.len() <= CODE_MAX && chars_ok && shape_ok {
        Ok(s.to_string())
    } else {
        Err(FieldError::new("code", "invalid_slug").with("max", CODE_MAX).with("value", truncate(s, 20)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn input(code: &str, members: &[&str]) -> CountryGroupInput {
        CountryGroupInput {
            code: code.into(),
            name_en: "Caribbean".into(),
            name_zh: "加勒比地区".into(),
            members: members.iter().map(|m| m.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn members_are_upper_cased_sorted_and_deduplicated() {
        let g = NewCountryGroup::validate(&input("caribbean", &["tt", "GY", "jm", "TT"])).expect("valid");
        assert_eq!(g.members, ["GY", "JM", "TT"]);
        assert_eq!(g.source_note, None);
    }

    #[test]
    fn an_unknown_member_is_reported_by_its_position() {
        let Err(Error::Validation(f)) = NewCountryGroup::validate(&input("caribbean", &["GY", "XX", "JM", "ZZ"])) else {
            panic!("invalid")
        };
        let fields: Vec<&str> = f.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["members[1]", "members[3]"]);
        assert_eq!(f[0].code, "unknown_country");
    }

    #[test]
    fn codes_are_slugs_and_both_names_are_required() {
        for bad in ["Caribbean", "latin america", "-x", "x-", "a--b", "加勒比"] {
            assert_eq!(slug(bad).expect_err(bad).code, "invalid_slug", "{bad}");
        }
        assert_eq!(slug(" latin-america-caribbean "), Ok("latin-america-caribbean".to_string()));
        let Err(Error::Validation(f)) = NewCountryGroup::validate(&CountryGroupInput::default()) else { panic!("invalid") };
        let fields: Vec<&str> = f.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["code", "name_en", "name_zh"]);
    }
}
