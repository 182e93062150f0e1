//! The coverage matrix: partnerships × cooperation fields over a period, with totals. Empty cells
//! are the gaps the office must fill ("practical cooperation across fields").
//!
//! What it counts, so that it does not mislead: done activities whose dates overlap the period (one
//! dated only by a year or a month counts in every period that overlaps that year or month); a cell
//! counts the partner's activities in that field (an activity in two fields counts in both cells);
//! activities with no field recorded have their own column; a row's total is the partner's
//! activities, each once — the activity × field pairs are given beside it; the bottom line counts an
//! activity that names several of the partners shown once.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, FieldError, Result};
use crate::field::CooperationField;
use crate::partnership::{Partnership, PartnershipFilter, PartnershipKind, PartnershipStatus};
use crate::store::prelude::*;
use crate::{Actor, Paging};

/// Which partnerships, which period, and the order of the rows.
#[derive(Debug, Clone, Default)]
pub struct CoverageFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: Option<PartnershipKind>,
    pub status: Option<PartnershipStatus>,
    /// Two-letter continent code (AF AN AS EU NA OC SA).
    pub continent: Option<String>,
    pub unit: Option<i64>,
    /// Id of a country group: only partners in its member countries.
    pub group: Option<i64>,
    pub sort: CoverageSort,
}

/// The order of the matrix's rows (ties by the partner city's name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CoverageSort {
    /// By the partner city's English name.
    #[default]
    Name,
    /// By the Chinese name's pinyin (what Chinese readers get for "name").
    NameZh,
    /// Most activities first.
    Total,
    /// Most empty cells first.
    Gaps,
    /// Most activities with no field recorded first.
    NoField,
    /// Most activities in the field with this code first (`field:<code>`).
    Field(String),
}

impl CoverageSort {
    /// Reads `name`, `total`, `gaps`, `no_field` or `field:<code>` (the code is checked by `matrix`).
    pub fn parse(s: &str) -> std::result::Result<Self, FieldError> {
        match s.trim() {
            "" | "name" => Ok(Self::Name),
            "name_zh" => Ok(Self::NameZh),
            "total" => Ok(Self::Total),
            "gaps" => Ok(Self::Gaps),
            "no_field" => Ok(Self::NoField),
            other => match other.strip_prefix("field:") {
                Some(code) if !code.trim().is_empty() => Ok(Self::Field(code.trim().to_string())),
                _ => Err(FieldError::new("sort", "invalid_choice").with("allowed", "name, total, gaps, no_field, field:<code>")),
            },
        }
    }

    /// The value as the query string carries it.
    pub fn as_param(&self) -> String {
        match self {
            Self::Name => "name".into(),
            Self::NameZh => "name_zh".into(),
            Self::Total => "total".into(),
            Self::Gaps => "gaps".into(),
            Self::NoField => "no_field".into(),
            Self::Field(code) => format!("field:{code}"),
        }
    }
}

/// One partnership's figures in a period, as the store aggregates them.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CoverageCounts {
    pub partnership_id: i64,
    /// Done activities per field, in the order of the field ids asked.
    pub fields: Vec<i64>,
    /// Done activities with no field recorded.
    pub no_field: i64,
    /// Done activities, each once.
    pub activities: i64,
}

/// One partnership's row.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageRow {
    pub partnership: Partnership,
    /// Done activities per field, in the order of `fields` (an activity in two fields counts in both).
    pub counts: Vec<i64>,
    /// Done activities with no field recorded.
    pub no_field: i64,
    /// Done activities of this partnership in the period, each once (the row's total).
    pub total: i64,
    /// Activity × field pairs: the sum of `counts`.
    pub pairs: i64,
}

/// The matrix.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub fields: Vec<CooperationField>,
    pub rows: Vec<CoverageRow>,
    /// Per field, done activities of the partnerships shown, an activity naming several once.
    pub field_totals: Vec<i64>,
    /// Done activities with no field recorded, of the partnerships shown, each once.
    pub no_field_total: i64,
    /// Done activities of the partnerships shown, each once.
    pub total: i64,
    /// Activity × field pairs over all rows (the sum of every cell).
    pub pairs: i64,
    /// Cells with no activity: the gaps.
    pub empty_cells: i64,
}

