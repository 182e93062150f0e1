//! Unit pages: the list of the home city's units, and the create/edit form.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::{Chrome, FormErrors, HtmlError};
use crate::form_fields::number;
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::error::Problems;
use amity_core::unit::UnitKind;
use amity_core::{Error, UnitInput, unit};

/// One unit, ready to print.
pub struct UnitRow {
    pub id: i64,
    pub name: String,
    pub other_name: String,
    pub kind: String,
    pub parent: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "units/list.html")]
pub struct ListPage {
    c: Chrome,
    rows: Vec<UnitRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "units/form.html")]
pub struct FormPage {
    c: Chrome,
    id: Option<i64>,
    f: UnitForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    parents: Vec<Opt>,
}

/// The unit form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UnitForm {
    pub parent_id: String,
    pub kind: String,
    pub name_en: String,
    pub name_zh: String,
    pub version: String,
}

impl UnitForm {
    /// The service's input, or the fields whose numbers do not parse.
    fn to_input(&self) -> Result<UnitInput, Error> {
        let mut p = Problems::default();
        let parent_id = p.take(number("parent_id", &self.parent_id)).flatten();
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        Ok(UnitInput { parent_id, kind: self.kind.clone(), name_en: self.name_en.clone(), name_zh: self.name_zh.clone(), version })
    }
}

/// `GET /units`.
pub async fn list(State(s): State<AppState>, ctx: Ctx) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let rows = units
        .iter()
        .map(|u| UnitRow {
            id: u.id,
            name: u.name(l.is_zh()).to_string(),
            other_name: u.name(!l.is_zh()).to_string(),
            kind: l.t(&format!("unit_kind.{}", u.kind)),
            parent: u.parent_id.and_then(|p| units.iter().find(|x| x.id == p)).map(|p| p.name(l.is_zh()).to_string()).unwrap_or_default(),
        })
        .collect();
    Ok(ListPage { c: Chrome::new(&ctx, "units", l.t("units.title")), rows })
}

async fn render(s: &AppState, ctx: &Ctx, id: Option<i64>, f: UnitForm, errors: FormErrors) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let parents = units
        .iter()
        .filter(|u| Some(u.id) != id)
        .map(|u| Opt { selected: u.id.to_string() == f.parent_id, value: u.id.to_string(), label: u.name(l.is_zh()).to_string() })
        .collect();
    let kinds = UnitKind::ALL
        .iter()
        .map(|k| Opt { selected: k.as_str() == f.kind, value: k.as_str().into(), label: l.t(&format!("unit_kind.{k}")) })
        .collect();
    let title = l.t(if id.is_some() { "units.edit_title" } else { "units.new_title" });
    Ok(FormPage { c: Chrome::new(ctx, "units", title), id, f, errors, kinds, parents })
}

/// `GET /units/new`.
pub async fn new_form(State(s): State<AppState>, ctx: Ctx) -> Result<FormPage, HtmlError> {
    let home =
        unit::list(&s.db, &ctx.actor).await?.into_iter().find(|u| u.parent_id.is_none()).map(|u| u.id.to_string()).unwrap_or_default();
    render(&s, &ctx, None, UnitForm { parent_id: home, kind: "district".into(), ..Default::default() }, FormErrors::default()).await
}

/// `GET /units/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<FormPage, HtmlError> {
    let u = unit::get(&s.db, &ctx.actor, id).await?;
    let f = UnitForm {
        parent_id: u.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        kind: u.kind.as_str().into(),
        name_en: u.name_en,
        name_zh: u.name_zh,
        version: u.version.to_string(),
    };
    render(&s, &ctx, Some(id), f, FormErrors::default()).await
}

/// `POST /units`.
pub async fn create(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, None, body).await
}

/// `POST /units/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, Some(id), body).await
}

async fn save(s: &AppState, ctx: &Ctx, id: Option<i64>, body: Bytes) -> Result<Response, HtmlError> {
    let f: UnitForm = crate::html::form::read(&body)?;
    let result = match (f.to_input(), id) {
        (Err(e), _) => Err(e),
        (Ok(input), None) => unit::create(&s.db, &ctx.actor, input).await,
        (Ok(input), Some(id)) => unit::update(&s.db, &ctx.actor, id, input).await,
    };
    crate::html::form::answer(ctx.locale, result, |_| "/units".into(), |errors| render(s, ctx, id, f, errors)).await
}
