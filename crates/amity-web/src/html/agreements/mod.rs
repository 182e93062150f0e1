//! Agreement pages: a partnership's agreements (every version), one agreement with its files, the
//! form to record, edit or supersede one, uploads and downloads. Reading needs the right to read
//! records; changes need the partnership's unit (the service checks which).

mod form;
mod view;

use std::collections::HashMap;

use crate::extract::Query;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Chrome, FormErrors, HtmlError};
use crate::form_fields::number;
use crate::path_id::{Id, Ids};
use crate::request::Ctx;
use crate::state::AppState;
use crate::upload::{self, html_error};
use crate::view::Opt;
use amity_core::agreement::{self, Agreement};
use amity_core::{Error, Partnership, file, partnership};
pub use form::{AgreementForm, SignatoryRow};
pub use view::{AgreementRow, FileRow, current_rows, human_size};

#[derive(Template, WebTemplate)]
#[template(path = "agreements/list.html")]
pub struct ListPage {
    c: Chrome,
    partnership_id: i64,
    partner: String,
    rows: Vec<AgreementRow>,
    can_write: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "agreements/show.html")]
pub struct ShowPage {
    c: Chrome,
    partner: String,
    a: AgreementRow,
    can_write: bool,
    errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "agreements/form.html")]
pub struct FormPage {
    c: Chrome,
    partnership_id: i64,
    partner: String,
    /// Where the form posts.
    action: String,
    /// Where "cancel" leads.
    back: String,
    /// A new record (it may take its first file).
    is_new: bool,
    /// The title of the version this one supersedes, if any.
    supersedes: String,
    f: AgreementForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    rows: Vec<SignatoryRow>,
}

fn partner_name(ctx: &Ctx, p: &Partnership) -> String {
    p.city.name(ctx.locale.is_zh()).to_string()
}

fn can_write(ctx: &Ctx, p: &Partnership) -> bool {
    ctx.actor.require_write_unit(p.home_unit_id).is_ok() && p.status != amity_core::partnership::PartnershipStatus::Ended
}

/// `GET /partnerships/{id}/agreements`: every agreement and version of a partnership.
pub async fn list(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ListPage, HtmlError> {
    let items = agreement::list(&s.db, &ctx.actor, id).await?;
    let p = partnership::get(&s.db, &ctx.actor, id).await?;
    let partner = partner_name(&ctx, &p);
    let today = s.settings.today();
    Ok(ListPage {
        c: Chrome::new(&ctx, "partners", ctx.locale.t_with("agreements.title_for", &[("partner", partner.clone())])),
        can_write: can_write(&ctx, &p),
        rows: items.iter().map(|a| AgreementRow::new(ctx.locale, a, &items, today)).collect(),
        partnership_id: id,
        partner,
    })
}

async fn render_form(
    s: &AppState,
    ctx: &Ctx,
    p: &Partnership,
    target: Option<&Agreement>,
    f: AgreementForm,
    errors: FormErrors,
) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let supersedes = match number::<i64>("supersedes_id", &f.supersedes_id) {
        Ok(Some(sid)) if target.is_none() => agreement::get(&s.db, &ctx.actor, sid).await.map(|a| a.title).unwrap_or_default(),
        _ => String::new(),
    };
    let (title, action, back) = match target {
        Some(a) => (l.t("agreements.edit_title"), format!("/agreements/{}", a.id), format!("/agreements/{}", a.id)),
        None if !supersedes.is_empty() => {
            (l.t("agreements.version_title"), format!("/partnerships/{}/agreements", p.id), format!("/partnerships/{}/agreements", p.id))
        }
        None => (l.t("agreements.new_title"), format!("/partnerships/{}/agreements", p.id), format!("/partnerships/{}/agreements", p.id)),
    };
    Ok(FormPage {
        c: Chrome::new(ctx, "partners", title),
        partnership_id: p.id,
        partner: partner_name(ctx, p),
        action,
        back,
        is_new: target.is_none(),
        supersedes,
        kinds: form::kinds(l, &f.kind),
        rows: f.rows(l),
        f,
        errors,
    })
}

/// `GET /partnerships/{id}/agreements/new`; with `?supersedes=ID`, a new version of that agreement.
pub async fn new_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    Query(q): Query<HashMap<String, String>>,
) -> Result<FormPage, HtmlError> {
    let p = partnership::get(&s.db, &ctx.actor, id).await?;
    let supersedes = q.get("supersedes").map_or(Ok(None), |v| number::<i64>("supersedes", v)).map_err(|e| Error::Validation(vec![e]))?;
    let f = match supersedes {
        Some(sid) => {
            let old = agreement::get(&s.db, &ctx.actor, sid).await?;
            if old.partnership_id != id {
                return Err(Error::not_found("agreement", sid).into());
            }
            AgreementForm { supersedes_id: sid.to_string(), version: String::new(), ..AgreementForm::from_agreement(&old) }
        }
        None => AgreementForm { kind: "signed_agreement".into(), ..Default::default() },
    };
    render_form(&s, &ctx, &p, None, f, FormErrors::default()).await
}

