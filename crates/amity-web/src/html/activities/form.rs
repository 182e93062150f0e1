//! The activity form: create and edit, re-rendered with the errors beside the fields.

use crate::extract::Query;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use crate::form_fields::{number, numbers};
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use crate::view::names_by_id;
use amity_core::activity::{self, Activity, ActivityInput, ActivityKind, ActivityStatus, CommitmentInput};
use amity_core::error::Problems;
use amity_core::{Error, field, unit};

/// The form as posted (all text; numbers are checked here so errors name the field).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActivityForm {
    pub kind: String,
    pub title: String,
    pub title_zh: String,
    pub start_on: String,
    pub end_on: String,
    pub status: String,
    pub owner_unit_id: String,
    pub partnership_ids: Vec<String>,
    pub fields: Vec<String>,
    pub participants: String,
    pub summary: String,
    pub summary_zh: String,
    pub outcome: String,
    pub source_url: String,
    pub commitment_what: String,
    pub commitment_who: String,
    pub commitment_due_on: String,
    pub version: String,
}

impl ActivityForm {
    fn to_input(&self) -> Result<ActivityInput, Error> {
        let mut p = Problems::default();
        let owner_unit_id = p.take(number("owner_unit_id", &self.owner_unit_id)).flatten();
        let participants = p.take(number("participants", &self.participants)).flatten();
        let partnership_ids = numbers(&mut p, "partnership_ids", &self.partnership_ids);
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        let commitments = if self.commitment_what.trim().is_empty() && self.commitment_due_on.trim().is_empty() {
            Vec::new()
        } else {
            vec![CommitmentInput {
                what: self.commitment_what.clone(),
                who: self.commitment_who.clone(),
                due_on: self.commitment_due_on.clone(),
                ..Default::default()
            }]
        };
        Ok(ActivityInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            title_zh: self.title_zh.clone(),
            start_on: self.start_on.clone(),
            end_on: self.end_on.clone(),
            status: self.status.clone(),
            owner_unit_id,
            partnership_ids,
            fields: self.fields.clone(),
            participants,
            summary: self.summary.clone(),
            summary_zh: self.summary_zh.clone(),
            outcome: self.outcome.clone(),
            source_url: self.source_url.clone(),
            commitments,
            version,
        })
    }

    fn from_activity(a: &Activity) -> Self {
        Self {
            kind: a.kind.as_str().into(),
            title: a.title.clone(),
            title_zh: a.title_zh.clone(),
            start_on: a.start_on.to_string(),
            end_on: a.end_on.map(|d| d.to_string()).unwrap_or_default(),
            status: a.status.as_str().into(),
            owner_unit_id: a.owner_unit_id.to_string(),
            partnership_ids: a.partnership_ids.iter().map(ToString::to_string).collect(),
            fields: a.fields.clone(),
            participants: a.participants.map(|n| n.to_string()).unwrap_or_default(),
            summary: a.summary.clone().unwrap_or_default(),
            summary_zh: a.summary_zh.clone().unwrap_or_default(),
            outcome: a.outcome.clone().unwrap_or_default(),
            source_url: a.source_url.clone().unwrap_or_default(),
            version: a.version.to_string(),
            ..Default::default()
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "activities/form.html")]
pub struct FormPage {
    c: Chrome,
    id: Option<i64>,
    f: ActivityForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    units: Vec<Opt>,
    partnerships: Vec<Opt>,
    fields: Vec<Opt>,
}

async fn render(s: &AppState, ctx: &Ctx, id: Option<i64>, f: ActivityForm, errors: FormErrors) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let units = unit::list(&s.db, &ctx.actor).await?;
    let all_fields = field::list(&s.db, &ctx.actor).await?;
    let mut names: Vec<(i64, String)> = names_by_id(s, ctx).await?.into_iter().collect();
    names.sort_by_key(|(_, name)| crate::view::name_key(l, name));
    let sel = |v: &str, cur: &str| v == cur.trim();
    Ok(FormPage {
        c: Chrome::new(ctx, "activities", l.t(if id.is_some() { "activities.edit_title" } else { "activities.new_title" })),
        kinds: ActivityKind::ALL
            .iter()
            .map(|k| Opt { selected: sel(k.as_str(), &f.kind), value: k.as_str().into(), label: l.t(&format!("activity_kind.{k}")) })
            .collect(),
        statuses: ActivityStatus::ALL
            .iter()
            .map(|k| Opt { selected: sel(k.as_str(), &f.status), value: k.as_str().into(), label: l.t(&format!("activity_status.{k}")) })
            .collect(),
        units: units
            .iter()
            .filter(|u| u.offered(&[&f.owner_unit_id]))
            .map(|u| Opt { selected: sel(&u.id.to_string(), &f.owner_unit_id), value: u.id.to_string(), label: u.name(zh).to_string() })
            .collect(),
        partnerships: names
            .into_iter()
            .map(|(id, name)| Opt { selected: f.partnership_ids.contains(&id.to_string()), value: id.to_string(), label: name })
            .collect(),
        fields: all_fields
            .iter()
            .map(|x| Opt { selected: f.fields.contains(&x.code), value: x.code.clone(), label: x.name(zh).to_string() })
            .collect(),
        id,
        f,
        errors,
    })
}

/// Presets of the new-activity form (`?partnership=` from a partner page).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Preset {
    pub partnership: String,
}

/// `GET /activities/new`.
pub async fn new_form(State(s): State<AppState>, ctx: Ctx, Query(p): Query<Preset>) -> Result<FormPage, HtmlError> {
    let home =
        unit::list(&s.db, &ctx.actor).await?.into_iter().find(|u| u.parent_id.is_none()).map(|u| u.id.to_string()).unwrap_or_default();
    let owner = ctx.identity.principal.as_ref().and_then(|p| p.unit_id).map(|u| u.to_string()).unwrap_or(home);
    let partnership_ids = Some(p.partnership.trim().to_string()).filter(|s| !s.is_empty()).into_iter().collect();
    let f = ActivityForm { kind: "meeting".into(), status: "done".into(), owner_unit_id: owner, partnership_ids, ..Default::default() };
    render(&s, &ctx, None, f, FormErrors::default()).await
}

/// `GET /activities/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<FormPage, HtmlError> {
    let a = activity::get(&s.db, &ctx.actor, id).await?;
    ctx.actor.require_write_unit(a.owner_unit_id)?;
    render(&s, &ctx, Some(id), ActivityForm::from_activity(&a), FormErrors::default()).await
}

async fn save(s: &AppState, ctx: &Ctx, id: Option<i64>, body: Bytes) -> Result<Response, HtmlError> {
    let f: ActivityForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Err(e) => Err(e),
        Ok(input) => match id {
            None => activity::create(&s.db, &ctx.actor, input).await,
            Some(id) => activity::update(&s.db, &ctx.actor, id, input).await,
        },
    };
    super::super::form::answer(ctx.locale, result, |a| format!("/activities/{}", a.id), |errors| render(s, ctx, id, f, errors)).await
}

/// `POST /activities`.
pub async fn create(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, None, body).await
}

/// `POST /activities/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, Some(id), body).await
}

/// `POST /activities/{id}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Redirect, HtmlError> {
    activity::delete(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to("/activities"))
}
