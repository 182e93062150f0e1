//! `GET /delegations/{id}`: one delegation with its status bar and actions, members, transport,
//! accommodation, interpreters, itinerary, budget, travel documents (for those allowed), the report
//! and the visit logged in the cooperation log with its follow-up commitments.

use askama::Template;
use askama_web::WebTemplate;

use super::rows_show::{DocumentRow, ItemRow, LoggedRow, MemberRow, Step, TransportRow, items, logged, members, steps, transport};
use crate::html::budget::{self, BudgetRow};
use crate::html::sections::{Part, Sections};
use crate::html::status_history::{self, HistoryEntry};
use crate::html::{Chrome, HtmlError, Refused};
use crate::i18n::{date_long, partial_date, span};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::names_of;
use crate::view::{Opt, country_names};
use amity_core::delegation::documents::{self, may_see};
use amity_core::delegation::{self, Delegation, DelegationStatus, Direction, DocumentKind, alert};
use amity_core::transition::next_statuses;
use amity_core::{field, unit};

#[derive(Template, WebTemplate)]
#[template(path = "delegations/show.html")]
pub struct ShowPage {
    c: Chrome,
    d: Delegation,
    when: String,
    direction: String,
    status: String,
    steps: Vec<Step>,
    next: Vec<Opt>,
    history: Vec<HistoryEntry>,
    can_write: bool,
    partners: Vec<(i64, String)>,
    countries: String,
    fields: String,
    unit: String,
    approval_date: String,
    approval_missing: bool,
    members: Vec<MemberRow>,
    transport: Vec<TransportRow>,
    stays: Vec<(String, String, String)>,
    items: Vec<ItemRow>,
    budget: Vec<BudgetRow>,
    totals: Vec<(String, String, String)>,
    categories: Vec<Opt>,
    sees_documents: bool,
    documents: Vec<DocumentRow>,
    kinds: Vec<Opt>,
    member_opts: Vec<Opt>,
    logged: Vec<LoggedRow>,
    /// Linked gifts: (id, description, direction, date).
    gifts: Vec<(i64, String, String, String)>,
    /// Gifts of the registry that may be linked.
    gift_opts: Vec<Opt>,
    sections: Sections,
    /// The refused action form, if any: "status", "budget", "documents" or "gifts".
    x: Refused,
}

