//! The lifecycle on the record page: the status changes the current status allows (each a small
//! form), the kept history, and the approval milestones — and the handlers their forms post to,
//! which re-render the record page with the errors beside the fields (422).

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use super::show::page;
use crate::form_fields::number;
use crate::html::status_history::{self, HistoryEntry};
use crate::html::{FormErrors, HtmlError, Refused};
use crate::i18n::{Locale, partial_date};
use crate::path_id::{Id, Ids};
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::error::Problems;
use amity_core::partnership::lifecycle::next_statuses;
use amity_core::partnership::{
    self, ApprovalInput, ApprovalKind, EndedBy, Partnership, PartnershipFilter, PartnershipStatus, TransitionInput,
};
use amity_core::{Error, Paging};

/// A change-of-status form as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TransitionForm {
    pub status: String,
    pub date: String,
    pub reason: String,
    pub condition: String,
    pub ended_by: String,
    pub successor_partnership_id: String,
    pub version: String,
}

/// The approval form as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ApprovalForm {
    pub kind: String,
    pub date: String,
    pub reference: String,
    pub note: String,
}

impl TransitionForm {
    /// The change-of-status form as refused, to show again.
    fn again(x: &Refused) -> Self {
        let v = |k| x.value("transition", k);
        Self {
            status: v("status"),
            date: v("date"),
            reason: v("reason"),
            condition: v("condition"),
            ended_by: v("ended_by"),
            successor_partnership_id: v("successor_partnership_id"),
            version: v("version"),
        }
    }
}

impl ApprovalForm {
    /// The approval form as refused, to show again (empty when another form was refused).
    fn again(x: &Refused) -> Self {
        let v = |k| x.value("approval", k);
        Self { kind: v("kind"), date: v("date"), reference: v("reference"), note: v("note") }
    }
}

/// One allowed change of status, as a form.
pub struct ActionForm {
    /// The status it moves to.
    pub to: &'static str,
    pub label: String,
    /// Prefix of the form's element ids: empty for the form shown with errors (so the summary's
    /// links reach its fields), distinct for every other form.
    pub p: String,
    pub open: bool,
    pub f: TransitionForm,
    pub errors: FormErrors,
    pub suspends: bool,
    pub ends: bool,
    pub ended_by: Vec<Opt>,
}

/// One approval milestone, ready to print.
pub struct ApprovalEntry {
    pub id: i64,
    pub kind: String,
    pub date: String,
    pub reference: String,
    pub note: String,
}

/// Everything the lifecycle sections of the record page show.
pub struct LifecycleSection {
    pub actions: Vec<ActionForm>,
    pub history: Vec<HistoryEntry>,
    pub approvals: Vec<ApprovalEntry>,
    pub approval_form: ApprovalForm,
    pub approval_errors: FormErrors,
    /// Prefix of the approval form's element ids (see [`ActionForm::p`]).
    pub ap: String,
    pub kinds: Vec<Opt>,
    pub successors: Vec<Opt>,
    /// The errors of the refused form, for the summary at the top.
    pub errors: FormErrors,
}

impl LifecycleSection {
    /// Builds the sections of partnership `p`; `writes` offers the forms; `x` is the refused
    /// form ("transition" or "approval"), if any.
    pub async fn build(s: &AppState, ctx: &Ctx, p: &Partnership, writes: bool, x: &Refused) -> Result<Self, Error> {
        let l = ctx.locale;
        let history = partnership::history(&s.db, &ctx.actor, p.id).await?;
        let approvals = partnership::approvals(&s.db, &ctx.actor, p.id).await?;
        let posted_t = x.is("transition").then(|| (TransitionForm::again(x), x.errors("transition")));
        // The summary shows the refused form's errors even when its step is not offered (any more).
        let errors = errors_of(x.errors_in(&["transition", "approval"]));
        let mut actions = Vec::new();
        for to in if writes { next_statuses(p.status) } else { Vec::new() } {
            let code = to.as_str();
            let (f, e) = match &posted_t {
                Some((f, e)) if f.status == code => (f.clone(), errors_of(e)),
                _ => (TransitionForm { status: code.into(), version: p.version.to_string(), ..Default::default() }, FormErrors::default()),
            };
            let active = e.any();
            let key = if p.status == PartnershipStatus::Suspended && to == PartnershipStatus::Active {
                "lifecycle.action.lift".to_string()
            } else {
                format!("lifecycle.action.{code}")
            };
            actions.push(ActionForm {
                to: code,
                label: l.t(&key),
                p: if active { String::new() } else { format!("t-{code}-") },
                open: active,
                ended_by: options(l, EndedBy::ALL.iter().map(|e| (e.as_str(), "ended_by")), &f.ended_by),
                suspends: to == PartnershipStatus::Suspended,
                ends: to == PartnershipStatus::Ended,
                f: TransitionForm { version: p.version.to_string(), ..f },
                errors: e,
            });
        }
        let (approval_form, approval_errors) = (ApprovalForm::again(x), errors_of(x.errors("approval")));
        let successors = if actions.iter().any(|a| a.ends) { successors(s, ctx, p).await? } else { Vec::new() };
        let chosen = posted_t.as_ref().map(|(f, _)| f.successor_partnership_id.clone()).unwrap_or_default();
        let successors = successors.into_iter().map(|o| Opt { selected: o.value == chosen, ..o }).collect();
        Ok(Self {
            history: status_history::entries(s, ctx, "status", &history).await,
            approvals: approvals
                .iter()
                .map(|a| ApprovalEntry {
                    id: a.id,
                    kind: l.t(&format!("approval_kind.{}", a.kind)),
                    date: partial_date(l, &a.date),
                    reference: a.reference.clone().unwrap_or_default(),
                    note: a.note.clone().unwrap_or_default(),
                })
                .collect(),
            kinds: options(l, ApprovalKind::ALL.iter().map(|k| (k.as_str(), "approval_kind")), &approval_form.kind),
            ap: if approval_errors.any() { String::new() } else { "a-".into() },
            approval_form,
            approval_errors,
            successors,
            actions,
            errors,
        })
    }
}

