//! Relationship health: derived from how recent and how broad the cooperation is. A partnership
//! is active, quiet (no done activity for `quiet_months`) or dormant (none for `dormant_months`).
//! Recency is measured from the last day a done activity's period can cover ("2022" counts as
//! 31 December 2022), never later than today, so no partner turns quiet or dormant early.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::Serialize;

use crate::activity::{ActivityFigures, OverdueCommitment};
use crate::error::Result;
use crate::partnership::{Partnership, PartnershipFilter, PartnershipStatus};
use crate::store::prelude::*;
use crate::{Actor, Paging};

crate::choice!(
    /// How alive a relationship is.
    HealthState {
        Active = "active",
        Quiet = "quiet",
        Dormant = "dormant",
    }
);

/// Setting key: months without a done activity after which a partnership is quiet.
pub const QUIET_KEY: &str = "health.quiet_months";
/// Setting key: months without a done activity after which a partnership is dormant.
pub const DORMANT_KEY: &str = "health.dormant_months";

/// The office's thresholds (defaults 12 and 24 months).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub quiet_months: u32,
    pub dormant_months: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self { quiet_months: 12, dormant_months: 24 }
    }
}

/// The health of one partnership.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub partnership_id: i64,
    pub state: HealthState,
    /// The latest day a done activity can cover (its period's last day, never after today; used by the rule).
    pub last_activity: Option<NaiveDate>,
    /// The latest done activity's date as recorded, for display.
    pub last_activity_on: Option<crate::PartialDate>,
    pub activities_12_months: i64,
    pub activities_24_months: i64,
    /// Distinct cooperation fields of the last 24 months.
    pub fields_24_months: i64,
    pub overdue_commitments: i64,
}

/// What the rule needs of a partnership: the needs-attention list reads only this for every
/// partnership, not whole partnerships with their cities and fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthBasis {
    pub partnership_id: i64,
    pub status: PartnershipStatus,
    pub established: Option<crate::PartialDate>,
    pub created_at: DateTime<Utc>,
}

impl From<&Partnership> for HealthBasis {
    fn from(p: &Partnership) -> Self {
        Self { partnership_id: p.id, status: p.status, established: p.established, created_at: p.created_at }
    }
}

fn months_before(today: NaiveDate, months: u32) -> NaiveDate {
    today.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN)
}

/// The rule: measured from the latest done activity, or — for a partnership with none yet — from
/// the day it was established (a year-only date counts from its last day: never invent a day
/// that makes a partner look older than the sources say).
pub fn assess(p: &Partnership, f: Option<&ActivityFigures>, today: NaiveDate, t: Thresholds) -> Health {
    rate(&HealthBasis::from(p), f, today, t)
}

/// [`assess`] on what the rule reads of a partnership.
pub fn rate(p: &HealthBasis, f: Option<&ActivityFigures>, today: NaiveDate, t: Thresholds) -> Health {
    let last = f.and_then(|f| f.last_done);
    let since = last.or_else(|| p.established.map(|d| d.last_day())).unwrap_or_else(|| p.created_at.date_naive());
    let state = if since <= months_before(today, t.dormant_months) {
        HealthState::Dormant
    } else if since <= months_before(today, t.quiet_months) {
        HealthState::Quiet
    } else {
        HealthState::Active
    };
    Health {
        partnership_id: p.partnership_id,
        state,
        last_activity: last,
        last_activity_on: f.and_then(|f| f.last_done_on),
        activities_12_months: f.map_or(0, |f| f.done_12),
        activities_24_months: f.map_or(0, |f| f.done_24),
        fields_24_months: f.map_or(0, |f| f.fields_24),
        overdue_commitments: f.map_or(0, |f| f.overdue_commitments),
    }
}

/// The office's thresholds from its settings.
pub async fn thresholds<T: Tx>(tx: &mut T) -> Result<Thresholds> {
    let d = Thresholds::default();
    let read = |v: Option<String>, default: u32| v.and_then(|s| s.parse().ok()).filter(|n| (1..=240).contains(n)).unwrap_or(default);
    let quiet = read(tx.get_setting(QUIET_KEY).await?, d.quiet_months);
    let dormant = read(tx.get_setting(DORMANT_KEY).await?, d.dormant_months).max(quiet);
    Ok(Thresholds { quiet_months: quiet, dormant_months: dormant })
}

/// Every partnership with its health, in the list's default order.
pub async fn all<S: Store>(store: &S, actor: &Actor, today: NaiveDate) -> Result<Vec<(Partnership, Health)>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    let t = thresholds(&mut tx).await?;
    let figures = all_figures(&mut tx, today).await?;
    let filter = PartnershipFilter { paging: Paging::everything(), ..Default::default() };
    let (items, _) = tx.list_partnerships(&filter).await?;
    Ok(items
        .into_iter()
        .map(|p| {
            let h = assess(&p, figures.get(&p.id), today, t);
            (p, h)
        })
        .collect())
}

