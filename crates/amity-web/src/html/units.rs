//! Unit pages: the list of the home city's units (active ones, or the archived), the create/edit
//! form, and archiving, restoring or deleting a unit from the edit page.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Chrome, FormErrors, HtmlError};
use crate::form_fields::{number, number_field};
use crate::i18n::date_long;
use crate::path_id::Id;
use crate::query::unit::UnitQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::error::Problems;
use amity_core::unit::{UnitArchiveInput, UnitKind};
use amity_core::{Error, Unit, UnitInput, unit};

/// One unit, ready to print.
pub struct UnitRow {
    pub id: i64,
    pub name: String,
    pub other_name: String,
    pub kind: String,
    pub parent: String,
    /// The day it was archived (office time), or empty while active.
    pub archived_on: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "units/list.html")]
pub struct ListPage {
    c: Chrome,
    rows: Vec<UnitRow>,
    /// Listing the archived units rather than the active ones.
    archived: bool,
    total: i64,
    page: u32,
    pages: u32,
    errors: FormErrors,
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
    /// The unit being edited (for archiving and deleting), when editing.
    unit: Option<Unit>,
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
    /// The form filled with a stored unit.
    fn of(u: &Unit) -> Self {
        Self {
            parent_id: u.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            kind: u.kind.as_str().into(),
            name_en: u.name_en.clone(),
            name_zh: u.name_zh.clone(),
            version: u.version.to_string(),
        }
    }

    /// The service's input, or the fields whose numbers do not parse.
    fn to_input(&self) -> Result<UnitInput, Error> {
        let mut p = Problems::default();
        let parent_id = p.take(number("parent_id", &self.parent_id)).flatten();
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        Ok(UnitInput { parent_id, kind: self.kind.clone(), name_en: self.name_en.clone(), name_zh: self.name_zh.clone(), version })
    }
}

/// `GET /units`: the active units, or with `?archived=1` the archived ones, a page at a time.
pub async fn list(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let l = ctx.locale;
    let q: UnitQuery = serde_html_form::from_str(raw.as_deref().unwrap_or_default()).unwrap_or_default();
    let (filter, errors) = match q.filter() {
        Ok(f) => (f, FormErrors::default()),
        Err(e) => (amity_core::unit::UnitFilter::default(), FormErrors::from_error(l, &e).unwrap_or_default()),
    };
    let archived = filter.archived == Some(true);
    let filter = amity_core::unit::UnitFilter { archived: Some(archived), ..filter };
    let page = unit::page(&s.db, &ctx.actor, &filter).await?;
    let all = unit::list(&s.db, &ctx.actor).await?;
    let tz = s.settings.office_tz();
    let rows = page
        .items
        .iter()
        .map(|u| UnitRow {
            id: u.id,
            name: u.name(l.is_zh()).to_string(),
            other_name: u.name(!l.is_zh()).to_string(),
            kind: l.t(&format!("unit_kind.{}", u.kind)),
            parent: u.parent_id.and_then(|p| all.iter().find(|x| x.id == p)).map(|p| p.name(l.is_zh()).to_string()).unwrap_or_default(),
            archived_on: u.archived_at.map(|t| date_long(l, t.with_timezone(&tz).date_naive())).unwrap_or_default(),
        })
        .collect();
    let status = errors.status();
    let title = l.t(if archived { "units.archived_title" } else { "units.title" });
    let body =
        ListPage { c: Chrome::new(&ctx, "units", title), rows, archived, total: page.total, page: page.page, pages: page.pages(), errors };
    Ok((status, body).into_response())
}

async fn render(s: &AppState, ctx: &Ctx, id: Option<i64>, f: UnitForm, errors: FormErrors) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let parents = units
        .iter()
        .filter(|u| Some(u.id) != id && u.offered(&[&f.parent_id]))
        .map(|u| Opt { selected: u.id.to_string() == f.parent_id, value: u.id.to_string(), label: u.name(l.is_zh()).to_string() })
        .collect();
    let kinds = UnitKind::ALL
        .iter()
        .map(|k| Opt { selected: k.as_str() == f.kind, value: k.as_str().into(), label: l.t(&format!("unit_kind.{k}")) })
        .collect();
    let title = l.t(if id.is_some() { "units.edit_title" } else { "units.new_title" });
    let unit = id.and_then(|id| units.iter().find(|u| u.id == id).cloned());
    Ok(FormPage { c: Chrome::new(ctx, "units", title), id, f, errors, kinds, parents, unit })
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
    render(&s, &ctx, Some(id), UnitForm::of(&u), FormErrors::default()).await
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

/// What the archive and delete buttons post.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ArchiveForm {
    /// `true` to archive, `false` to restore.
    pub archived: String,
    pub version: String,
}

/// `POST /units/{id}/archive`: archives or restores the unit, back to the list it now belongs to.
pub async fn archive(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: ArchiveForm = crate::html::form::read(&body)?;
    let archived = f.archived == "true";
    let result = match number_field::<i64>("version", &f.version) {
        Ok(version) => unit::set_archived(&s.db, &ctx.actor, id, UnitArchiveInput { archived, version }).await,
        Err(e) => Err(e),
    };
    let to = |u: &Unit| if u.is_archived() { "/units?archived=1".to_string() } else { "/units".to_string() };
    crate::html::form::answer(ctx.locale, result, to, |errors| edit_again(&s, &ctx, id, errors)).await
}

/// `POST /units/{id}/delete`: deletes a unit nothing names; a unit in use stays, and its edit
/// page says to archive it instead.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, HtmlError> {
    let result = unit::delete(&s.db, &ctx.actor, id).await;
    crate::html::form::answer(ctx.locale, result, |_| "/units".into(), |errors| edit_again(&s, &ctx, id, errors)).await
}

/// The edit page of a unit as stored, with `errors`.
async fn edit_again(s: &AppState, ctx: &Ctx, id: i64, errors: FormErrors) -> Result<FormPage, HtmlError> {
    let u = unit::get(&s.db, &ctx.actor, id).await?;
    render(s, ctx, Some(id), UnitForm::of(&u), errors).await
}
