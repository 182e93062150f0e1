//! A series of recurring events (a "brand activity" such as the World Sister City Forum): as
//! stored, as entered, and as validated.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::pick;
use crate::error::{FieldError, Problems, Result};
use crate::validate::{NAME_MAX, NOTE_MAX, optional_text};

/// A series of recurring "brand activities" (e.g. the World Sister City Forum); events carry an edition number.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventSeries {
    pub id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub description: Option<String>,
    pub owner_unit_id: i64,
    /// How many events belong to the series.
    pub events: i64,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl EventSeries {
    /// The name in the reader's language, else the other.
    pub fn name(&self, zh: bool) -> &str {
        pick(zh, &self.name_en, &self.name_zh)
    }
}

/// A series as entered.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EventSeriesInput {
    pub name_en: String,
    pub name_zh: String,
    pub description: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub owner_unit_id: Option<i64>,
    /// Required on update.
    pub version: Option<i64>,
}

/// A validated series.
#[derive(Debug, Clone)]
pub struct NewEventSeries {
    pub name_en: String,
    pub name_zh: String,
    pub description: Option<String>,
    pub owner_unit_id: i64,
}

impl NewEventSeries {
    /// Validates a series.
    pub fn validate(input: &EventSeriesInput) -> Result<Self> {
        let mut p = Problems::default();
        let name_en = p.take_default(optional_text("name_en", &input.name_en, NAME_MAX)).unwrap_or_default();
        let name_zh = p.take_default(optional_text("name_zh", &input.name_zh, NAME_MAX)).unwrap_or_default();
        if input.name_en.trim().is_empty() && input.name_zh.trim().is_empty() {
            p.push(FieldError::new("name_en", "title_required"));
        }
        let description = p.take_default(optional_text("description", &input.description, NOTE_MAX));
        if input.owner_unit_id.is_none() {
            p.push(FieldError::new("owner_unit_id", "required"));
        }
        p.finish()?;
        Ok(Self { name_en, name_zh, description, owner_unit_id: input.owner_unit_id.unwrap_or_default() })
    }
}
