//! What a gift is, the validated form of a gift input, and the registry's filters.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::PartialDate;
use crate::bilingual::required_pair;
use crate::error::{FieldError, Problems, Result};
use crate::file::FileInfo;
use crate::list::Paging;
use crate::money::{Currency, Money, parse_minor};
use crate::validate::{NAME_MAX, NOTE_MAX, optional_text, optional_url};

/// Longest description of a gift.
pub const DESCRIPTION_MAX: usize = 2_000;

crate::choice!(
    /// Whether the city gave the gift or received it.
    GiftDirection {
        Given = "given",
        Received = "received",
    }
);

crate::choice!(
    /// How far a gift's disclosure has gone. Officials must register gifts received in official
    /// dealings with foreign parties; valuable ones are handed over to the state.
    DisclosureStatus {
        /// Below every threshold, or given by the city: nothing to declare.
        NotRequired = "not_required",
        /// To be registered.
        Pending = "pending",
        /// Registered with the office that keeps the record.
        Disclosed = "disclosed",
        /// Handed over to the state (it is no longer the recipient's).
        HandedOver = "handed_over",
    }
);

/// A gift as stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Gift {
    pub id: i64,
    pub direction: GiftDirection,
    /// When it was given, at the precision known.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1993"))]
    pub given_on: PartialDate,
    pub partnership_id: Option<i64>,
    /// The occasion or visit, in words.
    pub occasion: Option<String>,
    /// The occasion in Chinese.
    pub occasion_zh: Option<String>,
    /// The logged activity it was part of.
    pub activity_id: Option<i64>,
    /// What the gift is, in English (or the original language); empty when only the Chinese is given.
    pub description: String,
    /// What the gift is, in Chinese; empty when not given.
    pub description_zh: String,
    pub giver: Option<String>,
    pub recipient: Option<String>,
    /// Estimated value as decimal text in the precision of `currency` (never a float), e.g.
    /// `1200.50`, `30000` (yen): what a PUT body takes back.
    pub value: Option<String>,
    /// The same value in integer minor units of `currency` (`120050` for 1,200.50 yuan), as stored.
    pub value_minor: Option<i64>,
    /// ISO 4217 code.
    pub currency: Option<String>,
    /// Where it is kept now.
    pub kept_at: Option<String>,
    pub disclosure: DisclosureStatus,
    pub source_url: Option<String>,
    pub notes: Option<String>,
    /// Its photo (an image), without the bytes.
    pub photo: Option<FileInfo>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A gift as a form or API body gives it (unvalidated).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct GiftInput {
    /// `given` or `received`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub direction: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub given_on: String,
    pub partnership_id: Option<i64>,
    pub occasion: String,
    /// The occasion in Chinese.
    pub occasion_zh: String,
    pub activity_id: Option<i64>,
    /// What the gift is, in English (or the original language); this or `description_zh` is required.
    pub description: String,
    /// What the gift is, in Chinese.
    pub description_zh: String,
    pub giver: String,
    pub recipient: String,
    /// The amount as people write it: `1200`, `1,200`, `1 200`, `1,200.50`, full-width
    /// `１，２００．５０` (see [`crate::money`] for what is refused); empty when unknown.
    pub value: String,
    /// ISO 4217 code such as `CNY`, `JPY`; required with a value.
    pub currency: String,
    pub kept_at: String,
    /// `not_required`, `pending`, `disclosed` or `handed_over`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub disclosure: String,
    pub source_url: String,
    pub notes: String,
    /// Required on update: the version the editor saw.
    pub version: Option<i64>,
}

/// A validated gift, ready to store.
#[derive(Debug, Clone)]
pub struct NewGift {
    pub direction: GiftDirection,
    pub given_on: PartialDate,
    pub partnership_id: Option<i64>,
    pub occasion: Option<String>,
    pub occasion_zh: Option<String>,
    pub activity_id: Option<i64>,
    pub description: String,
    pub description_zh: String,
    pub giver: Option<String>,
    pub recipient: Option<String>,
    /// The estimated value, in minor units of its currency.
    pub value: Option<Money>,
    /// The currency given (with a value, the value's).
    pub currency: Option<Currency>,
    pub kept_at: Option<String>,
    pub disclosure: DisclosureStatus,
    pub source_url: Option<String>,
    pub notes: Option<String>,
}

impl NewGift {
    /// Validates every field, reporting all problems at once.
    pub fn validate(input: &GiftInput) -> Result<Self> {
        let mut p = Problems::default();
        let direction = p.take_or(GiftDirection::parse_field("direction", &input.direction), GiftDirection::Received);
        let given_on = p.take_or(given_on(&input.given_on), PartialDate::Year(1));
        let occasion = p.take_default(optional_text("occasion", &input.occasion, NAME_MAX));
        let occasion_zh = p.take_default(optional_text("occasion_zh", &input.occasion_zh, NAME_MAX));
        let (description, description_zh) =
            required_pair(&mut p, "description", &input.description, &input.description_zh, DESCRIPTION_MAX);
        let giver = p.take_default(optional_text("giver", &input.giver, NAME_MAX));
        let recipient = p.take_default(optional_text("recipient", &input.recipient, NAME_MAX));
        let currency = currency(&input.currency);
        let value = value(&input.value, currency.as_ref().ok().and_then(Option::as_ref));
        // A value with a validly empty currency; a refused currency is reported as that alone.
        let currency_missing = matches!((&value, &currency), (Ok(Some(_)), Ok(None)));
        let (minor, currency) = (p.take_default(value), p.take_default(currency));
        if currency_missing {
            p.push(FieldError::new("currency", "currency_required"));
        }
        let value = minor.zip(currency.clone()).map(|(minor, currency)| Money { minor, currency });
        let kept_at = p.take_default(optional_text("kept_at", &input.kept_at, NAME_MAX));
        let disclosure = p.take_or(DisclosureStatus::parse_field("disclosure", &input.disclosure), DisclosureStatus::NotRequired);
        let source_url = p.take_default(optional_url("source_url", &input.source_url));
        let notes = p.take_default(optional_text("notes", &input.notes, NOTE_MAX));
        p.finish()?;
        Ok(Self {
            direction,
            given_on,
            partnership_id: input.partnership_id.filter(|id| *id > 0),
            occasion,
            occasion_zh,
            activity_id: input.activity_id.filter(|id| *id > 0),
            description,
            description_zh,
            giver,
            recipient,
            value,
            currency,
            kept_at,
            disclosure,
            source_url,
            notes,
        })
    }
}

