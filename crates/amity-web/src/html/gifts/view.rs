//! Gifts ready to print, and as export rows.

use std::collections::HashMap;

use crate::i18n::{Locale, money, partial_date};
use amity_core::gift::Gift;

/// One gift, ready to print.
pub struct GiftRow {
    pub id: i64,
    pub direction: String,
    pub direction_code: &'static str,
    pub when: String,
    pub partnership_id: Option<i64>,
    pub partner: String,
    pub occasion: String,
    pub activity_id: Option<i64>,
    pub description: String,
    pub giver: String,
    pub recipient: String,
    /// `30,000 JPY`, or empty when not estimated.
    pub value: String,
    pub kept_at: String,
    pub disclosure: String,
    pub disclosure_code: &'static str,
    pub source_url: String,
    pub notes: String,
    pub photo_id: Option<i64>,
    pub photo_name: String,
}

impl GiftRow {
    pub fn new(l: Locale, g: &Gift, names: &HashMap<i64, String>) -> Self {
        Self {
            id: g.id,
            direction: l.t(&format!("gift_direction.{}", g.direction)),
            direction_code: g.direction.as_str(),
            when: partial_date(l, &g.given_on),
            partnership_id: g.partnership_id,
            partner: g.partnership_id.and_then(|id| names.get(&id).cloned()).unwrap_or_default(),
            occasion: g.occasion_in(l.is_zh()).unwrap_or_default().to_string(),
            activity_id: g.activity_id,
            description: g.description_in(l.is_zh()).to_string(),
            giver: g.giver.clone().unwrap_or_default(),
            recipient: g.recipient.clone().unwrap_or_default(),
            value: match (&g.value, &g.currency) {
                (Some(v), Some(c)) => money(v, c),
                _ => String::new(),
            },
            kept_at: g.kept_at.clone().unwrap_or_default(),
            disclosure: l.t(&format!("disclosure.{}", g.disclosure)),
            disclosure_code: g.disclosure.as_str(),
            source_url: g.source_url.clone().unwrap_or_default(),
            notes: g.notes.clone().unwrap_or_default(),
            photo_id: g.photo.as_ref().map(|p| p.id),
            photo_name: g.photo.as_ref().map(|p| p.file_name.clone()).unwrap_or_default(),
        }
    }
}

/// The export's header row.
pub fn export_head(l: Locale) -> Vec<String> {
    [
        "gifts.col_date",
        "gifts.direction",
        "gifts.partnership",
        "gifts.description_en",
        "gifts.description_zh",
        "gifts.occasion",
        "gifts.occasion_zh",
        "gifts.giver",
        "gifts.recipient",
        "gifts.value",
        "gifts.currency",
        "gifts.kept_at",
        "gifts.disclosure",
        "gifts.source_url",
    ]
    .iter()
    .map(|k| l.t(k))
    .collect()
}

/// One export row: the value as a plain number and its currency in its own column.
pub fn export_row(l: Locale, g: &Gift, names: &HashMap<i64, String>) -> Vec<String> {
    vec![
        g.given_on.to_string(),
        l.t(&format!("gift_direction.{}", g.direction)),
        g.partnership_id.and_then(|id| names.get(&id).cloned()).unwrap_or_default(),
        g.description.clone(),
        g.description_zh.clone(),
        g.occasion.clone().unwrap_or_default(),
        g.occasion_zh.clone().unwrap_or_default(),
        g.giver.clone().unwrap_or_default(),
        g.recipient.clone().unwrap_or_default(),
        g.value.clone().unwrap_or_default(),
        g.currency.clone().unwrap_or_default(),
        g.kept_at.clone().unwrap_or_default(),
        l.t(&format!("disclosure.{}", g.disclosure)),
        g.source_url.clone().unwrap_or_default(),
    ]
}
