//! The create and edit pages: render the form, save it, or re-render it with the errors beside the fields.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::PartnershipForm;

use crate::form_fields::number;
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::{Opt, country_name, country_options, population};
use amity_core::partnership::{PartnershipKind, PartnershipStatus};
use amity_core::{field, partnership, unit};

/// A reference city offered by the picker.
pub struct Candidate {
    pub id: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/form.html")]
pub struct FormPage {
    c: Chrome,
    /// `None` for a new partnership.
    id: Option<i64>,
    f: PartnershipForm,
    errors: FormErrors,
    units: Vec<Opt>,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    countries: Vec<Opt>,
    fields: Vec<Opt>,
    candidates: Vec<Candidate>,
    searched: bool,
}

/// How a reference city is described in the picker: name, province, country, population.
pub fn describe_city(l: crate::i18n::Locale, c: &amity_refdata::City) -> String {
    let name = match (&c.name_zh, l.is_zh()) {
        (Some(zh), true) => format!("{zh} ({})", c.name),
        (Some(zh), false) => format!("{} ({zh})", c.name),
        _ => c.name.clone(),
    };
    let admin = c.admin1.clone().map(|a| format!(", {a}")).unwrap_or_default();
    let pop = population(i64::try_from(c.population).ok());
    format!("{name}{admin}, {} — {}", country_name(l, &c.country), l.t_with("city.population", &[("n", pop)]))
}

async fn render(
    s: &AppState,
    ctx: &Ctx,
    id: Option<i64>,
    f: PartnershipForm,
    errors: FormErrors,
    searched: bool,
) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let fields = field::list(&s.db, &ctx.actor).await?;
    let mut candidates: Vec<Candidate> = if f.city_q.trim().is_empty() {
        Vec::new()
    } else {
        amity_refdata::search_cities(&f.city_q, None, 20)
            .into_iter()
            .map(|c| Candidate { id: c.id.to_string(), label: describe_city(l, c), checked: false })
            .collect()
    };
    if let Some(c) = number::<i64>("city_id", &f.city_id).ok().flatten().and_then(amity_refdata::city) {
        candidates.retain(|x| x.id != c.id.to_string());
        candidates.insert(0, Candidate { id: c.id.to_string(), label: describe_city(l, c), checked: true });
    }
    let opts = |items: Vec<(String, String)>, cur: &str| {
        items.into_iter().map(|(value, label)| Opt { selected: value == cur, value, label }).collect()
    };
    let title = l.t(if id.is_some() { "partnerships.edit_title" } else { "partnerships.new_title" });
    Ok(FormPage {
        c: Chrome::new(ctx, "partners", title),
        units: opts(
            units.iter().filter(|u| u.offered(&[&f.home_unit_id])).map(|u| (u.id.to_string(), u.name(l.is_zh()).to_string())).collect(),
            &f.home_unit_id,
        ),
        kinds: opts(PartnershipKind::ALL.iter().map(|k| (k.as_str().to_string(), l.t(&format!("kind.{k}")))).collect(), &f.kind),
        statuses: opts(PartnershipStatus::ALL.iter().map(|k| (k.as_str().to_string(), l.t(&format!("status.{k}")))).collect(), &f.status),
        countries: country_options(l, &f.country),
        fields: fields
            .iter()
            .map(|x| Opt { selected: f.fields.contains(&x.code), value: x.code.clone(), label: x.name(l.is_zh()).to_string() })
            .collect(),
        candidates,
        searched,
        id,
        f,
        errors,
    })
}

/// `GET /partnerships/new`.
pub async fn new_form(State(s): State<AppState>, ctx: Ctx) -> Result<FormPage, HtmlError> {
    let home =
        unit::list(&s.db, &ctx.actor).await?.into_iter().find(|u| u.parent_id.is_none()).map(|u| u.id.to_string()).unwrap_or_default();
    let f = PartnershipForm { home_unit_id: home, kind: "sister_city".into(), status: "active".into(), ..Default::default() };
    render(&s, &ctx, None, f, FormErrors::default(), false).await
}

/// `GET /partnerships/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<FormPage, HtmlError> {
    let p = partnership::get(&s.db, &ctx.actor, id).await?;
    ctx.actor.require_write_unit(p.home_unit_id)?;
    render(&s, &ctx, Some(id), PartnershipForm::from_partnership(&p), FormErrors::default(), false).await
}

/// `POST /partnerships`: create, or search cities when the picker's button was pressed.
pub async fn create(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, None, body).await
}

/// `POST /partnerships/{id}`: save changes.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, Some(id), body).await
}

async fn save(s: &AppState, ctx: &Ctx, id: Option<i64>, body: Bytes) -> Result<Response, HtmlError> {
    let f: PartnershipForm = crate::html::form::read(&body)?;
    if f.action == "find_city" && !f.city_q.trim().is_empty() {
        return Ok(render(s, ctx, id, f, FormErrors::default(), true).await?.into_response());
    }
    let result = match f.to_input() {
        Err(e) => Err(e),
        Ok(input) => match id {
            None => partnership::create(&s.db, &ctx.actor, input).await,
            Some(id) => partnership::update(&s.db, &ctx.actor, id, input).await,
        },
    };
    crate::html::form::answer(ctx.locale, result, |p| format!("/partnerships/{}", p.id), |errors| render(s, ctx, id, f, errors, false))
        .await
}

/// `POST /partnerships/{id}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Redirect, HtmlError> {
    partnership::delete(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to("/partnerships"))
}
