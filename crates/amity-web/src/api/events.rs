//! `/api/v1/events` and `/api/v1/event-series`: events with their status, report, history, the
//! activities they logged and participants by country; series of recurring brand activities.

use crate::extract::Query;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::path_id::Id;
use crate::query::event::EventQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Page;
use amity_core::activity::ActivityOrigin;
use amity_core::event::{self, CountryCount, Event, EventInput, EventReportInput, EventSeries, EventSeriesInput, EventStatusChange};
use amity_core::transition::TransitionInput;

/// A filtered page of events, latest first (`sort=date` for soonest first).
#[utoipa::path(get, operation_id = "events_list", path = "/api/v1/events", tag = "events", params(EventQuery),
    responses((status = 200, body = Page<Event>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<EventQuery>) -> Result<Json<Page<Event>>, ApiError> {
    Ok(Json(event::list(&s.db, &ctx.actor, &q.filter()?).await?))
}

/// Creates an event (status `idea`, `planned` or `confirmed`). Give exact local times
/// (`starts_at`/`ends_at` as `YYYY-MM-DDTHH:MM`, or days for an all-day event) in the venue's IANA
/// `time_zone`, or, while idea or planned, only a `planned_on` year or month.
#[utoipa::path(post, operation_id = "events_create", path = "/api/v1/events", tag = "events", request_body = EventInput,
    responses((status = 201, body = Event), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(s): State<AppState>, ctx: Ctx, JsonBody(input): JsonBody<EventInput>) -> Result<impl IntoResponse, ApiError> {
    let e = event::create(&s.db, &ctx.actor, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/events/{}", e.id))], Json(e)))
}

/// One event.
#[utoipa::path(get, operation_id = "events_show", path = "/api/v1/events/{id}", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Event>, ApiError> {
    Ok(Json(event::get(&s.db, &ctx.actor, id).await?))
}

/// Replaces an event's details (not status or report); `version` must be the one read, else 409.
#[utoipa::path(put, operation_id = "events_update", path = "/api/v1/events/{id}", tag = "events", params(("id" = i64, Path)), request_body = EventInput,
    responses((status = 200, body = Event), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<EventInput>,
) -> Result<Json<Event>, ApiError> {
    Ok(Json(event::update(&s.db, &ctx.actor, id, input).await?))
}

/// Deletes an event without registrations that never took place (409 otherwise: cancel it instead).
#[utoipa::path(delete, operation_id = "events_delete", path = "/api/v1/events/{id}", tag = "events", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody)))]
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<StatusCode, ApiError> {
    event::delete(&s.db, &ctx.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the status (the body every record with a status takes): idea → planned → confirmed →
/// held → reported, or `cancelled` with a `reason`; `date` defaults to the office's today. From `confirmed` on, exact dates are required; `reported` needs the report's outcomes.
/// Marking it held logs one activity per partnership that took part, once.
#[utoipa::path(post, operation_id = "events_set_status", path = "/api/v1/events/{id}/transitions", tag = "events", params(("id" = i64, Path)), request_body = TransitionInput,
    responses((status = 200, body = Event), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_status(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<TransitionInput>,
) -> Result<Json<Event>, ApiError> {
    Ok(Json(event::set_status(&s.db, &ctx.actor, id, input, s.settings.today()).await?))
}

/// Saves the post-event report (outcomes, notes) of a held event.
#[utoipa::path(put, operation_id = "events_save_report", path = "/api/v1/events/{id}/report", tag = "events", params(("id" = i64, Path)), request_body = EventReportInput,
    responses((status = 200, body = Event), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn save_report(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<EventReportInput>,
) -> Result<Json<Event>, ApiError> {
    Ok(Json(event::save_report(&s.db, &ctx.actor, id, input).await?))
}

/// The event's changes of status, oldest first.
#[utoipa::path(get, operation_id = "events_history", path = "/api/v1/events/{id}/history", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Page<crate::api::status_history::EventStatusChange>), (status = 404, body = crate::api::ErrorBody)))]
pub async fn history(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Page<EventStatusChange>>, ApiError> {
    Ok(Json(Page::all(event::history(&s.db, &ctx.actor, id).await?)))
}

/// The activities the event logged in the cooperation log, one per partnership.
#[utoipa::path(get, operation_id = "events_activities", path = "/api/v1/events/{id}/activities", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ActivityOrigin>)))]
pub async fn activities(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Vec<ActivityOrigin>>, ApiError> {
    Ok(Json(event::logged_activities(&s.db, &ctx.actor, id).await?))
}

/// People by country (checked in, once check-in has begun; else holding seats).
#[utoipa::path(get, operation_id = "events_by_country", path = "/api/v1/events/{id}/participants-by-country", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CountryCount>), (status = 404, body = crate::api::ErrorBody)))]
pub async fn by_country(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Vec<CountryCount>>, ApiError> {
    Ok(Json(event::participants_by_country(&s.db, &ctx.actor, id).await?))
}

/// The series with their number of events, by name, a page at a time.
#[utoipa::path(get, operation_id = "events_list_series", path = "/api/v1/event-series", tag = "events", params(crate::query::paging::PageQuery),
    responses((status = 200, body = Page<EventSeries>), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list_series(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<crate::query::paging::PageQuery>,
) -> Result<Json<Page<EventSeries>>, ApiError> {
    Ok(Json(event::page_series(&s.db, &ctx.actor, q.paging()).await?))
}

/// Creates a series (a recurring brand activity) owned by a unit.
#[utoipa::path(post, operation_id = "events_create_series", path = "/api/v1/event-series", tag = "events", request_body = EventSeriesInput,
    responses((status = 201, body = EventSeries), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create_series(
    State(s): State<AppState>,
    ctx: Ctx,
    JsonBody(input): JsonBody<EventSeriesInput>,
) -> Result<impl IntoResponse, ApiError> {
    let x = event::create_series(&s.db, &ctx.actor, input).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/event-series/{}", x.id))], Json(x)))
}

/// One series.
#[utoipa::path(get, operation_id = "events_show_series", path = "/api/v1/event-series/{id}", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = EventSeries), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show_series(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<EventSeries>, ApiError> {
    Ok(Json(event::get_series(&s.db, &ctx.actor, id).await?))
}

/// Replaces a series' names, description and owner; `version` must be the one read.
#[utoipa::path(put, operation_id = "events_update_series", path = "/api/v1/event-series/{id}", tag = "events", params(("id" = i64, Path)), request_body = EventSeriesInput,
    responses((status = 200, body = EventSeries), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update_series(
    State(s): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonBody(input): JsonBody<EventSeriesInput>,
) -> Result<Json<EventSeries>, ApiError> {
    Ok(Json(event::update_series(&s.db, &ctx.actor, id, input).await?))
}
