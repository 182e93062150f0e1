//! Printable pages of a delegation (A4, no navigation when printed): the bilingual invitation letter
//! for visa purposes and the itinerary. The letterhead is the office's name: the unit of kind
//! `office` (the foreign-affairs office), else the home city. Passport numbers appear only when
//! recorded and the reader may see travel documents.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::rows_show::{ItemRow, items};
use crate::html::{Chrome, HtmlError};
use crate::i18n::{Locale, date_long, span, wall};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::country_names;
use amity_core::delegation::documents::{self, may_see};
use amity_core::delegation::{self, Delegation, Direction, DocumentKind};
use amity_core::unit::UnitKind;
use amity_core::{Unit, unit};

/// A member as the letter lists them.
pub struct LetterMember {
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub passport: String,
}

/// One language's text of the letter.
pub struct LetterText {
    pub lang: &'static str,
    pub heading: String,
    pub office: String,
    pub date: String,
    pub body: String,
    pub members_heading: String,
    pub col_name: String,
    pub col_title: String,
    pub col_organisation: String,
    pub col_passport: String,
    pub closing: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "delegations/invitation.html")]
pub struct InvitationPage {
    c: Chrome,
    id: i64,
    texts: Vec<LetterText>,
    members: Vec<LetterMember>,
    show_passports: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "delegations/itinerary.html")]
pub struct ItineraryPage {
    c: Chrome,
    d: Delegation,
    office: String,
    when: String,
    members: Vec<(String, String, String)>,
    transport: Vec<(String, String, String, String)>,
    stays: Vec<(String, String)>,
    items: Vec<ItemRow>,
}

/// The unit whose name heads the office's letters.
fn letterhead(units: &[Unit]) -> Option<&Unit> {
    units.iter().find(|u| u.kind == UnitKind::Office).or_else(|| units.iter().find(|u| u.parent_id.is_none()))
}

fn home(units: &[Unit]) -> Option<&Unit> {
    units.iter().find(|u| u.parent_id.is_none())
}

/// The letter's text in one language.
fn letter(l: Locale, d: &Delegation, units: &[Unit], partners: &[String], today: chrono::NaiveDate) -> LetterText {
    let zh = l.is_zh();
    let office = letterhead(units).map(|u| u.name(zh).to_string()).unwrap_or_default();
    let home = home(units).map(|u| u.name(zh).to_string()).unwrap_or_default();
    let sep = l.t("list.sep");
    let mut from: Vec<String> = partners.to_vec();
    from.extend(country_names(l, &d.countries));
    let params = [
        ("office", office.clone()),
        ("home", home),
        ("from", from.join(&sep)),
        ("dates", span(l, d.starts_on, d.ends_on)),
        ("purpose", d.purpose_in(zh).unwrap_or(d.title_in(zh)).to_string()),
        ("host", d.host.clone().unwrap_or_else(|| office.clone())),
        ("count", d.members.len().to_string()),
    ];
    let key = match d.direction {
        Direction::Inbound => "invitation.body_inbound",
        Direction::Outbound => "invitation.body_outbound",
    };
    LetterText {
        lang: l.code(),
        heading: l.t("invitation.heading"),
        date: date_long(l, today),
        body: l.t_with(key, &params),
        members_heading: l.t("invitation.members"),
        col_name: l.t("delegations.member_name"),
        col_title: l.t("delegations.member_title"),
        col_organisation: l.t("delegations.member_organisation"),
        col_passport: l.t("invitation.passport"),
        closing: l.t_with("invitation.closing", &[("office", office.clone())]),
        office,
    }
}

/// `GET /delegations/{id}/invitation`.
pub async fn invitation(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<InvitationPage, HtmlError> {
    let d = delegation::get(&s.db, &ctx.actor, id).await?;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let show_passports = may_see(&ctx.actor, d.owner_unit_id);
    let docs = if show_passports { documents::list(&s.db, &ctx.actor, id, s.settings.today()).await? } else { Vec::new() };
    let partnerships = amity_core::partnership::get_many(&s.db, &ctx.actor, &d.partnership_ids).await?;
    let texts = [Locale::Zh, Locale::En]
        .into_iter()
        .map(|l| {
            let partners: Vec<String> = partnerships.iter().map(|p| p.city.name(l.is_zh()).to_string()).collect();
            letter(l, &d, &units, &partners, s.settings.today())
        })
        .collect();
    let members = d
        .members
        .iter()
        .map(|m| LetterMember {
            name: match &m.name_native {
                Some(n) if n != &m.name => format!("{} ({n})", m.name),
                _ => m.name.clone(),
            },
            title: m.title.clone().unwrap_or_default(),
            organisation: m.organisation.clone().unwrap_or_default(),
            passport: docs
                .iter()
                .filter(|t| t.member_id == m.id && t.kind == DocumentKind::Passport)
                .filter_map(|t| t.number.clone())
                .next()
                .unwrap_or_default(),
        })
        .collect();
    Ok(InvitationPage { c: Chrome::new(&ctx, "delegations", ctx.locale.t("invitation.heading")), id, texts, members, show_passports })
}

/// `GET /delegations/{id}/itinerary`.
pub async fn itinerary(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ItineraryPage, HtmlError> {
    let l = ctx.locale;
    let d = delegation::get(&s.db, &ctx.actor, id).await?;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let s_ = |v: &Option<String>| v.clone().unwrap_or_default();
    Ok(ItineraryPage {
        c: Chrome::new(&ctx, "delegations", l.t_with("itinerary.heading", &[("title", d.title_in(l.is_zh()).to_string())])),
        office: letterhead(&units).map(|u| u.name(l.is_zh()).to_string()).unwrap_or_default(),
        when: span(l, d.starts_on, d.ends_on),
        members: d.members.iter().map(|m| (m.name.clone(), s_(&m.title), l.t(&format!("member_role.{}", m.role)))).collect(),
        transport: d
            .transport
            .iter()
            .map(|t| {
                let what =
                    [Some(l.t(&format!("transport_leg.{}", t.leg))), t.number.clone()].into_iter().flatten().collect::<Vec<_>>().join(" ");
                let route = [t.from_place.as_deref(), t.to_place.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" → ");
                (
                    what,
                    route,
                    t.departs_at.map(|x| wall(l, x, true)).unwrap_or_default(),
                    t.arrives_at.map(|x| wall(l, x, true)).unwrap_or_default(),
                )
            })
            .collect(),
        stays: d.accommodation.iter().map(|x| (x.name.clone(), span(l, x.check_in, x.check_out))).collect(),
        items: items(l, &d, &units),
        d,
    })
}
