//! `GET /event-series`: the series of recurring brand activities, with a form to add one.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use crate::extract::Query;
use crate::form_fields::number;
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::error::Problems;
use amity_core::event::{self, EventSeries, EventSeriesInput};
use amity_core::{Error, unit};

#[derive(Template, WebTemplate)]
#[template(path = "events/series.html")]
pub struct SeriesPage {
    c: Chrome,
    /// The series being edited, if any.
    editing: Option<i64>,
    rows: Vec<(EventSeries, String)>,
    pager: crate::query::paging::Pager,
    f: SeriesForm,
    errors: FormErrors,
    units: Vec<Opt>,
}

/// The add-a-series form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SeriesForm {
    pub name_en: String,
    pub name_zh: String,
    pub description: String,
    pub owner_unit_id: String,
    pub version: String,
}

impl SeriesForm {
    /// The service's input, or the fields whose numbers do not parse.
    fn to_input(&self) -> Result<EventSeriesInput, Error> {
        let mut p = Problems::default();
        let owner_unit_id = p.take(number("owner_unit_id", &self.owner_unit_id)).flatten();
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        Ok(EventSeriesInput {
            name_en: self.name_en.clone(),
            name_zh: self.name_zh.clone(),
            description: self.description.clone(),
            owner_unit_id,
            version,
        })
    }
}

async fn render(s: &AppState, ctx: &Ctx, editing: Option<i64>, f: SeriesForm, errors: FormErrors) -> Result<SeriesPage, HtmlError> {
    render_page(s, ctx, amity_core::Paging::default(), editing, f, errors).await
}

async fn render_page(
    s: &AppState,
    ctx: &Ctx,
    paging: amity_core::Paging,
    editing: Option<i64>,
    f: SeriesForm,
    errors: FormErrors,
) -> Result<SeriesPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let units = unit::list(&s.db, &ctx.actor).await?;
    let page = event::page_series(&s.db, &ctx.actor, paging).await?;
    let pager = crate::query::paging::Pager::of("/event-series", &page);
    let rows = page
        .items
        .into_iter()
        .map(|x| {
            let owner = units.iter().find(|u| u.id == x.owner_unit_id).map(|u| u.name(zh).to_string()).unwrap_or_default();
            (x, owner)
        })
        .collect();
    Ok(SeriesPage {
        c: Chrome::new(ctx, "events", l.t("events.series_title")),
        units: units
            .iter()
            .filter(|u| u.offered(&[&f.owner_unit_id]))
            .map(|u| Opt { selected: u.id.to_string() == f.owner_unit_id.trim(), value: u.id.to_string(), label: u.name(zh).to_string() })
            .collect(),
        editing,
        rows,
        pager,
        f,
        errors,
    })
}

/// `GET /event-series`.
pub async fn series(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<crate::query::paging::PageQuery>,
) -> Result<SeriesPage, HtmlError> {
    render_page(&s, &ctx, q.paging(), None, SeriesForm::default(), FormErrors::default()).await
}

/// `POST /event-series`.
pub async fn create_series(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: SeriesForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => event::create_series(&s.db, &ctx.actor, input).await,
        Err(e) => Err(e),
    };
    crate::html::form::answer(ctx.locale, result, |x| format!("/events?series={}", x.id), |errors| render(&s, &ctx, None, f, errors)).await
}

/// `GET /event-series/{id}/edit`: the list with the series' form filled in.
pub async fn edit_series(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<SeriesPage, HtmlError> {
    let x = event::get_series(&s.db, &ctx.actor, id).await?;
    ctx.actor.require_write_unit(x.owner_unit_id)?;
    let f = SeriesForm {
        name_en: x.name_en,
        name_zh: x.name_zh,
        description: x.description.unwrap_or_default(),
        owner_unit_id: x.owner_unit_id.to_string(),
        version: x.version.to_string(),
    };
    render(&s, &ctx, Some(id), f, FormErrors::default()).await
}

/// `POST /event-series/{id}`: saves a series' names, description and owner.
pub async fn update_series(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: SeriesForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => event::update_series(&s.db, &ctx.actor, id, input).await,
        Err(e) => Err(e),
    };
    crate::html::form::answer(ctx.locale, result, |_| "/event-series".into(), |errors| render(&s, &ctx, Some(id), f, errors)).await
}
