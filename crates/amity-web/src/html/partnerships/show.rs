//! `GET /partnerships/{id}`: one partnership — both names, the lifecycle bar, the facts and the source.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::cooperation::CooperationSection;
use super::lifecycle::LifecycleSection;
use super::view::PartnershipRow;
use crate::html::sections::{Part, Sections};
use crate::html::{Chrome, FormErrors, HtmlError, Refused};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::population;
use amity_core::partnership::PartnershipStatus;
use amity_core::{Partnership, field, partnership, unit};

/// A step of the lifecycle bar.
pub struct Step {
    pub label: String,
    pub current: bool,
    pub done: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/show.html")]
pub struct ShowPage {
    c: Chrome,
    lc: LifecycleSection,
    co: CooperationSection,
    p: Partnership,
    row: PartnershipRow,
    steps: Vec<Step>,
    fields: String,
    population: String,
    admin1: String,
    coordinates: String,
    name_zh_unverified: bool,
    /// Current versions of its agreements.
    agreements: Vec<crate::html::agreements::AgreementRow>,
    /// Its latest gifts, and how many it has.
    gifts: Vec<crate::html::gifts::GiftRow>,
    gifts_total: i64,
    sections: Sections,
}

/// The record page.
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ShowPage, HtmlError> {
    page(&s, &ctx, id, Refused::default()).await
}

/// The record page, with a refused lifecycle form ("transition" or "approval") shown again.
pub(super) async fn page(s: &AppState, ctx: &Ctx, id: i64, x: Refused) -> Result<ShowPage, HtmlError> {
    let l = ctx.locale;
    let p = partnership::get(&s.db, &ctx.actor, id).await?;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let all_fields = field::list(&s.db, &ctx.actor).await?;
    let row = PartnershipRow::new(l, &p, &units);
    let pos = PartnershipStatus::ALL.iter().position(|s| *s == p.status).unwrap_or(0);
    let steps = PartnershipStatus::ALL
        .iter()
        .enumerate()
        .map(|(i, st)| Step { label: l.t(&format!("status.{st}")), current: i == pos, done: i < pos })
        .collect();
    let fields = p
        .fields
        .iter()
        .filter_map(|code| all_fields.iter().find(|f| &f.code == code))
        .map(|f| f.name(l.is_zh()).to_string())
        .collect::<Vec<_>>()
        .join(&l.t("list.sep"));
    let title = if row.other_name.is_empty() { row.name.clone() } else { format!("{} · {}", row.name, row.other_name) };
    let c = Chrome::new(ctx, "partners", title);
    let lc = LifecycleSection::build(s, ctx, &p, c.writes(), &x).await?;
    let co = CooperationSection::build(s, ctx, &p).await?;
    let all_agreements = amity_core::agreement::list(&s.db, &ctx.actor, p.id).await?;
    let agreements = crate::html::agreements::current_rows(l, &all_agreements, s.settings.today());
    let (gifts, gifts_total) = crate::html::gifts::of_partnership(s, ctx, p.id).await?;
    let sections = Sections::split(
        l,
        vec![Part::new("agreements", "agreements.title", !all_agreements.is_empty()), Part::new("gifts", "gifts.title", gifts_total > 0)],
    );
    Ok(ShowPage {
        c,
        lc,
        co,
        population: population(p.city.population),
        admin1: p.city.admin1.clone().unwrap_or_default(),
        coordinates: format!("{:.3}, {:.3}", p.city.lat, p.city.lon),
        name_zh_unverified: p.city.name_zh.is_some() && !p.city.name_zh_verified,
        agreements,
        gifts,
        gifts_total,
        sections,
        row,
        steps,
        fields,
        p,
    })
}