fn errors_of(e: &FormErrors) -> FormErrors {
    FormErrors { items: e.items.clone() }
}

fn options<'a>(l: Locale, items: impl Iterator<Item = (&'a str, &'a str)>, current: &str) -> Vec<Opt> {
    items.map(|(v, prefix)| Opt { selected: v == current.trim(), value: v.to_string(), label: l.t(&format!("{prefix}.{v}")) }).collect()
}

/// Partnerships that may continue this one: the others with a city in the same country (a merger of
/// cities, or of home units, keeps the partner's country).
async fn successors(s: &AppState, ctx: &Ctx, p: &Partnership) -> Result<Vec<Opt>, Error> {
    let filter = PartnershipFilter { country: Some(p.city.country.clone()), paging: Paging::new(Some(1), Some(500)), ..Default::default() };
    let zh = ctx.locale.is_zh();
    Ok(partnership::list(&s.db, &ctx.actor, &filter)
        .await?
        .items
        .iter()
        .filter(|o| o.id != p.id)
        .map(|o| Opt {
            value: o.id.to_string(),
            label: format!("{} — {} (#{})", o.city.name(zh), ctx.locale.t(&format!("status.{}", o.status)), o.id),
            selected: false,
        })
        .collect())
}

/// The record page at `#anchor` on success, else the page again with form `action` (as posted in
/// `body`) refused (422), or the error itself when it is not the user's to fix.
async fn settle<T>(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    r: Result<T, Error>,
    action: &'static str,
    body: &[u8],
) -> Result<Response, HtmlError> {
    let form = crate::html::form::read(body)?;
    let anchor = if action == "approval" { "approvals" } else { "history" };
    let to = |_: &T| format!("/partnerships/{id}#{anchor}");
    crate::html::form::answer(ctx.locale, r, to, |errors| page(s, ctx, id, Refused::new(action, form, errors))).await
}

/// `POST /partnerships/{id}/transitions`: change the status.
pub async fn transition(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: TransitionForm = crate::html::form::read(&body)?;
    let mut p = Problems::default();
    let input = TransitionInput {
        status: f.status,
        date: f.date,
        reason: f.reason,
        condition: f.condition,
        ended_by: f.ended_by,
        successor_partnership_id: p.take(number("successor_partnership_id", &f.successor_partnership_id)).flatten(),
        took_part: None,
        version: p.take(number("version", &f.version)).flatten(),
    };
    let result = match p.finish() {
        Ok(()) => partnership::transition(&s.db, &ctx.actor, id, input).await.map(drop),
        Err(e) => Err(e),
    };
    settle(&s, &ctx, id, result, "transition", &body).await
}

/// `POST /partnerships/{id}/approvals`: record an approval milestone.
pub async fn add_approval(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: ApprovalForm = crate::html::form::read(&body)?;
    let input = ApprovalInput { kind: f.kind, date: f.date, reference: f.reference, note: f.note };
    let r = partnership::add_approval(&s.db, &ctx.actor, id, input).await;
    settle(&s, &ctx, id, r, "approval", &body).await
}

/// `POST /partnerships/{id}/approvals/{approval_id}/delete`: remove an approval recorded by mistake.
pub async fn delete_approval(State(s): State<AppState>, ctx: Ctx, Ids(id, approval_id): Ids) -> Result<Redirect, HtmlError> {
    partnership::delete_approval(&s.db, &ctx.actor, id, approval_id).await?;
    Ok(Redirect::to(&format!("/partnerships/{id}#approvals")))
}
