//! The event form: create and edit, re-rendered with the errors beside the fields; delete.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use super::{kind_opts, status_opts};
use crate::form_fields::{number, numbers};
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use crate::view::names_by_id;
use amity_core::error::Problems;
use amity_core::event::{self, CoOrganiser, Event, EventInput, EventStatus};
use amity_core::{Error, field, unit};

/// The form as posted (all text; numbers are checked here so errors name the field).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub kind: String,
    pub series_id: String,
    pub edition: String,
    pub title_en: String,
    pub title_zh: String,
    pub description: String,
    pub planned_on: String,
    pub starts_at: String,
    pub ends_at: String,
    pub all_day: String,
    pub time_zone: String,
    pub venue: String,
    pub organiser_unit_id: String,
    pub co_organiser_unit_ids: Vec<String>,
    pub co_organiser_partnership_ids: Vec<String>,
    /// One name per line.
    pub co_organiser_names: String,
    pub invited_partnership_ids: Vec<String>,
    pub fields: Vec<String>,
    pub country_code: String,
    pub capacity: String,
    pub public: String,
    pub status: String,
    pub source_url: String,
    pub version: String,
}

impl EventForm {
    fn to_input(&self) -> Result<EventInput, Error> {
        let mut p = Problems::default();
        let input = EventInput {
            kind: self.kind.clone(),
            series_id: p.take(number("series_id", &self.series_id)).flatten(),
            edition: p.take(number("edition", &self.edition)).flatten(),
            title_en: self.title_en.clone(),
            title_zh: self.title_zh.clone(),
            description: self.description.clone(),
            planned_on: self.planned_on.clone(),
            starts_at: self.starts_at.clone(),
            ends_at: self.ends_at.clone(),
            all_day: !self.all_day.is_empty(),
            time_zone: self.time_zone.clone(),
            venue: self.venue.clone(),
            organiser_unit_id: p.take(number("organiser_unit_id", &self.organiser_unit_id)).flatten(),
            co_organiser_unit_ids: numbers(&mut p, "co_organiser_unit_ids", &self.co_organiser_unit_ids),
            co_organiser_partnership_ids: numbers(&mut p, "co_organiser_partnership_ids", &self.co_organiser_partnership_ids),
            co_organiser_names: self.co_organiser_names.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect(),
            invited_partnership_ids: numbers(&mut p, "invited_partnership_ids", &self.invited_partnership_ids),
            fields: self.fields.clone(),
            country_code: self.country_code.clone(),
            capacity: p.take(number("capacity", &self.capacity)).flatten(),
            public: !self.public.is_empty(),
            status: self.status.clone(),
            source_url: self.source_url.clone(),
            version: p.take(number("version", &self.version)).flatten(),
        };
        p.finish()?;
        Ok(input)
    }

