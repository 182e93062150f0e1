//! What a unit is, and the validated form of a unit input.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Problems, Result};
use crate::list::Paging;
use crate::validate::{NAME_MAX, optional_text, required_text, sort_key};

crate::choice!(
    /// What kind of administrative unit this is.
    UnitKind {
        City = "city",
        District = "district",
        County = "county",
        Bureau = "bureau",
        Zone = "zone",
        Office = "office",
        Other = "other",
    }
);

/// A unit as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unit {
    pub id: i64,
    /// The unit this one belongs to; `None` for the home city.
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub name_en: String,
    pub name_zh: String,
    /// When the unit was archived: kept for the records that name it, offered in no picker.
    /// `None` while it is active.
    pub archived_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Unit {
    /// The name in the reader's language, falling back to the other.
    pub fn name(&self, zh: bool) -> &str {
        if zh && !self.name_zh.is_empty() { &self.name_zh } else { &self.name_en }
    }

    /// Whether the unit is archived.
    pub fn is_archived(&self) -> bool {
        self.archived_at.is_some()
    }

    /// Whether a unit picker (a form's select or a list's filter) offers this unit: an active
    /// unit always; an archived one only where it is already chosen (`chosen` holds the picker's
    /// current values as the form carries them), so editing a record keeps its unit.
    pub fn offered(&self, chosen: &[&str]) -> bool {
        !self.is_archived() || chosen.iter().any(|c| c.trim() == self.id.to_string())
    }
}

/// Which units a list shows, and its page.
#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    /// `Some(true)`: archived units only; `Some(false)`: active ones only; `None`: all.
    pub archived: Option<bool>,
    pub paging: Paging,
}

/// Archiving or restoring a unit, as a form or the API sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct UnitArchiveInput {
    /// `true` archives the unit, `false` restores it.
    pub archived: bool,
    /// The version the editor saw (required).
    pub version: Option<i64>,
}

/// A unit as a form or API body gives it (unvalidated).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct UnitInput {
    pub parent_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub kind: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name_en: String,
    pub name_zh: String,
    /// Required on update: the version the editor saw.
    pub version: Option<i64>,
}

/// A validated unit, ready to store.
#[derive(Debug, Clone)]
pub struct NewUnit {
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub name_en: String,
    pub name_zh: String,
    pub sort_key: String,
}

impl NewUnit {
    /// Validates every field, reporting all problems at once.
    pub fn validate(input: &UnitInput) -> Result<Self> {
        let mut p = Problems::default();
        let kind = p.take_or(UnitKind::parse_field("kind", &input.kind), UnitKind::ALL[0]);
        let name_en = p.take_default(required_text("name_en", &input.name_en, NAME_MAX));
        let name_zh = p.take_default(optional_text("name_zh", &input.name_zh, NAME_MAX));
        p.finish()?;
        Ok(Self { parent_id: input.parent_id, kind, sort_key: sort_key(&name_en), name_en, name_zh: name_zh.unwrap_or_default() })
    }
}
