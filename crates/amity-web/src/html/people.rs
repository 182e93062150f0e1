//! `/admin/people`: erasure on request of every person Amity holds (admins) — search by name or
//! e-mail, tick the records, see what will be erased, confirm.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::{Chrome, FormErrors, HtmlError};
use crate::api::people::PeopleQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Error;
use amity_core::person::{self, ErasureInput, PersonRecord, PersonRefInput};

/// One record, ready to print.
pub struct Row {
    /// `kind:id`, the checkbox's value.
    pub key: String,
    pub kind: String,
    pub name: String,
    pub email: String,
    pub context: String,
    pub travel_documents: i64,
}

fn rows(c: &Chrome, records: Vec<PersonRecord>) -> Vec<Row> {
    records
        .into_iter()
        .map(|r| Row {
            key: format!("{}:{}", r.kind.code(), r.id),
            kind: c.t(&format!("people.kind_{}", r.kind.code())),
            name: r.name,
            email: r.email.unwrap_or_default(),
            context: r.context,
            travel_documents: r.travel_documents,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "people/search.html")]
pub struct SearchPage {
    c: Chrome,
    q: String,
    rows: Vec<Row>,
    /// Rows carry checkboxes here (the preview carries them as hidden fields).
    show_boxes: bool,
    searched: bool,
    errors: FormErrors,
    notice: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "people/preview.html")]
pub struct PreviewPage {
    c: Chrome,
    rows: Vec<Row>,
    show_boxes: bool,
}

/// The ticked records as posted: `record=contact:7&record=registrant:3`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Selection {
    pub record: Vec<String>,
}

impl Selection {
    fn input(&self) -> ErasureInput {
        let records = self
            .record
            .iter()
            .map(|r| {
                let (kind, id) = r.split_once(':').unwrap_or((r.as_str(), ""));
                PersonRefInput { kind: kind.to_string(), id: id.parse().ok() }
            })
            .collect();
        ErasureInput { records }
    }
}

async fn search_page(s: &AppState, ctx: &Ctx, q: String, refused: FormErrors, notice: Option<String>) -> Result<SearchPage, HtmlError> {
    let c = Chrome::new(ctx, "people", ctx.locale.t("people.title"));
    let searched = !q.trim().is_empty();
    let (found, errors) = if refused.any() || !searched {
        (Vec::new(), refused)
    } else {
        match person::search(&s.db, &ctx.actor, &q).await {
            Ok(found) => (found, FormErrors::default()),
            Err(e @ Error::Validation(_)) => (Vec::new(), FormErrors::from_error(ctx.locale, &e).unwrap_or_default()),
            Err(e) => return Err(e.into()),
        }
    };
    Ok(SearchPage { rows: rows(&c, found), c, q, show_boxes: true, searched, errors, notice })
}

/// `GET /admin/people?q=`: the search and the records found, to tick.
pub async fn search(State(s): State<AppState>, ctx: Ctx, Query(q): Query<PeopleQuery>) -> Result<SearchPage, HtmlError> {
    search_page(&s, &ctx, q.q, FormErrors::default(), None).await
}

/// `POST /admin/people/preview`: what erasing the ticked records will erase, and the confirmation.
pub async fn preview(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let selection: Selection = super::form::read(&body)?;
    let r = person::preview(&s.db, &ctx.actor, &selection.input()).await;
    let done = |found| async {
        let c = Chrome::new(&ctx, "people", ctx.locale.t("people.preview_title"));
        Ok::<_, HtmlError>(PreviewPage { rows: rows(&c, found), c, show_boxes: false })
    };
    super::form::answer_with(ctx.locale, r, done, |errors| search_page(&s, &ctx, String::new(), errors, None)).await
}

/// `POST /admin/people/erase`: erases the confirmed records; the search page says what was done.
pub async fn erase(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let selection: Selection = super::form::read(&body)?;
    let r = person::erase(&s.db, &ctx.actor, &selection.input()).await;
    let done = |done: person::ErasureOutcome| {
        let count = |n: u64| n.to_string();
        let notice = ctx.locale.t_with(
            "people.erased",
            &[
                ("records", count(done.contacts + done.registrants + done.delegation_members)),
                ("documents", count(done.travel_documents)),
                ("entries", count(done.redacted_entries)),
            ],
        );
        search_page(&s, &ctx, String::new(), FormErrors::default(), Some(notice))
    };
    super::form::answer_with(ctx.locale, r, done, |errors| search_page(&s, &ctx, String::new(), errors, None)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use amity_core::person::PersonKind;

    #[test]
    fn ticked_records_become_kinds_and_ids_and_a_bad_one_stays_for_the_service_to_name() {
        let s = Selection { record: vec!["contact:7".into(), "pen_pal".into()] };
        let input = s.input();
        assert_eq!(input.records[0], PersonRefInput { kind: "contact".into(), id: Some(7) });
        assert_eq!(input.records[1], PersonRefInput { kind: "pen_pal".into(), id: None });
        assert_eq!(PersonKind::parse("delegation_member"), Some(PersonKind::DelegationMember));
    }
}
