//! `/fields`: the cooperation fields, and a form to add one.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::{Chrome, FormErrors, HtmlError};
use crate::extract::Query;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::field::{self, CooperationField, FieldInput};

#[derive(Template, WebTemplate)]
#[template(path = "fields.html")]
pub struct FieldsPage {
    c: Chrome,
    fields: Vec<CooperationField>,
    pager: crate::query::paging::Pager,
    f: FieldForm,
    errors: FormErrors,
}

/// The add-a-field form as posted.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct FieldForm {
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
}

async fn render(s: &AppState, ctx: &Ctx, paging: amity_core::Paging, f: FieldForm, errors: FormErrors) -> Result<FieldsPage, HtmlError> {
    let page = field::page(&s.db, &ctx.actor, paging).await?;
    let pager = crate::query::paging::Pager::of("/fields", &page);
    Ok(FieldsPage { c: Chrome::new(ctx, "fields", ctx.locale.t("fields.title")), fields: page.items, pager, f, errors })
}

/// `GET /fields`.
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<crate::query::paging::PageQuery>) -> Result<FieldsPage, HtmlError> {
    render(&s, &ctx, q.paging(), FieldForm::default(), FormErrors::default()).await
}

/// `POST /fields`.
pub async fn create(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: FieldForm = crate::html::form::read(&body)?;
    let input = FieldInput { code: f.code.clone(), name_en: f.name_en.clone(), name_zh: f.name_zh.clone() };
    let result = field::create(&s.db, &ctx.actor, input).await;
    crate::html::form::answer(ctx.locale, result, |_| "/fields".into(), |errors| render(&s, &ctx, amity_core::Paging::default(), f, errors))
        .await
}
