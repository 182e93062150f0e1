//! `/api/v1/calendar/countries`: the office's list of countries of interest, whose national days the
//! protocol calendar shows besides those of partner countries (and of groups flagged for the calendar,
//! and of countries of planned or confirmed events and open delegations).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::error::ApiError;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::calendar::{ListedCountry, interest};

/// The countries the office listed, by code, with who listed each and when.
#[utoipa::path(get, operation_id = "calendar_countries_list", path = "/api/v1/calendar/countries", tag = "calendar",
    responses((status = 200, body = Vec<ListedCountry>)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx) -> Result<Json<Vec<ListedCountry>>, ApiError> {
    Ok(Json(interest::listed(&s.db, &ctx.actor).await?))
}

/// A country to list.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CountryBody {
    /// ISO 3166-1 alpha-2 (any case) of a country with a national day; not China or its regions.
    #[schema(required = true)]
    pub country: String,
}

/// Lists a country on the calendar (coordinators and admins): its national day then shows, saying
/// "listed by the office". An unknown code or a country without a national day is a 422 on `country`;
/// one listed already a 409.
#[utoipa::path(post, operation_id = "calendar_countries_add", path = "/api/v1/calendar/countries", tag = "calendar", request_body = CountryBody,
    responses((status = 201, body = ListedCountry), (status = 403, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody),
        (status = 422, body = crate::api::ErrorBody)))]
pub async fn add(
    State(s): State<AppState>,
    ctx: Ctx,
    crate::extract::JsonBody(body): crate::extract::JsonBody<CountryBody>,
) -> Result<(StatusCode, Json<ListedCountry>), ApiError> {
    Ok((StatusCode::CREATED, Json(interest::add(&s.db, &ctx.actor, &body.country).await?)))
}

/// Takes `iso2` off the list (its national day stays while a partner, a flagged group or an open event
/// or delegation keeps it on the calendar).
#[utoipa::path(delete, operation_id = "calendar_countries_remove", path = "/api/v1/calendar/countries/{iso2}", tag = "calendar",
    params(("iso2" = String, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn remove(State(s): State<AppState>, ctx: Ctx, Path(iso2): Path<String>) -> Result<StatusCode, ApiError> {
    interest::remove(&s.db, &ctx.actor, &iso2).await?;
    Ok(StatusCode::NO_CONTENT)
}
