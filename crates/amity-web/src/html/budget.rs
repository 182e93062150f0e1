//! The budget section shared by the delegation and event pages: rows, totals per currency, the
//! category choices of the add form, and the add form read back into a `BudgetInput`.

use crate::i18n::{Locale, money_minor};
use crate::view::Opt;
use amity_core::budget::{BudgetCategory, BudgetInput, BudgetLine, BudgetTotal};

/// A budget row.
pub struct BudgetRow {
    pub id: i64,
    pub category: String,
    pub description: String,
    pub currency: String,
    pub planned: String,
    pub actual: String,
}

/// The lines as shown, amounts in their currency's precision.
pub fn rows(l: Locale, lines: &[BudgetLine]) -> Vec<BudgetRow> {
    lines
        .iter()
        .map(|b| BudgetRow {
            id: b.id,
            category: l.t(&format!("budget_category.{}", b.category)),
            description: b.description.clone().unwrap_or_default(),
            currency: b.currency.clone(),
            planned: money_minor(b.planned_minor, &b.currency),
            actual: b.actual_minor.map(|a| money_minor(a, &b.currency)).unwrap_or_default(),
        })
        .collect()
}

/// Totals as (currency, planned, actual).
pub fn totals(totals: Vec<BudgetTotal>) -> Vec<(String, String, String)> {
    totals.into_iter().map(|t| (t.currency, t.planned, t.actual)).collect()
}

/// The categories of the add form, `selected` chosen.
pub fn categories(l: Locale, selected: &str) -> Vec<Opt> {
    BudgetCategory::ALL
        .iter()
        .map(|k| Opt { selected: selected == k.as_str(), value: k.as_str().into(), label: l.t(&format!("budget_category.{k}")) })
        .collect()
}

/// The add form as posted (name/value pairs).
pub fn input(p: &[(String, String)]) -> BudgetInput {
    let get = |k: &str| p.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    BudgetInput {
        category: get("category"),
        description: get("description"),
        currency: get("currency"),
        planned: get("planned"),
        actual: get("actual"),
        version: None,
    }
}