/// Renders the page, with the refused action form (if any) shown again with its errors.
pub async fn render(s: &AppState, ctx: &Ctx, id: i64, x: Refused) -> Result<ShowPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let d = delegation::get(&s.db, &ctx.actor, id).await?;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let all_fields = field::list(&s.db, &ctx.actor).await?;
    let names = names_of(s, ctx, d.partnership_ids.iter().copied()).await?;
    let (lines, totals) = delegation::budget::list(&s.db, &ctx.actor, id).await?;
    let sees_documents = may_see(&ctx.actor, d.owner_unit_id);
    let docs = if sees_documents { documents::list(&s.db, &ctx.actor, id, s.settings.today()).await? } else { Vec::new() };
    let activities = delegation::logged_activities(&s.db, &ctx.actor, id).await?;
    let linked = delegation::gifts::list(&s.db, &ctx.actor, id).await?;
    let history = delegation::history(&s.db, &ctx.actor, id).await?;
    let history = status_history::entries(s, ctx, "delegation_status", &history).await;
    let registry = if ctx.actor.require_write_unit(d.owner_unit_id).is_ok() {
        let filter = amity_core::gift::GiftFilter { paging: amity_core::Paging::new(Some(1), Some(500)), ..Default::default() };
        amity_core::gift::list(&s.db, &ctx.actor, &filter).await?.items
    } else {
        Vec::new()
    };
    let can_write = ctx.actor.require_write_unit(d.owner_unit_id).is_ok();
    let travel = !(d.transport.is_empty() && d.accommodation.is_empty() && d.interpreters.is_empty());
    let sections = Sections::split(
        l,
        vec![
            Part::new("members", "delegations.members", !d.members.is_empty()),
            Part::new("travel", "delegations.travel", travel),
            Part::new("itinerary", "delegations.itinerary", !d.itinerary.is_empty()),
            Part::new("budget", "delegations.budget", !lines.is_empty()).with_errors(x.errors("budget").any()),
            Part::new("gifts", "delegations.gifts", !linked.is_empty()).with_errors(x.errors("gifts").any()),
            Part::new("documents", "delegations.documents", !docs.is_empty()).with_errors(x.errors("documents").any()),
            Part::new("report", "delegations.report", d.report.is_some() || !activities.is_empty()),
        ],
    );
    let member_name = |mid: i64| d.members.iter().find(|m| m.id == mid).map(|m| m.name.clone()).unwrap_or_default();
    let documents = docs
        .iter()
        .map(|doc| DocumentRow {
            id: doc.id,
            member: member_name(doc.member_id),
            kind: l.t(&format!("document_kind.{}", doc.kind)),
            number: doc.number.clone().unwrap_or_default(),
            country: doc.country.as_deref().map(|c| country_names(l, &[c.to_string()]).join("")).unwrap_or_default(),
            valid_until: date_long(l, doc.valid_until),
            alert: alert(doc.kind, doc.valid_until, d.ends_on).map(|a| l.t(&format!("document_alert.{a}"))).unwrap_or_default(),
        })
        .collect();
    Ok(ShowPage {
        c: Chrome::new(ctx, "delegations", d.title_in(ctx.locale.is_zh()).to_string()),
        when: span(l, d.starts_on, d.ends_on),
        direction: l.t(&format!("delegation_direction.{}", d.direction)),
        status: l.t(&format!("delegation_status.{}", d.status)),
        steps: steps(l, d.status),
        next: next_statuses(d.status)
            .iter()
            .map(|s| Opt { value: s.as_str().into(), label: l.t(&format!("delegation_action.{s}")), selected: false })
            .collect(),
        history,
        can_write,
        partners: d.partnership_ids.iter().map(|p| (*p, names.get(p).cloned().unwrap_or_default())).collect(),
        countries: country_names(l, &d.countries).join(&l.t("list.sep")),
        fields: d
            .fields
            .iter()
            .filter_map(|c| all_fields.iter().find(|f| &f.code == c))
            .map(|f| f.name(zh).to_string())
            .collect::<Vec<_>>()
            .join(&l.t("list.sep")),
        unit: units.iter().find(|u| u.id == d.owner_unit_id).map(|u| u.name(zh).to_string()).unwrap_or_default(),
        approval_date: d.approval_date.map(|x| date_long(l, x)).unwrap_or_default(),
        approval_missing: d.direction == Direction::Outbound && d.approval_number.is_none() && d.status != DelegationStatus::Cancelled,
        members: members(l, &d),
        transport: transport(l, &d),
        stays: d
            .accommodation
            .iter()
            .map(|st| (st.name.clone(), st.address.clone().unwrap_or_default(), span(l, st.check_in, st.check_out)))
            .collect(),
        items: items(l, &d, &units),
        budget: budget::rows(l, &lines),
        totals: budget::totals(totals),
        categories: budget::categories(l, &x.value("budget", "category")),
        sees_documents,
        documents,
        kinds: DocumentKind::ALL
            .iter()
            .map(|k| Opt {
                selected: x.value("documents", "kind") == k.as_str(),
                value: k.as_str().into(),
                label: l.t(&format!("document_kind.{k}")),
            })
            .collect(),
        member_opts: d
            .members
            .iter()
            .map(|m| Opt {
                selected: x.value("documents", "member_id") == m.id.to_string(),
                value: m.id.to_string(),
                label: m.name.clone(),
            })
            .collect(),
        logged: logged(s, ctx, activities).await?,
        gift_opts: registry
            .iter()
            .filter(|g| !linked.iter().any(|x| x.id == g.id))
            .map(|g| Opt {
                value: g.id.to_string(),
                label: format!("{} ({})", g.description_in(l.is_zh()), partial_date(l, &g.given_on)),
                selected: false,
            })
            .collect(),
        gifts: linked
            .iter()
            .map(|g| {
                (
                    g.id,
                    g.description_in(l.is_zh()).to_string(),
                    l.t(&format!("gift_direction.{}", g.direction)),
                    partial_date(l, &g.given_on),
                )
            })
            .collect(),
        sections,
        d,
        x,
    })
}

/// `GET /delegations/{id}`.
pub async fn show(axum::extract::State(s): axum::extract::State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ShowPage, HtmlError> {
    render(&s, &ctx, id, Refused::default()).await
}
