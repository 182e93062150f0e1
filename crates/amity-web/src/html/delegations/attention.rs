//! The needs-attention page's sections on delegations: coming visits whose members' passports or
//! visas fail the rules (limited to the delegations whose documents the reader may see), and outbound
//! visits without an approval number.

use crate::i18n::date_long;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Error;
use amity_core::delegation::{DelegationSummary, documents};

/// One flagged document, ready to print (no document number).
pub struct TravelRow {
    pub delegation_id: i64,
    pub delegation: String,
    pub dates: String,
    pub member: String,
    pub kind: String,
    pub valid_until: String,
    pub alert: String,
}

/// The flagged documents the reader may see (none for viewers).
pub async fn travel_rows(s: &AppState, ctx: &Ctx) -> Result<Vec<TravelRow>, Error> {
    let l = ctx.locale;
    let warnings = documents::warnings(&s.db, &ctx.actor, s.settings.today()).await?;
    Ok(warnings
        .into_iter()
        .map(|w| TravelRow {
            delegation_id: w.document.delegation_id,
            delegation: w.document.delegation_title.clone(),
            dates: crate::i18n::span(l, w.document.starts_on, w.document.ends_on),
            member: w.document.member_name.clone(),
            kind: l.t(&format!("document_kind.{}", w.document.kind)),
            valid_until: date_long(l, w.document.valid_until),
            alert: l.t(&format!("document_alert.{}", w.alert)),
        })
        .collect())
}

/// An outbound visit without an approval number, ready to print.
pub struct ApprovalRow {
    pub delegation_id: i64,
    pub delegation: String,
    pub dates: String,
    pub status: String,
}

/// The needs-attention list's outbound visits without an approval number, in the reader's language.
pub fn approval_rows(l: crate::i18n::Locale, visits: &[DelegationSummary]) -> Vec<ApprovalRow> {
    visits
        .iter()
        .map(|d| ApprovalRow {
            delegation_id: d.id,
            delegation: d.title_in(l.is_zh()).to_string(),
            dates: crate::i18n::span(l, d.starts_on, d.ends_on),
            status: l.t(&format!("delegation_status.{}", d.status)),
        })
        .collect()
}
