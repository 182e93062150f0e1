//! `/calendar/relations`: the office's own calendar data — the dates the home country established
//! diplomatic relations with partner countries, and this year's date of national days that move.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;

use crate::html::form::answer;
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::i18n::{Locale, partial_date};
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use crate::view::country_name;
use amity_core::calendar::{self, DiplomaticRelationInput};

/// A diplomatic relation, ready to print.
pub struct RelationRow {
    pub country: String,
    pub name: String,
    pub established: String,
    pub basis: String,
    pub source_url: String,
}

/// A movable national day and this year's date, if set.
pub struct MovableRow {
    pub country: String,
    pub name: String,
    pub holiday: String,
    pub day: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "calendar/relations.html")]
pub struct RelationsPage {
    c: Chrome,
    rows: Vec<RelationRow>,
    movable: Vec<MovableRow>,
    countries: Vec<Opt>,
    movable_countries: Vec<Opt>,
    f: RelationForm,
    errors: FormErrors,
    movable_title: String,
}

/// The diplomatic relation form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RelationForm {
    pub country: String,
    pub established: String,
    pub basis: String,
    pub source_url: String,
}

/// The movable national day form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NationalDayForm {
    pub country: String,
    pub day: String,
}

fn country_opts(l: Locale, codes: impl Iterator<Item = String>, selected: &str) -> Vec<Opt> {
    let mut v: Vec<Opt> = codes.map(|c| Opt { selected: c.eq_ignore_ascii_case(selected), label: country_name(l, &c), value: c }).collect();
    v.sort_by_key(|o| if l.is_zh() { amity_core::validate::sort_key_zh(&o.label) } else { o.label.clone() });
    v
}

async fn render(s: &AppState, ctx: &Ctx, f: RelationForm, errors: FormErrors) -> Result<RelationsPage, HtmlError> {
    let l = ctx.locale;
    let year = s.settings.today().year();
    let relations = calendar::relations(&s.db, &ctx.actor).await?;
    let movable_codes: Vec<String> = amity_refdata::countries()
        .iter()
        .filter(|c| c.national_day.as_ref().is_some_and(|d| d.is_variable()))
        .map(|c| c.iso2.clone())
        .collect();
    let set = calendar::national_day_dates(&s.db, &ctx.actor, year).await?;
    let movable = movable_codes
        .iter()
        .map(|c| MovableRow {
            country: c.clone(),
            name: country_name(l, c),
            holiday: crate::calendar_text::national_day(l, c),
            day: set
                .iter()
                .find(|d| &d.country == c)
                .map(|d| crate::i18n::date_long(l, d.day))
                .unwrap_or_else(|| l.t("calendar.to_be_set")),
        })
        .collect();
    Ok(RelationsPage {
        c: Chrome::new(ctx, "calendar", l.t("calendar.relations_title")),
        rows: relations
            .iter()
            .map(|r| RelationRow {
                country: r.country.clone(),
                name: country_name(l, &r.country),
                established: partial_date(l, &r.established),
                basis: r.basis.clone().unwrap_or_default(),
                source_url: r.source_url.clone().unwrap_or_default(),
            })
            .collect(),
        countries: country_opts(l, amity_refdata::countries().iter().map(|c| c.iso2.clone()).filter(|c| c != "CN"), &f.country),
        movable_countries: country_opts(l, movable_codes.into_iter(), ""),
        movable,
        movable_title: l.t_with("calendar.movable_title", &[("year", year.to_string())]),
        f,
        errors,
    })
}

/// `GET /calendar/relations`.
pub async fn show(State(s): State<AppState>, ctx: Ctx) -> Result<RelationsPage, HtmlError> {
    render(&s, &ctx, RelationForm::default(), FormErrors::default()).await
}

/// `POST /calendar/relations`: enters or corrects a country's date of diplomatic relations.
pub async fn save(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: RelationForm = crate::html::form::read(&body)?;
    let input = DiplomaticRelationInput {
        country: f.country.clone(),
        established: f.established.clone(),
        basis: Some(f.basis.clone()),
        source_url: Some(f.source_url.clone()),
    };
    let result = calendar::set_relation(&s.db, &ctx.actor, &input, s.settings.today()).await;
    answer(ctx.locale, result, |_| "/calendar/relations".into(), |errors| render(&s, &ctx, f, errors)).await
}

/// `POST /calendar/relations/{iso2}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Path(iso2): Path<String>) -> Result<Redirect, HtmlError> {
    calendar::delete_relation(&s.db, &ctx.actor, &iso2).await?;
    Ok(Redirect::to("/calendar/relations"))
}

/// `POST /calendar/national-days`: sets this year's date of a movable national day.
pub async fn set_national_day(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: NationalDayForm = crate::html::form::read(&body)?;
    let result = calendar::set_national_day(&s.db, &ctx.actor, &f.country, &f.day).await;
    answer(ctx.locale, result, |_| "/calendar/relations".into(), |errors| render(&s, &ctx, RelationForm::default(), errors)).await
}