fn given_on(s: &str) -> Result<PartialDate, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::new("given_on", "required"));
    }
    PartialDate::parse(s).map_err(|_| FieldError::new("given_on", "invalid_partial_date"))
}

/// The value in minor units of `currency`; without a known currency only its form is checked
/// (as for a currency of three decimals, the most any has).
fn value(s: &str, currency: Option<&Currency>) -> Result<Option<i64>, FieldError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    parse_minor("value", s, currency.map_or(3, Currency::exponent)).map(Some)
}

fn currency(s: &str) -> Result<Option<Currency>, FieldError> {
    if s.trim().is_empty() { Ok(None) } else { Currency::parse("currency", s).map(Some) }
}

impl Gift {
    /// What the gift is, in the reader's language (`zh` for Chinese), else the other.
    pub fn description_in(&self, zh: bool) -> &str {
        crate::bilingual::pick(zh, &self.description, &self.description_zh)
    }

    /// The occasion in the reader's language, else the other.
    pub fn occasion_in(&self, zh: bool) -> Option<&str> {
        crate::bilingual::pick_opt(zh, self.occasion.as_deref(), self.occasion_zh.as_deref())
    }
}

/// Filters of the registry (all optional; kept in the query string).
#[derive(Debug, Clone, Default)]
pub struct GiftFilter {
    pub direction: Option<GiftDirection>,
    /// Gifts given in this year.
    pub year: Option<i32>,
    pub partnership: Option<i64>,
    pub disclosure: Option<DisclosureStatus>,
    /// Id of a country group: only records naming a partnership in its member countries.
    pub group: Option<i64>,
    pub paging: Paging,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn input() -> GiftInput {
        GiftInput {
            direction: "received".into(),
            given_on: "1993".into(),
            description: "Over 100 cherry saplings".into(),
            disclosure: "not_required".into(),
            ..Default::default()
        }
    }

    fn fields(r: Result<NewGift>) -> Vec<String> {
        match r {
            Err(Error::Validation(f)) => f.into_iter().map(|e| format!("{}:{}", e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn values_are_minor_units_never_negative_and_need_a_known_currency() {
        let cny = Currency::parse("currency", "CNY").expect("CNY");
        let ok = |v: &str| value(v, Some(&cny)).expect(v);
        assert_eq!(ok("1200.50"), Some(120_050));
        assert_eq!(ok("1,200"), Some(120_000), "a thousands separator, not a decimal comma");
        assert_eq!(ok("007"), Some(700));
        assert_eq!(ok(""), None);
        for bad in ["-5", "1e3", "12.", ".5", "1.234", "NaN", "0,25", "99999999999999999"] {
            assert!(value(bad, Some(&cny)).is_err(), "{bad}");
        }
        assert_eq!(value("-5", Some(&cny)).expect_err("negative").code, "negative_amount");
        assert_eq!(value("1.2345", None).expect_err("form only").code, "too_many_decimals");
        let no_currency = GiftInput { value: "100".into(), ..input() };
        assert_eq!(fields(NewGift::validate(&no_currency)), ["currency:currency_required"]);
        let unknown = GiftInput { value: "100".into(), currency: "ABC".into(), ..input() };
        assert_eq!(fields(NewGift::validate(&unknown)), ["currency:unknown_currency"]);
        let yen = NewGift::validate(&GiftInput { value: "30000".into(), currency: "jpy".into(), ..input() }).expect("valid");
        assert_eq!(yen.value.map(|m| (m.minor, m.plain(), m.currency.to_string())), Some((30_000, "30000".into(), "JPY".into())));
    }

    #[test]
    fn a_gift_needs_a_direction_a_date_a_description_and_a_disclosure_status() {
        assert_eq!(
            fields(NewGift::validate(&GiftInput::default())),
            ["direction:required", "given_on:required", "description:title_required", "disclosure:required"]
        );
        let bad_date = GiftInput { given_on: "1993-13".into(), ..input() };
        assert_eq!(fields(NewGift::validate(&bad_date)), ["given_on:invalid_partial_date"]);
    }

    #[test]
    fn a_gift_described_in_chinese_alone_is_valid_and_a_long_chinese_description_is_named() {
        let zh_only = GiftInput { description: String::new(), description_zh: "樱花树苗100余株".into(), ..input() };
        assert_eq!(NewGift::validate(&zh_only).expect("valid").description_zh, "樱花树苗100余株");
        let long = GiftInput { description_zh: "长".repeat(DESCRIPTION_MAX + 1), ..input() };
        assert_eq!(fields(NewGift::validate(&long)), ["description_zh:too_long"]);
    }
}
