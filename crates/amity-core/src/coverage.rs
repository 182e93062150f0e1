//! The coverage matrix: partnerships × cooperation fields over a period, with totals. Empty cells
//! are the gaps the office must fill ("practical cooperation across fields").

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, FieldError, Result};
use crate::field::CooperationField;
use crate::partnership::{Partnership, PartnershipFilter, PartnershipKind, PartnershipStatus};
use crate::store::prelude::*;
use crate::{Actor, Paging};

/// Which partnerships and which period.
#[derive(Debug, Clone)]
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
}

/// One partnership's row.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageRow {
    pub partnership: Partnership,
    /// Done activities per field, in the order of `fields`.
    pub counts: Vec<i64>,
    pub total: i64,
}

/// The matrix.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub fields: Vec<CooperationField>,
    pub rows: Vec<CoverageRow>,
    /// Per field, over all rows.
    pub field_totals: Vec<i64>,
    pub total: i64,
    /// Cells with no activity: the gaps.
    pub empty_cells: i64,
}

/// Computes the matrix: one aggregate query for the counts, partnerships read page by page.
pub async fn matrix<S: Store>(store: &S, actor: &Actor, f: &CoverageFilter) -> Result<Coverage> {
    actor.require_read()?;
    if f.to < f.from {
        return Err(Error::Validation(vec![FieldError::new("to", "end_before_start")]));
    }
    let mut tx = store.read().await?;
    let fields = tx.list_fields().await?;
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
    if let Some(c) = &f.continent {
        partnerships.retain(|p| amity_refdata::country(&p.city.country).is_some_and(|k| k.continent.eq_ignore_ascii_case(c)));
    }
    let mut by_partnership: std::collections::HashMap<i64, Vec<i64>> = counts.into_iter().collect();
    let mut field_totals = vec![0; fields.len()];
    let mut empty = 0;
    let rows: Vec<CoverageRow> = partnerships
        .into_iter()
        .map(|p| {
            let counts = by_partnership.remove(&p.id).unwrap_or_else(|| vec![0; fields.len()]);
            counts.iter().enumerate().for_each(|(i, n)| field_totals[i] += n);
            empty += counts.iter().filter(|n| **n == 0).count() as i64;
            CoverageRow { total: counts.iter().sum(), counts, partnership: p }
        })
        .collect();
    Ok(Coverage { from: f.from, to: f.to, total: field_totals.iter().sum(), fields, rows, field_totals, empty_cells: empty })
}
