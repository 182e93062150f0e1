//! The gift registry's pages: the list with filters and its CSV/XLSX exports, one gift with its
//! photo, the form to record or edit one, photo upload. Internal records: no public page links here.

mod form;
mod list;
mod view;

use std::collections::HashMap;

use crate::extract::Query;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Chrome, FormErrors, HtmlError, Refused};
use crate::form_fields::number;
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::upload::{self, html_error};
use crate::view::{Opt, names_by_id, names_of};
use amity_core::activity::{self, ActivityFilter};
use amity_core::gift::{self, DisclosureStatus, Gift, GiftDirection};
use amity_core::{Error, Paging};
pub use form::GiftForm;
pub use list::{export_csv, export_xlsx, list};
pub use view::{GiftRow, export_head, export_row};

#[derive(Template, WebTemplate)]
#[template(path = "gifts/show.html")]
pub struct ShowPage {
    c: Chrome,
    g: GiftRow,
    activity: String,
    can_write: bool,
    errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "gifts/form.html")]
pub struct FormPage {
    c: Chrome,
    id: Option<i64>,
    f: GiftForm,
    errors: FormErrors,
    directions: Vec<Opt>,
    disclosures: Vec<Opt>,
    partnerships: Vec<Opt>,
    activities: Vec<Opt>,
}

fn directions(c: &Ctx, current: &str) -> Vec<Opt> {
    GiftDirection::ALL
        .iter()
        .map(|d| Opt { selected: d.as_str() == current, value: d.as_str().into(), label: c.locale.t(&format!("gift_direction.{d}")) })
        .collect()
}

fn disclosures(c: &Ctx, current: &str) -> Vec<Opt> {
    DisclosureStatus::ALL
        .iter()
        .map(|d| Opt { selected: d.as_str() == current, value: d.as_str().into(), label: c.locale.t(&format!("disclosure.{d}")) })
        .collect()
}

async fn partnership_opts(s: &AppState, ctx: &Ctx, current: &str) -> Result<Vec<Opt>, Error> {
    let mut names: Vec<(i64, String)> = names_by_id(s, ctx).await?.into_iter().collect();
    names.sort_by_key(|(_, name)| crate::view::name_key(ctx.locale, name));
    Ok(names.into_iter().map(|(id, name)| Opt { selected: id.to_string() == current.trim(), value: id.to_string(), label: name }).collect())
}

/// The gifts of `filter` with the names of their partnerships.
async fn names_for(s: &AppState, ctx: &Ctx, gifts: &[Gift]) -> Result<HashMap<i64, String>, Error> {
    names_of(s, ctx, gifts.iter().filter_map(|g| g.partnership_id)).await
}

async fn render_form(s: &AppState, ctx: &Ctx, id: Option<i64>, f: GiftForm, errors: FormErrors) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let mut activities = vec![Opt { selected: f.activity_id.trim().is_empty(), value: String::new(), label: l.t("gifts.no_activity") }];
    if let Ok(Some(pid)) = number::<i64>("partnership_id", &f.partnership_id) {
        let filter = ActivityFilter { partnership: Some(pid), paging: Paging::new(Some(1), Some(200)), ..Default::default() };
        for a in activity::list(&s.db, &ctx.actor, &filter).await?.items {
            let label = format!("{} · {}", crate::i18n::activity_when(l, &a), a.title_in(l.is_zh()));
            activities.push(Opt { selected: a.id.to_string() == f.activity_id.trim(), value: a.id.to_string(), label });
        }
    }
    if let Ok(Some(aid)) = number::<i64>("activity_id", &f.activity_id)
        && !activities.iter().any(|o| o.value == aid.to_string())
    {
        let label =
            activity::get(&s.db, &ctx.actor, aid).await.map(|a| a.title_in(l.is_zh()).to_string()).unwrap_or_else(|_| format!("#{aid}"));
        activities.push(Opt { selected: true, value: aid.to_string(), label });
    }
    Ok(FormPage {
        c: Chrome::new(ctx, "gifts", l.t(if id.is_some() { "gifts.edit_title" } else { "gifts.new_title" })),
        directions: directions(ctx, &f.direction),
        disclosures: disclosures(ctx, &f.disclosure),
        partnerships: partnership_opts(s, ctx, &f.partnership_id).await?,
        activities,
        id,
        f,
        errors,
    })
}

