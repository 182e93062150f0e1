//! `/attention`: what needs the office's attention — dormant and quiet partners, overdue commitments,
//! agreements about to expire.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::{Chrome, HtmlError};
use crate::i18n::date_long;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::names_of;
use amity_core::health::{self, Health};

/// A partner that has gone quiet or dormant.
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    pub last: String,
    pub activities_24: i64,
}

/// An overdue commitment.
pub struct CommitmentRow {
    pub activity_id: i64,
    pub activity: String,
    pub what: String,
    pub who: String,
    pub due: String,
    pub partners: String,
}

/// A current agreement about to expire.
pub struct ExpiringRow {
    pub agreement_id: i64,
    pub title: String,
    pub kind: String,
    pub partnership_id: i64,
    pub partner: String,
    pub valid_until: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "attention.html")]
pub struct AttentionPage {
    c: Chrome,
    dormant: Vec<PartnerRow>,
    quiet: Vec<PartnerRow>,
    overdue: Vec<CommitmentRow>,
    expiring: Vec<ExpiringRow>,
    /// Travel documents of coming delegations to renew (only those the reader may see).
    travel: Vec<super::delegations::attention::TravelRow>,
    /// Outbound visits without an approval number.
    approvals: Vec<super::delegations::attention::ApprovalRow>,
    /// What dormant and quiet mean, with the office's thresholds.
    dormant_hint: String,
    quiet_hint: String,
}

/// `GET /attention`.
pub async fn show(State(s): State<AppState>, ctx: Ctx) -> Result<AttentionPage, HtmlError> {
    let l = ctx.locale;
    let a = health::attention(&s.db, &ctx.actor, s.settings.today()).await?;
    let ids = a.dormant.iter().chain(&a.quiet).map(|h| h.partnership_id);
    let ids = ids.chain(a.expiring_agreements.iter().map(|e| e.partnership_id));
    let names = names_of(&s, &ctx, ids.chain(a.overdue_commitments.iter().flat_map(|o| o.partnership_ids.iter().copied()))).await?;
    let expiring = a
        .expiring_agreements
        .iter()
        .map(|e| ExpiringRow {
            agreement_id: e.agreement_id,
            title: e.title.clone(),
            kind: l.t(&format!("agreement_kind.{}", e.kind)),
            partnership_id: e.partnership_id,
            partner: names.get(&e.partnership_id).cloned().unwrap_or_default(),
            valid_until: date_long(l, e.valid_until),
        })
        .collect();
    let row = |h: &Health| PartnerRow {
        id: h.partnership_id,
        name: names.get(&h.partnership_id).cloned().unwrap_or_default(),
        last: h.last_activity_on.map(|d| crate::i18n::partial_date(l, &d)).unwrap_or_else(|| l.t("attention.never")),
        activities_24: h.activities_24_months,
    };
    let overdue = a
        .overdue_commitments
        .iter()
        .map(|o| CommitmentRow {
            activity_id: o.commitment.activity_id,
            activity: amity_core::bilingual::pick(l.is_zh(), &o.activity_title, &o.activity_title_zh).to_string(),
            what: o.commitment.what.clone(),
            who: o.commitment.who.clone(),
            due: date_long(l, o.commitment.due_on),
            partners: o.partnership_ids.iter().filter_map(|id| names.get(id).cloned()).collect::<Vec<_>>().join(&l.t("list.sep")),
        })
        .collect();
    let t = amity_core::settings::current(&s.db, &ctx.actor).await?;
    Ok(AttentionPage {
        dormant_hint: l.t_with("attention.dormant_hint", &[("months", t.dormant_months.to_string())]),
        quiet_hint: l.t_with("attention.quiet_hint", &[("months", t.quiet_months.to_string())]),
        c: Chrome::new(&ctx, "attention", l.t("attention.title")),
        dormant: a.dormant.iter().map(row).collect(),
        quiet: a.quiet.iter().map(row).collect(),
        overdue,
        expiring,
        travel: super::delegations::attention::travel_rows(&s, &ctx).await?,
        approvals: super::delegations::attention::approval_rows(l, &a.visits_without_approval),
    })
}