    fn from_event(e: &Event) -> Self {
        let local = |t: Option<chrono::NaiveDateTime>| {
            t.map(|t| if e.all_day { t.format("%Y-%m-%d").to_string() } else { t.format("%Y-%m-%dT%H:%M").to_string() }).unwrap_or_default()
        };
        let (mut units, mut partners, mut names) = (Vec::new(), Vec::new(), Vec::new());
        for c in &e.co_organisers {
            match c {
                CoOrganiser::Unit(u) => units.push(u.to_string()),
                CoOrganiser::Partnership(p) => partners.push(p.to_string()),
                CoOrganiser::Name(n) => names.push(n.clone()),
            }
        }
        Self {
            kind: e.kind.as_str().into(),
            series_id: e.series_id.map(|x| x.to_string()).unwrap_or_default(),
            edition: e.edition.map(|x| x.to_string()).unwrap_or_default(),
            title_en: e.title_en.clone(),
            title_zh: e.title_zh.clone(),
            description: e.description.clone().unwrap_or_default(),
            planned_on: e.planned_on.map(|d| d.to_string()).unwrap_or_default(),
            starts_at: local(e.starts_local),
            ends_at: local(e.ends_local),
            all_day: if e.all_day { "on".into() } else { String::new() },
            time_zone: e.time_zone.clone(),
            venue: e.venue.clone().unwrap_or_default(),
            organiser_unit_id: e.organiser_unit_id.to_string(),
            co_organiser_unit_ids: units,
            co_organiser_partnership_ids: partners,
            co_organiser_names: names.join("\n"),
            invited_partnership_ids: e.invited_partnership_ids.iter().map(ToString::to_string).collect(),
            fields: e.fields.clone(),
            country_code: e.country_code.clone().unwrap_or_default(),
            capacity: e.capacity.map(|x| x.to_string()).unwrap_or_default(),
            public: if e.public { "on".into() } else { String::new() },
            status: e.status.as_str().into(),
            source_url: e.source_url.clone().unwrap_or_default(),
            version: e.version.to_string(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "events/form.html")]
pub struct FormPage {
    c: Chrome,
    id: Option<i64>,
    f: EventForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    units: Vec<Opt>,
    co_units: Vec<Opt>,
    series: Vec<Opt>,
    co_partners: Vec<Opt>,
    invited: Vec<Opt>,
    fields: Vec<Opt>,
}

async fn render(s: &AppState, ctx: &Ctx, id: Option<i64>, f: EventForm, errors: FormErrors) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let units = unit::list(&s.db, &ctx.actor).await?;
    let all_fields = field::list(&s.db, &ctx.actor).await?;
    let all_series = event::list_series(&s.db, &ctx.actor).await?;
    let mut names: Vec<(i64, String)> = names_by_id(s, ctx).await?.into_iter().collect();
    names.sort_by_key(|(_, name)| crate::view::name_key(l, name));
    let pick = |chosen: &[String]| -> Vec<Opt> {
        names.iter().map(|(id, n)| Opt { selected: chosen.contains(&id.to_string()), value: id.to_string(), label: n.clone() }).collect()
    };
    // New events start as an idea, a plan or a confirmed event; later changes go through the status actions.
    let statuses = status_opts(l, &f.status)
        .into_iter()
        .filter(|o| matches!(EventStatus::parse(&o.value), Some(EventStatus::Idea | EventStatus::Planned | EventStatus::Confirmed)))
        .collect();
    Ok(FormPage {
        c: Chrome::new(ctx, "events", l.t(if id.is_some() { "events.edit_title" } else { "events.new_title" })),
        kinds: kind_opts(l, &f.kind),
        statuses,
        units: units
            .iter()
            .filter(|u| u.offered(&[&f.organiser_unit_id]))
            .map(|u| Opt {
                selected: u.id.to_string() == f.organiser_unit_id.trim(),
                value: u.id.to_string(),
                label: u.name(zh).to_string(),
            })
            .collect(),
        co_units: units
            .iter()
            .filter(|u| u.offered(&f.co_organiser_unit_ids.iter().map(String::as_str).collect::<Vec<_>>()))
            .map(|u| Opt {
                selected: f.co_organiser_unit_ids.contains(&u.id.to_string()),
                value: u.id.to_string(),
                label: u.name(zh).to_string(),
            })
            .collect(),
        series: all_series
            .iter()
            .map(|x| Opt { selected: x.id.to_string() == f.series_id.trim(), value: x.id.to_string(), label: x.name(zh).to_string() })
            .collect(),
        co_partners: pick(&f.co_organiser_partnership_ids),
        invited: pick(&f.invited_partnership_ids),
        fields: all_fields
            .iter()
            .map(|x| Opt { selected: f.fields.contains(&x.code), value: x.code.clone(), label: x.name(zh).to_string() })
            .collect(),
        id,
        f,
        errors,
    })
}

/// `GET /events/new`.
pub async fn new_form(State(s): State<AppState>, ctx: Ctx) -> Result<FormPage, HtmlError> {
    let home =
        unit::list(&s.db, &ctx.actor).await?.into_iter().find(|u| u.parent_id.is_none()).map(|u| u.id.to_string()).unwrap_or_default();
    let owner = ctx.identity.principal.as_ref().and_then(|p| p.unit_id).map(|u| u.to_string()).unwrap_or(home);
    let f = EventForm {
        kind: "forum".into(),
        status: "idea".into(),
        organiser_unit_id: owner,
        time_zone: s.settings.office_tz().name().to_string(),
        ..Default::default()
    };
    render(&s, &ctx, None, f, FormErrors::default()).await
}

/// `GET /events/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<FormPage, HtmlError> {
    let e = event::get(&s.db, &ctx.actor, id).await?;
    ctx.actor.require_write_unit(e.organiser_unit_id)?;
    render(&s, &ctx, Some(id), EventForm::from_event(&e), FormErrors::default()).await
}

async fn save(s: &AppState, ctx: &Ctx, id: Option<i64>, body: Bytes) -> Result<Response, HtmlError> {
    let f: EventForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Err(e) => Err(e),
        Ok(input) => match id {
            None => event::create(&s.db, &ctx.actor, input).await,
            Some(id) => event::update(&s.db, &ctx.actor, id, input).await,
        },
    };
    super::super::form::answer(ctx.locale, result, |e| format!("/events/{}", e.id), |errors| render(s, ctx, id, f, errors)).await
}

/// `POST /events`.
pub async fn create(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, None, body).await
}

/// `POST /events/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, Some(id), body).await
}

/// `POST /events/{id}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Redirect, HtmlError> {
    event::delete(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to("/events"))
}
