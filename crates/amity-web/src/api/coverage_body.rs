//! The coverage matrix as the API answers it: each row names its partnership by id, and the
//! partnerships are described once, briefly, in `partnerships` (id → name, country, kind, status) —
//! not a whole partnership (its focus fields, notes, source, city coordinates…) in every row.

use std::collections::BTreeMap;

use amity_core::PartialDate;
use amity_core::coverage::{Coverage, CoverageRow};
use amity_core::field::CooperationField;
use amity_core::partnership::{Partnership, PartnershipKind, PartnershipStatus};
use chrono::NaiveDate;
use serde::Serialize;

/// The matrix: rows in the order asked, partnerships looked up by the rows' `partnership_id`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CoverageBody {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub fields: Vec<CooperationField>,
    /// The partnerships of the rows, keyed by id (JSON object keys are text: `"12"`).
    #[schema(value_type = BTreeMap<String, PartnershipBrief>)]
    pub partnerships: BTreeMap<i64, PartnershipBrief>,
    pub rows: Vec<CoverageRowBody>,
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

/// One partnership's row.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CoverageRowBody {
    /// The key of the partnership in `partnerships`.
    pub partnership_id: i64,
    /// Done activities per field, in the order of `fields` (an activity in two fields counts in both).
    pub counts: Vec<i64>,
    /// Done activities with no field recorded.
    pub no_field: i64,
    /// Done activities of this partnership in the period, each once (the row's total).
    pub total: i64,
    /// Activity × field pairs: the sum of `counts`.
    pub pairs: i64,
}

/// What a list needs to name a partnership (the whole record is at `/api/v1/partnerships/{id}`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PartnershipBrief {
    pub id: i64,
    pub home_unit_id: i64,
    pub kind: PartnershipKind,
    pub status: PartnershipStatus,
    pub established: Option<PartialDate>,
    pub city: CityBrief,
}

/// The partner city's names and country.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CityBrief {
    pub id: i64,
    pub name_en: String,
    pub name_zh: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

impl From<Partnership> for PartnershipBrief {
    fn from(p: Partnership) -> Self {
        let c = p.city;
        PartnershipBrief {
            id: p.id,
            home_unit_id: p.home_unit_id,
            kind: p.kind,
            status: p.status,
            established: p.established,
            city: CityBrief { id: c.id, name_en: c.name_en, name_zh: c.name_zh, country: c.country },
        }
    }
}

impl From<Coverage> for CoverageBody {
    fn from(m: Coverage) -> Self {
        let mut partnerships = BTreeMap::new();
        let rows = m
            .rows
            .into_iter()
            .map(|r: CoverageRow| {
                let id = r.partnership.id;
                partnerships.insert(id, PartnershipBrief::from(r.partnership));
                CoverageRowBody { partnership_id: id, counts: r.counts, no_field: r.no_field, total: r.total, pairs: r.pairs }
            })
            .collect();
        CoverageBody {
            from: m.from,
            to: m.to,
            fields: m.fields,
            partnerships,
            rows,
            field_totals: m.field_totals,
            no_field_total: m.no_field_total,
            total: m.total,
            pairs: m.pairs,
            empty_cells: m.empty_cells,
        }
    }
}