/// `POST /partnerships/{id}/agreements` (multipart, with an optional `file`): records an agreement
/// or a new version, or shows the form again with its errors.
pub async fn create(State(s): State<AppState>, ctx: Ctx, Id(id): Id, headers: HeaderMap, body: Body) -> Response {
    let mut posted = match upload::read(&headers, body).await {
        Ok(p) => p,
        Err(e) => return html_error(e),
    };
    let file = posted.take_file("file");
    let f: AgreementForm = match posted.form() {
        Ok(f) => f,
        Err(e) => return HtmlError(e).into_response(),
    };
    let result = match f.to_input() {
        Ok(input) => agreement::create(&s.db, &ctx.actor, id, input, file).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(a) => Redirect::to(&format!("/agreements/{}", a.id)).into_response(),
        Err(e) => refused_form(&s, &ctx, id, None, f, e).await,
    }
}

/// The form again with the errors of `e`, or the error page when `e` is not about fields.
async fn refused_form(s: &AppState, ctx: &Ctx, partnership_id: i64, target: Option<&Agreement>, f: AgreementForm, e: Error) -> Response {
    let status = crate::error::refusal_status(&e);
    let Some(errors) = FormErrors::from_error(ctx.locale, &e) else { return HtmlError(e).into_response() };
    let p = match partnership::get(&s.db, &ctx.actor, partnership_id).await {
        Ok(p) => p,
        Err(e) => return HtmlError(e).into_response(),
    };
    match render_form(s, ctx, &p, target, f, errors).await {
        Ok(page) => (status, page).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn render_show(s: &AppState, ctx: &Ctx, id: i64, errors: FormErrors) -> Result<ShowPage, HtmlError> {
    let a = agreement::get(&s.db, &ctx.actor, id).await?;
    let p = partnership::get(&s.db, &ctx.actor, a.partnership_id).await?;
    let versions = agreement::list(&s.db, &ctx.actor, a.partnership_id).await?;
    let row = AgreementRow::new(ctx.locale, &a, &versions, s.settings.today());
    Ok(ShowPage {
        c: Chrome::new(ctx, "partners", a.title.clone()),
        partner: partner_name(ctx, &p),
        can_write: can_write(ctx, &p),
        a: row,
        errors,
    })
}

/// `GET /agreements/{id}`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(agreement_id): Id) -> Result<ShowPage, HtmlError> {
    render_show(&s, &ctx, agreement_id, FormErrors::default()).await
}

/// `GET /agreements/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(agreement_id): Id) -> Result<FormPage, HtmlError> {
    let a = agreement::get(&s.db, &ctx.actor, agreement_id).await?;
    let p = partnership::get(&s.db, &ctx.actor, a.partnership_id).await?;
    ctx.actor.require_write_unit(p.home_unit_id)?;
    render_form(&s, &ctx, &p, Some(&a), AgreementForm::from_agreement(&a), FormErrors::default()).await
}

/// `POST /agreements/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(agreement_id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let id = agreement_id;
    let f: AgreementForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => agreement::update(&s.db, &ctx.actor, id, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(a) => Ok(Redirect::to(&format!("/agreements/{}", a.id)).into_response()),
        Err(e) => {
            let a = agreement::get(&s.db, &ctx.actor, id).await?;
            Ok(refused_form(&s, &ctx, a.partnership_id, Some(&a), f, e).await)
        }
    }
}

/// `POST /agreements/{id}/files` (multipart `file`): adds a file, or shows the page with the error.
pub async fn upload_file(State(s): State<AppState>, ctx: Ctx, Id(agreement_id): Id, headers: HeaderMap, body: Body) -> Response {
    let id = agreement_id;
    let mut posted = match upload::read(&headers, body).await {
        Ok(p) => p,
        Err(e) => return html_error(e),
    };
    let result = match posted.take_file("file") {
        Some(file) => agreement::attach_file(&s.db, &ctx.actor, id, file).await.map(|_| ()),
        None => Err(Error::invalid("file", "file_required")),
    };
    match result {
        Ok(()) => Redirect::to(&format!("/agreements/{id}")).into_response(),
        Err(e) => {
            let status = crate::error::refusal_status(&e);
            let Some(errors) = FormErrors::from_error(ctx.locale, &e) else { return HtmlError(e).into_response() };
            match render_show(&s, &ctx, id, errors).await {
                Ok(page) => (status, page).into_response(),
                Err(e) => e.into_response(),
            }
        }
    }
}

/// `POST /agreements/{id}/files/{file_id}/delete`.
pub async fn delete_file(State(s): State<AppState>, ctx: Ctx, Ids(agreement_id, file_id): Ids) -> Result<Redirect, HtmlError> {
    let id = agreement_id;
    agreement::detach_file(&s.db, &ctx.actor, id, file_id).await?;
    Ok(Redirect::to(&format!("/agreements/{id}")))
}

/// `POST /agreements/{id}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(agreement_id): Id) -> Result<Redirect, HtmlError> {
    let id = agreement_id;
    let partnership_id = agreement::get(&s.db, &ctx.actor, id).await?.partnership_id;
    agreement::delete(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to(&format!("/partnerships/{partnership_id}/agreements")))
}

/// `GET /files/{id}`: a stored file, for whoever may read what it belongs to.
pub async fn download(State(s): State<AppState>, ctx: Ctx, Id(file_id): Id) -> Result<Response, HtmlError> {
    let f = file::download(&s.db, &ctx.actor, file_id).await?;
    Ok(upload::file_response(f))
}
