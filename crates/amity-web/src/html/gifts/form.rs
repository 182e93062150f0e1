//! The gift form as posted.

use serde::Deserialize;

use crate::form_fields::number;
use amity_core::Error;
use amity_core::error::Problems;
use amity_core::gift::{Gift, GiftInput};

/// The gift form; ids arrive as text (empty for none).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GiftForm {
    pub direction: String,
    pub given_on: String,
    pub partnership_id: String,
    pub occasion: String,
    pub occasion_zh: String,
    pub activity_id: String,
    pub description: String,
    pub description_zh: String,
    pub giver: String,
    pub recipient: String,
    pub value: String,
    pub currency: String,
    pub kept_at: String,
    pub disclosure: String,
    pub source_url: String,
    pub notes: String,
    pub version: String,
}

impl GiftForm {
    pub fn from_gift(g: &Gift) -> Self {
        Self {
            direction: g.direction.as_str().into(),
            given_on: g.given_on.to_string(),
            partnership_id: g.partnership_id.map(|i| i.to_string()).unwrap_or_default(),
            occasion: g.occasion.clone().unwrap_or_default(),
            occasion_zh: g.occasion_zh.clone().unwrap_or_default(),
            activity_id: g.activity_id.map(|i| i.to_string()).unwrap_or_default(),
            description: g.description.clone(),
            description_zh: g.description_zh.clone(),
            giver: g.giver.clone().unwrap_or_default(),
            recipient: g.recipient.clone().unwrap_or_default(),
            value: g.value.clone().unwrap_or_default(),
            currency: g.currency.clone().unwrap_or_default(),
            kept_at: g.kept_at.clone().unwrap_or_default(),
            disclosure: g.disclosure.as_str().into(),
            source_url: g.source_url.clone().unwrap_or_default(),
            notes: g.notes.clone().unwrap_or_default(),
            version: g.version.to_string(),
        }
    }

    /// The service's input, or the fields whose numbers do not parse.
    pub fn to_input(&self) -> Result<GiftInput, Error> {
        let mut p = Problems::default();
        let partnership_id = p.take(number("partnership_id", &self.partnership_id)).flatten();
        let activity_id = p.take(number("activity_id", &self.activity_id)).flatten();
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        Ok(GiftInput {
            direction: self.direction.clone(),
            given_on: self.given_on.clone(),
            partnership_id,
            occasion: self.occasion.clone(),
            occasion_zh: self.occasion_zh.clone(),
            activity_id,
            description: self.description.clone(),
            description_zh: self.description_zh.clone(),
            giver: self.giver.clone(),
            recipient: self.recipient.clone(),
            value: self.value.clone(),
            currency: self.currency.clone(),
            kept_at: self.kept_at.clone(),
            disclosure: self.disclosure.clone(),
            source_url: self.source_url.clone(),
            notes: self.notes.clone(),
            version,
        })
    }
}
