//! What a budget line is, its validated form, and totals per currency.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Problems, Result};
use crate::money::{Currency, format_minor, parse_minor};
use crate::validate::{NAME_MAX, optional_text};

crate::choice!(
    /// What a budget belongs to.
    BudgetSubject {
        Delegation = "delegation",
        Event = "event",
    }
);

crate::choice!(
    /// What a line pays for.
    BudgetCategory {
        Travel = "travel",
        Accommodation = "accommodation",
        Meals = "meals",
        LocalTransport = "local_transport",
        Interpretation = "interpretation",
        Gifts = "gifts",
        Venue = "venue",
        Printing = "printing",
        Other = "other",
    }
);

/// One line of a budget: planned and (once known) actual amounts, in minor units.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    pub id: i64,
    pub subject_kind: BudgetSubject,
    pub subject_id: i64,
    pub category: BudgetCategory,
    pub description: Option<String>,
    /// ISO 4217 code.
    pub currency: String,
    /// Planned amount in minor units (fen, cents …).
    pub planned_minor: i64,
    /// Actual amount in minor units, once spent.
    pub actual_minor: Option<i64>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A budget line as entered. Amounts are decimal texts in the currency's unit (`"1234.50"`).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BudgetInput {
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub category: String,
    pub description: String,
    /// ISO 4217 code, e.g. `CNY`, `TTD`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub currency: String,
    /// Planned amount, e.g. `"12000.00"`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub planned: String,
    /// Actual amount; empty while unknown.
    pub actual: String,
    /// Required on update.
    pub version: Option<i64>,
}

/// A validated budget line.
#[derive(Debug, Clone)]
pub struct NewBudgetLine {
    pub category: BudgetCategory,
    pub description: Option<String>,
    pub currency: String,
    pub planned_minor: i64,
    pub actual_minor: Option<i64>,
}

impl NewBudgetLine {
    /// Validates every field, all problems at once; `prefix` names the line in a larger input.
    pub fn validate(prefix: &str, input: &BudgetInput) -> Result<Self> {
        let f = |name: &str| if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        let mut p = Problems::default();
        let category = p.take_or(BudgetCategory::parse_field(&f("category"), &input.category), BudgetCategory::ALL[0]);
        let description = p.take(optional_text(&f("description"), &input.description, NAME_MAX)).flatten();
        let currency = p.take(Currency::parse(&f("currency"), &input.currency));
        let mut planned_minor = 0;
        let mut actual_minor = None;
        // Amounts are read in the currency's precision, so without one they are not read at all.
        if let Some(c) = &currency {
            planned_minor = p.take_default(parse_minor(&f("planned"), &input.planned, c.exponent()));
            if !input.actual.trim().is_empty() {
                actual_minor = p.take(parse_minor(&f("actual"), &input.actual, c.exponent()));
            }
        }
        p.finish()?;
        let currency = currency.map(|c| c.code().to_string()).unwrap_or_default();
        Ok(Self { category, description, currency, planned_minor, actual_minor })
    }
}

/// Planned and actual sums in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetTotal {
    pub currency: String,
    pub planned_minor: i64,
    /// Sum of the actual amounts entered so far.
    pub actual_minor: i64,
    /// The same sums as decimal texts.
    pub planned: String,
    pub actual: String,
}

/// Totals per currency, in alphabetical order of currency.
pub fn budget_totals(lines: &[BudgetLine]) -> Vec<BudgetTotal> {
    let mut sums: std::collections::BTreeMap<&str, (i64, i64)> = std::collections::BTreeMap::new();
    for l in lines {
        let e = sums.entry(l.currency.as_str()).or_default();
        e.0 = e.0.saturating_add(l.planned_minor);
        e.1 = e.1.saturating_add(l.actual_minor.unwrap_or(0));
    }
    sums.into_iter()
        .map(|(c, (p, a))| BudgetTotal {
            currency: c.to_string(),
            planned_minor: p,
            actual_minor: a,
            planned: format_minor(p, c),
            actual: format_minor(a, c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn line(currency: &str, planned: i64, actual: Option<i64>) -> BudgetLine {
        let now = chrono::Utc::now();
        BudgetLine {
            id: 1,
            subject_kind: BudgetSubject::Delegation,
            subject_id: 1,
            category: BudgetCategory::Travel,
            description: None,
            currency: currency.into(),
            planned_minor: planned,
            actual_minor: actual,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn totals_are_kept_apart_per_currency() {
        let t = budget_totals(&[line("CNY", 10_000, Some(9_000)), line("TTD", 5_000, None), line("CNY", 2_000, None)]);
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].currency.as_str(), t[0].planned_minor, t[0].actual_minor, t[0].planned.as_str()),
            ("CNY", 12_000, 9_000, "120.00")
        );
        assert_eq!((t[1].currency.as_str(), t[1].actual.as_str()), ("TTD", "0.00"));
    }

    #[test]
    fn a_bad_line_names_every_field() {
        let input = BudgetInput { category: "yacht".into(), currency: "XYZ".into(), planned: "1".into(), ..Default::default() };
        let Err(Error::Validation(e)) = NewBudgetLine::validate("budget[0]", &input) else { panic!("refused") };
        let fields: Vec<_> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["budget[0].category", "budget[0].currency"]);
        let ok = BudgetInput { category: "travel".into(), currency: "ttd".into(), planned: "1500".into(), ..Default::default() };
        let l = NewBudgetLine::validate("", &ok).expect("valid");
        assert_eq!((l.currency.as_str(), l.planned_minor, l.actual_minor), ("TTD", 150_000, None));
    }
}