/// Computes the matrix: one aggregate query for the rows, one for the bottom line, partnerships in one read.
pub async fn matrix<S: Store>(store: &S, actor: &Actor, f: &CoverageFilter) -> Result<Coverage> {
    actor.require_read()?;
    if f.to < f.from {
        return Err(Error::Validation(vec![FieldError::new("to", "end_before_start")]));
    }
    let mut tx = store.read().await?;
    crate::group::filter_countries(&mut tx, f.group).await?;
    let fields = tx.list_fields().await?;
    if let CoverageSort::Field(code) = &f.sort
        && !fields.iter().any(|x| &x.code == code)
    {
        return Err(Error::Validation(vec![FieldError::new("sort", "unknown_field").with("value", code)]));
    }
    let field_ids: Vec<i64> = fields.iter().map(|x| x.id).collect();
    let counts = tx.coverage_counts(f.from, f.to, &field_ids).await?;
    // Every matching partnership in one read (no paging: the matrix shows them all).
    let filter = PartnershipFilter {
        kind: f.kind,
        status: f.status,
        unit: f.unit,
        group: f.group,
        paging: Paging::everything(),
        ..Default::default()
    };
    let (mut partnerships, _) = tx.list_partnerships(&filter).await?;
    let everyone = f.continent.is_none() && f.kind.is_none() && f.status.is_none() && f.unit.is_none() && f.group.is_none();
    if let Some(c) = &f.continent {
        partnerships.retain(|p| amity_refdata::country(&p.city.country).is_some_and(|k| k.continent.eq_ignore_ascii_case(c)));
    }
    let shown: Vec<i64> = partnerships.iter().map(|p| p.id).collect();
    let together = tx.coverage_totals(f.from, f.to, &field_ids, if everyone { None } else { Some(&shown) }).await?;
    let mut by_partnership: std::collections::HashMap<i64, CoverageCounts> = counts.into_iter().map(|c| (c.partnership_id, c)).collect();
    let mut empty = 0;
    let mut rows: Vec<CoverageRow> = partnerships
        .into_iter()
        .map(|p| {
            let c = by_partnership.remove(&p.id).unwrap_or_else(|| CoverageCounts { fields: vec![0; fields.len()], ..Default::default() });
            empty += c.fields.iter().filter(|n| **n == 0).count() as i64;
            CoverageRow { pairs: c.fields.iter().sum(), total: c.activities, no_field: c.no_field, counts: c.fields, partnership: p }
        })
        .collect();
    sort(&mut rows, &f.sort, &fields);
    Ok(Coverage {
        from: f.from,
        to: f.to,
        pairs: rows.iter().map(|r| r.pairs).sum(),
        total: together.activities,
        no_field_total: together.no_field,
        field_totals: together.fields,
        fields,
        rows,
        empty_cells: empty,
    })
}

/// Orders the rows: by name, or by a figure (highest first), ties by name.
fn sort(rows: &mut [CoverageRow], by: &CoverageSort, fields: &[CooperationField]) {
    let zh = *by == CoverageSort::NameZh;
    let name = |r: &CoverageRow| {
        if zh {
            crate::validate::sort_key_zh(r.partnership.city.name(true))
        } else {
            crate::validate::sort_key(r.partnership.city.name(false))
        }
    };
    let column = match by {
        CoverageSort::Field(code) => fields.iter().position(|x| &x.code == code),
        _ => None,
    };
    let figure = |r: &CoverageRow| -> i64 {
        match by {
            CoverageSort::Name | CoverageSort::NameZh => 0,
            CoverageSort::Total => r.total,
            CoverageSort::Gaps => r.counts.iter().filter(|n| **n == 0).count() as i64,
            CoverageSort::NoField => r.no_field,
            CoverageSort::Field(_) => column.and_then(|i| r.counts.get(i).copied()).unwrap_or(0),
        }
    };
    rows.sort_by_cached_key(|r| (std::cmp::Reverse(figure(r)), name(r), r.partnership.id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_read_back_as_they_are_written_and_a_bad_one_names_sort() {
        for s in ["name", "name_zh", "total", "gaps", "no_field", "field:culture"] {
            assert_eq!(CoverageSort::parse(s).expect(s).as_param(), s);
        }
        assert_eq!(CoverageSort::parse("").expect("default"), CoverageSort::Name);
        for bad in ["field:", "biggest", "field: "] {
            assert_eq!(CoverageSort::parse(bad).expect_err(bad).field, "sort");
        }
    }
}
