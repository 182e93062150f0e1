//! The status history section every record with a status shows (partnerships, events,
//! delegations …): one row per change from the shared history, ready to print.

use amity_core::partnership;
use amity_core::transition::{StatusChange, StatusMachine};

use crate::i18n::partial_date;
use crate::request::Ctx;
use crate::state::AppState;

/// One entry of a status history, ready to print (`templates/status_history.html`).
pub struct HistoryEntry {
    pub date: String,
    /// Empty for the entry recorded when the record was created.
    pub from: String,
    pub to: String,
    pub reason: String,
    pub condition: String,
    pub ended_by: String,
    pub successor: Option<(i64, String)>,
    pub actor: String,
}

/// The entries of `history`, each status named through the locale keys `{prefix}.{code}`
/// (`status`, `event_status`, `delegation_status`).
pub async fn entries<S: StatusMachine>(s: &AppState, ctx: &Ctx, prefix: &str, history: &[StatusChange<S>]) -> Vec<HistoryEntry> {
    let l = ctx.locale;
    let mut out = Vec::with_capacity(history.len());
    for c in history {
        let successor = match c.successor_id {
            Some(id) => Some((
                id,
                partnership::get(&s.db, &ctx.actor, id)
                    .await
                    .map(|o| o.city.name(l.is_zh()).to_string())
                    .unwrap_or_else(|_| format!("#{id}")),
            )),
            None => None,
        };
        out.push(HistoryEntry {
            date: partial_date(l, &c.date),
            from: c.from_status.map(|f| l.t(&format!("{prefix}.{}", f.code()))).unwrap_or_default(),
            to: l.t(&format!("{prefix}.{}", c.to_status.code())),
            reason: c.reason.clone().unwrap_or_default(),
            condition: c.condition.as_ref().map(|x| l.t_with("lifecycle.until", &[("condition", x.clone())])).unwrap_or_default(),
            ended_by: c
                .ended_by
                .map(|e| l.t_with("lifecycle.ended_by_value", &[("who", l.t(&format!("ended_by.{e}")))]))
                .unwrap_or_default(),
            successor,
            actor: c.actor.clone(),
        });
    }
    out
}
