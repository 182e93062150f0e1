//! The actions of the delegation page: change status, add or delete budget lines and travel
//! documents, and (admins) set the travel-document retention. Errors re-render the page with the
//! messages beside the form that caused them.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};

use super::show::render;
use crate::form_fields::number_field;
use crate::html::{HtmlError, Refused, budget};
use crate::path_id::{Id, Ids};
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Error;
use amity_core::delegation::{self, TravelDocumentInput, documents};
use amity_core::transition::TransitionInput;

fn pairs(body: &[u8]) -> Result<Vec<(String, String)>, Error> {
    crate::html::form::read(body)
}

fn get(p: &[(String, String)], k: &str) -> String {
    p.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default()
}

/// Redirects to the page on success, or re-renders it with form `action` (as posted in `p`) refused.
async fn settle<T>(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    r: Result<T, Error>,
    action: &'static str,
    p: Vec<(String, String)>,
) -> Result<Response, HtmlError> {
    let to = |_: &T| format!("/delegations/{id}");
    crate::html::form::answer(ctx.locale, r, to, |errors| render(s, ctx, id, Refused::new(action, p, errors))).await
}

/// `POST /delegations/{id}/transitions`.
pub async fn set_status(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let p = pairs(&body)?;
    let r = match number_field("version", &get(&p, "version")) {
        Ok(version) => {
            let input = TransitionInput { status: get(&p, "status"), reason: get(&p, "reason"), version, ..Default::default() };
            delegation::set_status(&s.db, &ctx.actor, id, input, s.settings.today()).await
        }
        Err(e) => Err(e),
    };
    settle(&s, &ctx, id, r, "status", p).await
}

/// `POST /delegations/{id}/budget`.
pub async fn add_budget_line(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let p = pairs(&body)?;
    let r = delegation::budget::add(&s.db, &ctx.actor, id, &budget::input(&p)).await;
    settle(&s, &ctx, id, r, "budget", p).await
}

/// `POST /delegations/{id}/budget/{line_id}/delete`.
pub async fn delete_budget_line(State(s): State<AppState>, ctx: Ctx, Ids(id, line_id): Ids) -> Result<Redirect, HtmlError> {
    delegation::budget::delete(&s.db, &ctx.actor, id, line_id).await?;
    Ok(Redirect::to(&format!("/delegations/{id}")))
}

/// `POST /delegations/{id}/travel-documents`.
pub async fn add_document(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let p = pairs(&body)?;
    let r = match number_field("member_id", &get(&p, "member_id")) {
        Ok(member_id) => {
            let input = TravelDocumentInput {
                member_id,
                kind: get(&p, "kind"),
                number: get(&p, "number"),
                country: get(&p, "country"),
                valid_from: get(&p, "valid_from"),
                valid_until: get(&p, "valid_until"),
            };
            documents::add(&s.db, &ctx.actor, id, &input, s.settings.today()).await
        }
        Err(e) => Err(e),
    };
    settle(&s, &ctx, id, r, "documents", p).await
}

/// `POST /travel-documents/{id}/delete`.
pub async fn delete_document(State(s): State<AppState>, ctx: Ctx, Id(document_id): Id) -> Result<Redirect, HtmlError> {
    let doc = documents::delete(&s.db, &ctx.actor, document_id).await?;
    Ok(Redirect::to(&format!("/delegations/{}", doc.delegation_id)))
}

/// `POST /delegations/retention` (admins).
pub async fn set_retention(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Redirect, HtmlError> {
    let p = pairs(&body)?;
    documents::set_retention_days(&s.db, &ctx.actor, &get(&p, "days"), s.settings.today()).await?;
    Ok(Redirect::to("/delegations"))
}

/// `POST /delegations/{id}/gifts`: links a gift of the registry.
pub async fn link_gift(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let p = pairs(&body)?;
    let r = match number_field("gift_id", &get(&p, "gift_id")) {
        Ok(gift_id) => delegation::gifts::link(&s.db, &ctx.actor, id, gift_id).await,
        Err(e) => Err(e),
    };
    settle(&s, &ctx, id, r, "gifts", p).await
}

/// `POST /delegations/{id}/gifts/{gift_id}/delete`: removes the link.
pub async fn unlink_gift(State(s): State<AppState>, ctx: Ctx, Ids(id, gift_id): Ids) -> Result<Redirect, HtmlError> {
    delegation::gifts::unlink(&s.db, &ctx.actor, id, gift_id).await?;
    Ok(Redirect::to(&format!("/delegations/{id}")))
}
