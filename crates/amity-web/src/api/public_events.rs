//! `/api/v1/public/events`: published events and public registration, for the portal and anyone
//! without an account. Only public events past the idea stage exist here; nothing internal (no
//! organiser notes, no report, no registrants) is ever answered.

use crate::extract::Query;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::path_id::Id;
use crate::query::event::EventQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::event::{self, PublicEvent, PublicOutcome, PublicReceipt, PublicRegistrationInput};

/// Largest body a public registration may send (the form's fields are short).
pub const PUBLIC_BODY_MAX: usize = 16 * 1024;

/// Published events, latest first.
#[utoipa::path(get, operation_id = "public_events_list", path = "/api/v1/public/events", tag = "public", params(EventQuery), security(()),
    responses((status = 200, body = Page<PublicEvent>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, Query(q): Query<EventQuery>) -> Result<Json<Page<PublicEvent>>, ApiError> {
    Ok(Json(event::public_list(&s.db, &q.filter()?).await?))
}

/// One published event (any other id is 404).
#[utoipa::path(get, operation_id = "public_events_show", path = "/api/v1/public/events/{id}", tag = "public", params(("id" = i64, Path)), security(()),
    responses((status = 200, body = PublicEvent), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, Id(id): Id) -> Result<Json<PublicEvent>, ApiError> {
    Ok(Json(event::public_get(&s.db, id).await?))
}

/// Registers for a published event that takes registrations. At most
/// `PUBLIC_FORM_LIMIT` submissions per address per hour (429 beyond); bodies over 16 KiB are 413.
/// `website` must stay empty. Answers the reference to quote, the status (`registered` or
/// `waiting`) and the place on the waiting list.
#[utoipa::path(post, operation_id = "public_events_register", path = "/api/v1/public/events/{id}/registrations", tag = "public", params(("id" = i64, Path)), security(()),
    request_body = PublicRegistrationInput,
    responses((status = 201, body = PublicReceipt), (status = 404, body = crate::api::ErrorBody), (status = 413, body = crate::api::ErrorBody),
        (status = 422, body = crate::api::ErrorBody), (status = 429, body = crate::api::ErrorBody)))]
pub async fn register(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<axum::response::Response, ApiError> {
    if body.len() > PUBLIC_BODY_MAX {
        return Err(ApiError::too_large());
    }
    let input: PublicRegistrationInput = crate::extract::decode(&body)?;
    match event::register_public(&s.db, id, ctx.identity.ip.as_deref(), input).await? {
        PublicOutcome::Received(r) => Ok((StatusCode::CREATED, Json(r)).into_response()),
        PublicOutcome::Throttled => Ok((retry_after(), ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_requests")).into_response()),
    }
}

/// `Retry-After` on a refused public submission: the whole window, after which the address's
/// earlier submissions no longer count.
pub fn retry_after() -> [(axum::http::HeaderName, String); 1] {
    [(axum::http::header::RETRY_AFTER, (amity_core::event::PUBLIC_FORM_WINDOW_MINUTES * 60).to_string())]
}
