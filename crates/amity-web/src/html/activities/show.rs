//! `GET /activities/{id}`: one activity with its partners, fields, outcome and commitments; the
//! forms that add a commitment and change a commitment's status.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::form_fields::number_field;
use crate::html::{Chrome, FormErrors, HtmlError};
use crate::i18n::{activity_when, date_long};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::names_of;
use amity_core::activity::{self, Activity, CommitmentInput, CommitmentStatus};
use amity_core::{field, unit};

/// A commitment, ready to print.
pub struct CommitmentRow {
    pub id: i64,
    pub what: String,
    pub who: String,
    pub due: String,
    pub status: String,
    pub status_code: &'static str,
    pub overdue: bool,
    pub version: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "activities/show.html")]
pub struct ShowPage {
    c: Chrome,
    a: Activity,
    when: String,
    kind: String,
    status: String,
    unit: String,
    partners: Vec<(i64, String)>,
    fields: String,
    commitments: Vec<CommitmentRow>,
    errors: FormErrors,
    f: CommitmentForm,
}

/// The add-a-commitment form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CommitmentForm {
    pub what: String,
    pub who: String,
    pub due_on: String,
}

async fn render(s: &AppState, ctx: &Ctx, id: i64, errors: FormErrors, f: CommitmentForm) -> Result<ShowPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let a = activity::get(&s.db, &ctx.actor, id).await?;
    let names = names_of(s, ctx, a.partnership_ids.iter().copied()).await?;
    let all_fields = field::list(&s.db, &ctx.actor).await?;
    let unit = unit::get(&s.db, &ctx.actor, a.owner_unit_id).await.map(|u| u.name(zh).to_string()).unwrap_or_default();
    let today = s.settings.today();
    let commitments = a
        .commitments
        .iter()
        .map(|c| CommitmentRow {
            id: c.id,
            what: c.what.clone(),
            who: c.who.clone(),
            due: date_long(l, c.due_on),
            status: l.t(&format!("commitment_status.{}", c.status)),
            status_code: c.status.as_str(),
            overdue: c.status == CommitmentStatus::Open && c.due_on < today,
            version: c.version,
        })
        .collect();
    Ok(ShowPage {
        c: Chrome::new(ctx, "activities", a.title_in(ctx.locale.is_zh()).to_string()),
        when: activity_when(l, &a),
        kind: l.t(&format!("activity_kind.{}", a.kind)),
        status: l.t(&format!("activity_status.{}", a.status)),
        unit,
        partners: a.partnership_ids.iter().map(|id| (*id, names.get(id).cloned().unwrap_or_else(|| id.to_string()))).collect(),
        fields: a
            .fields
            .iter()
            .filter_map(|c| all_fields.iter().find(|x| &x.code == c))
            .map(|x| x.name(zh).to_string())
            .collect::<Vec<_>>()
            .join(&l.t("list.sep")),
        commitments,
        errors,
        f,
        a,
    })
}

/// `GET /activities/{id}`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ShowPage, HtmlError> {
    render(&s, &ctx, id, FormErrors::default(), CommitmentForm::default()).await
}

/// `POST /activities/{id}/commitments`.
pub async fn add_commitment(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: CommitmentForm = serde_html_form::from_bytes(&body).unwrap_or_default();
    let input = CommitmentInput { what: f.what.clone(), who: f.who.clone(), due_on: f.due_on.clone(), ..Default::default() };
    let result = activity::add_commitment(&s.db, &ctx.actor, id, input).await;
    crate::html::form::answer(ctx.locale, result, |_| format!("/activities/{id}"), |errors| render(&s, &ctx, id, errors, f)).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StatusForm {
    status: String,
    version: String,
}

/// `POST /commitments/{id}`: a new status; back to the activity.
pub async fn set_commitment(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: StatusForm = serde_html_form::from_bytes(&body).unwrap_or_default();
    let version = number_field("version", &f.version)?;
    let c = activity::set_commitment_status(&s.db, &ctx.actor, id, &f.status, version).await?;
    Ok(Redirect::to(&format!("/activities/{}", c.activity_id)).into_response())
}