/// `GET /gifts/new` (`?partnership=ID` preselects the partnership and offers its activities).
pub async fn new_form(State(s): State<AppState>, ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Result<FormPage, HtmlError> {
    let f = GiftForm {
        direction: "received".into(),
        disclosure: "pending".into(),
        partnership_id: q.get("partnership").cloned().unwrap_or_default(),
        ..Default::default()
    };
    render_form(&s, &ctx, None, f, FormErrors::default()).await
}

/// The form again with the errors of `e` (413 for a photo over the limit), or the error page.
async fn refused_form(s: &AppState, ctx: &Ctx, id: Option<i64>, f: GiftForm, e: Error) -> Response {
    let status = crate::error::refusal_status(&e);
    let Some(errors) = FormErrors::from_error(ctx.locale, &e) else { return HtmlError(e).into_response() };
    match render_form(s, ctx, id, f, errors).await {
        Ok(page) => (status, page).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /gifts` (multipart, with an optional `photo`).
pub async fn create(State(s): State<AppState>, ctx: Ctx, headers: HeaderMap, body: Body) -> Response {
    let mut posted = match upload::read(&headers, body).await {
        Ok(p) => p,
        Err(e) => return html_error(e),
    };
    let photo = posted.take_file("photo");
    let f: GiftForm = match posted.form() {
        Ok(f) => f,
        Err(e) => return HtmlError(e).into_response(),
    };
    let result = match f.to_input() {
        Ok(input) => gift::create(&s.db, &ctx.actor, input, photo).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(g) => Redirect::to(&format!("/gifts/{}", g.id)).into_response(),
        Err(e) => refused_form(&s, &ctx, None, f, e).await,
    }
}

/// The gift page, with its photo form (`x`: "photo") refused when it was.
async fn render_show(s: &AppState, ctx: &Ctx, id: i64, x: Refused) -> Result<ShowPage, HtmlError> {
    let g = gift::get(&s.db, &ctx.actor, id).await?;
    let names = names_for(s, ctx, std::slice::from_ref(&g)).await?;
    let activity = match g.activity_id {
        Some(aid) => activity::get(&s.db, &ctx.actor, aid).await.map(|a| a.title_in(ctx.locale.is_zh()).to_string()).unwrap_or_default(),
        None => String::new(),
    };
    let can_write = match g.partnership_id {
        Some(pid) => match amity_core::partnership::get(&s.db, &ctx.actor, pid).await {
            Ok(p) => ctx.actor.require_write_unit(p.home_unit_id).is_ok(),
            Err(_) => ctx.actor.require_office().is_ok(),
        },
        None => ctx.actor.require_office().is_ok(),
    };
    Ok(ShowPage {
        c: Chrome::new(ctx, "gifts", g.description_in(ctx.locale.is_zh()).to_string()),
        g: GiftRow::new(ctx.locale, &g, &names),
        activity,
        can_write,
        errors: x.errors,
    })
}

/// `GET /gifts/{id}`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id) -> Result<ShowPage, HtmlError> {
    render_show(&s, &ctx, gift_id, Refused::default()).await
}

/// `GET /gifts/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id) -> Result<FormPage, HtmlError> {
    let g = gift::get(&s.db, &ctx.actor, gift_id).await?;
    // Who may save it may open its form: the partnership's unit, else the office.
    match g.partnership_id {
        Some(pid) => ctx.actor.require_write_unit(amity_core::partnership::get(&s.db, &ctx.actor, pid).await?.home_unit_id)?,
        None => ctx.actor.require_office()?,
    }
    render_form(&s, &ctx, Some(g.id), GiftForm::from_gift(&g), FormErrors::default()).await
}

/// `POST /gifts/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let id = gift_id;
    let f: GiftForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => gift::update(&s.db, &ctx.actor, id, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(g) => Ok(Redirect::to(&format!("/gifts/{}", g.id)).into_response()),
        Err(e) => Ok(refused_form(&s, &ctx, Some(id), f, e).await),
    }
}

/// `POST /gifts/{id}/photo` (multipart `photo`): sets or replaces the photo.
pub async fn set_photo(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id, headers: HeaderMap, body: Body) -> Response {
    let id = gift_id;
    let mut posted = match upload::read(&headers, body).await {
        Ok(p) => p,
        Err(e) => return html_error(e),
    };
    let result = match posted.take_file("photo") {
        Some(photo) => gift::set_photo(&s.db, &ctx.actor, id, photo).await.map(|_| ()),
        None => Err(Error::invalid("photo", "file_required")),
    };
    let again = |errors| render_show(&s, &ctx, id, Refused::new("photo", Vec::new(), errors));
    crate::html::form::answer(ctx.locale, result, |_| format!("/gifts/{id}"), again).await.into_response()
}

/// `POST /gifts/{id}/photo/delete`.
pub async fn remove_photo(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id) -> Result<Redirect, HtmlError> {
    let id = gift_id;
    gift::remove_photo(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to(&format!("/gifts/{id}")))
}

/// `POST /gifts/{id}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(gift_id): Id) -> Result<Redirect, HtmlError> {
    gift::delete(&s.db, &ctx.actor, gift_id).await?;
    Ok(Redirect::to("/gifts"))
}

/// The partner page's gifts: the partnership's latest gifts, ready to print.
pub async fn of_partnership(s: &AppState, ctx: &Ctx, partnership_id: i64) -> Result<(Vec<GiftRow>, i64), Error> {
    let filter =
        amity_core::gift::GiftFilter { partnership: Some(partnership_id), paging: Paging::new(Some(1), Some(10)), ..Default::default() };
    let page = gift::list(&s.db, &ctx.actor, &filter).await?;
    let names = names_for(s, ctx, &page.items).await?;
    Ok((page.items.iter().map(|g| GiftRow::new(ctx.locale, g, &names)).collect(), page.total))
}
