//! The delegation form: the record and its lists on one page, create and edit, re-rendered with
//! the errors beside the fields and rows (`members[2].name`, `itinerary[0].starts_at`).

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};

use super::rows::{self, Row};
use crate::form_fields::{number, numbers};
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use crate::view::names_by_id;
use amity_core::delegation::{self, Delegation, DelegationInput, Direction, MemberRole, TransportLeg, TransportMode};
use amity_core::error::Problems;
use amity_core::{Error, field, unit};

/// The record's own fields as posted; the table rows are read separately (see `parse`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct DelegationForm {
    pub direction: String,
    pub title: String,
    pub title_zh: String,
    pub purpose: String,
    pub purpose_zh: String,
    pub partnership_ids: Vec<String>,
    /// ISO codes separated by commas or spaces.
    pub countries: String,
    pub fields: Vec<String>,
    pub owner_unit_id: String,
    pub starts_on: String,
    pub ends_on: String,
    pub host: String,
    pub approval_document: String,
    pub approval_number: String,
    pub approval_date: String,
    pub report: String,
    pub notes: String,
    pub source_url: String,
    pub version: String,
    #[serde(skip)]
    pub members: Vec<Row>,
    #[serde(skip)]
    pub transport: Vec<Row>,
    #[serde(skip)]
    pub stays: Vec<Row>,
    #[serde(skip)]
    pub interpreters: Vec<Row>,
    #[serde(skip)]
    pub itinerary: Vec<Row>,
}

impl DelegationForm {
    /// Reads the posted form: the record's fields by the one form reader, then the rows of its
    /// tables (`members[0].name`, …), which a flat form struct cannot name.
    fn parse(body: &[u8]) -> Result<Self, Error> {
        let mut f: Self = crate::html::form::read(body)?;
        let pairs: Vec<(String, String)> = crate::html::form::read(body)?;
        f.members = rows::rows(&pairs, "members", rows::MEMBER_TEXTS);
        f.transport = rows::rows(&pairs, "transport", rows::TRANSPORT_TEXTS);
        f.stays = rows::rows(&pairs, "accommodation", rows::STAY_TEXTS);
        f.interpreters = rows::rows(&pairs, "interpreters", rows::INTERPRETER_TEXTS);
        f.itinerary = rows::rows(&pairs, "itinerary", rows::ITINERARY_TEXTS);
        Ok(f)
    }

    fn to_input(&self) -> Result<DelegationInput, Error> {
        let mut p = Problems::default();
        let owner_unit_id = p.take(number("owner_unit_id", &self.owner_unit_id)).flatten();
        let partnership_ids = numbers(&mut p, "partnership_ids", &self.partnership_ids);
        let members = rows::members(&self.members, &mut p);
        let itinerary = rows::itinerary(&self.itinerary, &mut p);
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        Ok(DelegationInput {
            direction: self.direction.clone(),
            title: self.title.clone(),
            title_zh: self.title_zh.clone(),
            purpose: self.purpose.clone(),
            purpose_zh: self.purpose_zh.clone(),
            partnership_ids,
            countries: self.countries.split([',', '，', '、', ' ', ';']).filter(|c| !c.trim().is_empty()).map(str::to_string).collect(),
            fields: self.fields.clone(),
            owner_unit_id,
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone(),
            host: self.host.clone(),
            approval_document: self.approval_document.clone(),
            approval_number: self.approval_number.clone(),
            approval_date: self.approval_date.clone(),
            report: self.report.clone(),
            notes: self.notes.clone(),
            source_url: self.source_url.clone(),
            members,
            transport: rows::transport(&self.transport),
            accommodation: rows::stays(&self.stays),
            interpreters: rows::interpreters(&self.interpreters),
            itinerary,
            version,
        })
    }