/// Every partnership's figures, by partnership.
async fn all_figures<T: Tx>(tx: &mut T, today: NaiveDate) -> Result<std::collections::HashMap<i64, ActivityFigures>> {
    let figures = tx.activity_figures(today, months_before(today, 12), months_before(today, 24), None).await?;
    Ok(figures.into_iter().map(|f| (f.partnership_id, f)).collect())
}

/// The health of one partnership (the partner page): its figures only, not the whole log's.
pub async fn of<S: Store>(store: &S, actor: &Actor, p: &Partnership, today: NaiveDate) -> Result<Health> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    let t = thresholds(&mut tx).await?;
    let figures = tx.activity_figures(today, months_before(today, 12), months_before(today, 24), Some(p.id)).await?;
    Ok(assess(p, figures.first(), today, t))
}

/// What needs the office's attention today.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attention {
    /// Active partnerships that have gone dormant, longest silence first.
    pub dormant: Vec<Health>,
    /// Active partnerships that have gone quiet.
    pub quiet: Vec<Health>,
    pub overdue_commitments: Vec<OverdueCommitment>,
    /// Current agreements valid until a day in the next 90 days, of partnerships that have not ended, soonest first.
    pub expiring_agreements: Vec<crate::agreement::ExpiringAgreement>,
    /// Outbound visits not over without an approval number: approved or under way, or proposed and
    /// starting within 30 days; soonest first.
    pub visits_without_approval: Vec<crate::delegation::DelegationSummary>,
}

/// The needs-attention list: dormant and quiet partners (of active relationships) and overdue commitments.
pub async fn attention<S: Store>(store: &S, actor: &Actor, today: NaiveDate) -> Result<Attention> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    let t = thresholds(&mut tx).await?;
    let figures = all_figures(&mut tx, today).await?;
    // Only what the rule reads of each partnership: the list names the few it shows itself.
    let basis = tx.health_basis().await?;
    let live = |s: HealthState| {
        let mut v: Vec<Health> = basis
            .iter()
            .filter(|b| b.status == PartnershipStatus::Active)
            .map(|b| rate(b, figures.get(&b.partnership_id), today, t))
            .filter(|h| h.state == s)
            .collect();
        v.sort_by_key(|h| (h.last_activity.map_or(0, |d| d.num_days_from_ce()), h.partnership_id));
        v
    };
    let overdue = tx.overdue_commitments(today).await?;
    let expiring_agreements = crate::agreement::expiring(&mut tx, today).await?;
    let visits_without_approval = crate::delegation::missing_approval(&mut tx, today).await?;
    Ok(Attention {
        dormant: live(HealthState::Dormant),
        quiet: live(HealthState::Quiet),
        overdue_commitments: overdue,
        expiring_agreements,
        visits_without_approval,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PartialDate;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
    }

    fn partnership(established: Option<&str>) -> Partnership {
        let city = crate::partnership::ForeignCity {
            id: 1,
            geonameid: None,
            name_en: "X".into(),
            name_zh: None,
            name_zh_verified: false,
            name_native: None,
            country: "JP".into(),
            admin1: None,
            lat: 0.0,
            lon: 0.0,
            population: None,
            timezone: None,
        };
        Partnership {
            id: 7,
            home_unit_id: 1,
            city,
            kind: crate::partnership::PartnershipKind::SisterCity,
            status: PartnershipStatus::Active,
            established: established.map(|s| PartialDate::parse(s).expect("date")),
            established_basis: None,
            fields: vec![],
            source_url: None,
            notes: None,
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    fn figures(last: &str) -> ActivityFigures {
        ActivityFigures {
            partnership_id: 7,
            last_done: Some(day(last)),
            last_done_on: None,
            done_12: 1,
            done_24: 2,
            fields_24: 1,
            overdue_commitments: 0,
        }
    }

    #[test]
    fn recency_decides_active_quiet_and_dormant() {
        let today = day("2023-04-19");
        let t = Thresholds::default();
        assert_eq!(assess(&partnership(None), Some(&figures("2023-01-01")), today, t).state, HealthState::Active);
        assert_eq!(assess(&partnership(None), Some(&figures("2022-03-01")), today, t).state, HealthState::Quiet);
        assert_eq!(assess(&partnership(None), Some(&figures("2021-04-19")), today, t).state, HealthState::Dormant);
    }

    #[test]
    fn without_activities_the_established_date_counts_and_a_year_means_its_last_day() {
        let today = day("2023-04-19");
        let t = Thresholds::default();
        assert_eq!(assess(&partnership(Some("2023")), None, today, t).state, HealthState::Active, "established this year");
        assert_eq!(assess(&partnership(Some("1983-01-14")), None, today, t).state, HealthState::Dormant);
        assert_eq!(assess(&partnership(Some("2022-01")), None, today, t).state, HealthState::Quiet);
    }

    #[test]
    fn the_office_thresholds_apply() {
        let today = day("2023-04-19");
        let t = Thresholds { quiet_months: 6, dormant_months: 9 };
        assert_eq!(assess(&partnership(None), Some(&figures("2022-09-01")), today, t).state, HealthState::Quiet);
        assert_eq!(assess(&partnership(None), Some(&figures("2022-06-01")), today, t).state, HealthState::Dormant);
    }
}