    fn from_delegation(d: &Delegation) -> Self {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let [members, transport, stays, interpreters, itinerary] = rows::from_delegation(d);
        Self {
            direction: d.direction.as_str().into(),
            title: d.title.clone(),
            title_zh: d.title_zh.clone(),
            purpose: s(&d.purpose),
            purpose_zh: s(&d.purpose_zh),
            partnership_ids: d.partnership_ids.iter().map(ToString::to_string).collect(),
            countries: d.countries.join(", "),
            fields: d.fields.clone(),
            owner_unit_id: d.owner_unit_id.to_string(),
            starts_on: d.starts_on.to_string(),
            ends_on: d.ends_on.to_string(),
            host: s(&d.host),
            approval_document: s(&d.approval_document),
            approval_number: s(&d.approval_number),
            approval_date: d.approval_date.map(|x| x.to_string()).unwrap_or_default(),
            report: s(&d.report),
            notes: s(&d.notes),
            source_url: s(&d.source_url),
            version: d.version.to_string(),
            members,
            transport,
            stays,
            interpreters,
            itinerary,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "delegations/form.html")]
pub struct FormPage {
    c: Chrome,
    id: Option<i64>,
    f: DelegationForm,
    errors: FormErrors,
    directions: Vec<Opt>,
    units: Vec<Opt>,
    partnerships: Vec<Opt>,
    fields: Vec<Opt>,
    roles: Vec<Opt>,
    legs: Vec<Opt>,
    modes: Vec<Opt>,
}

fn opts<T: Copy + std::fmt::Display>(l: crate::i18n::Locale, all: &[T], prefix: &str, cur: &str) -> Vec<Opt> {
    all.iter()
        .map(|v| {
            let code = v.to_string();
            Opt { selected: code == cur.trim(), label: l.t(&format!("{prefix}.{code}")), value: code }
        })
        .collect()
}

async fn render(s: &AppState, ctx: &Ctx, id: Option<i64>, mut f: DelegationForm, errors: FormErrors) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let units = unit::list(&s.db, &ctx.actor).await?;
    let all_fields = field::list(&s.db, &ctx.actor).await?;
    let mut names: Vec<(i64, String)> = names_by_id(s, ctx).await?.into_iter().collect();
    names.sort_by_key(|(_, name)| crate::view::name_key(l, name));
    rows::attach_errors(&mut f.members, "members", &errors);
    rows::attach_errors(&mut f.transport, "transport", &errors);
    rows::attach_errors(&mut f.stays, "accommodation", &errors);
    rows::attach_errors(&mut f.interpreters, "interpreters", &errors);
    rows::attach_errors(&mut f.itinerary, "itinerary", &errors);
    f.members = rows::with_blanks(std::mem::take(&mut f.members), 3, &[("role", "member")]);
    f.transport = rows::with_blanks(std::mem::take(&mut f.transport), 2, &[("leg", "arrival"), ("mode", "flight")]);
    f.stays = rows::with_blanks(std::mem::take(&mut f.stays), 1, &[]);
    f.interpreters = rows::with_blanks(std::mem::take(&mut f.interpreters), 1, &[]);
    f.itinerary = rows::with_blanks(std::mem::take(&mut f.itinerary), 3, &[]);
    // An archived unit is offered only where the visit already names it.
    let chosen_units: Vec<&str> =
        std::iter::once(f.owner_unit_id.as_str()).chain(f.itinerary.iter().map(|r| r.v("responsible_unit_id"))).collect();
    Ok(FormPage {
        c: Chrome::new(ctx, "delegations", l.t(if id.is_some() { "delegations.edit_title" } else { "delegations.new_title" })),
        directions: opts(l, Direction::ALL, "delegation_direction", &f.direction),
        units: units
            .iter()
            .filter(|u| u.offered(&chosen_units))
            .map(|u| Opt { selected: u.id.to_string() == f.owner_unit_id.trim(), value: u.id.to_string(), label: u.name(zh).to_string() })
            .collect(),
        partnerships: names
            .into_iter()
            .map(|(id, name)| Opt { selected: f.partnership_ids.contains(&id.to_string()), value: id.to_string(), label: name })
            .collect(),
        fields: all_fields
            .iter()
            .map(|x| Opt { selected: f.fields.contains(&x.code), value: x.code.clone(), label: x.name(zh).to_string() })
            .collect(),
        roles: opts(l, MemberRole::ALL, "member_role", ""),
        legs: opts(l, TransportLeg::ALL, "transport_leg", ""),
        modes: opts(l, TransportMode::ALL, "transport_mode", ""),
        id,
        f,
        errors,
    })
}

/// `GET /delegations/new`.
pub async fn new_form(State(s): State<AppState>, ctx: Ctx) -> Result<FormPage, HtmlError> {
    let home =
        unit::list(&s.db, &ctx.actor).await?.into_iter().find(|u| u.parent_id.is_none()).map(|u| u.id.to_string()).unwrap_or_default();
    let owner = ctx.identity.principal.as_ref().and_then(|p| p.unit_id).map(|u| u.to_string()).unwrap_or(home);
    let f = DelegationForm { direction: "inbound".into(), owner_unit_id: owner, ..Default::default() };
    render(&s, &ctx, None, f, FormErrors::default()).await
}

/// `GET /delegations/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<FormPage, HtmlError> {
    let d = delegation::get(&s.db, &ctx.actor, id).await?;
    ctx.actor.require_write_unit(d.owner_unit_id)?;
    render(&s, &ctx, Some(id), DelegationForm::from_delegation(&d), FormErrors::default()).await
}

async fn save(s: &AppState, ctx: &Ctx, id: Option<i64>, body: Bytes) -> Result<Response, HtmlError> {
    let f = DelegationForm::parse(&body)?;
    let result = match f.to_input() {
        Err(e) => Err(e),
        Ok(input) => match id {
            None => delegation::create(&s.db, &ctx.actor, input).await,
            Some(id) => delegation::update(&s.db, &ctx.actor, id, input).await,
        },
    };
    super::super::form::answer(ctx.locale, result, |d| format!("/delegations/{}", d.id), |errors| render(s, ctx, id, f, errors)).await
}

/// `POST /delegations`.
pub async fn create(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, None, body).await
}

/// `POST /delegations/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, Some(id), body).await
}

/// `POST /delegations/{id}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Redirect, HtmlError> {
    delegation::delete(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to("/delegations"))
}
