//! `/api/v1/settings`: the office's settings — when a partnership turns quiet and dormant, the
//! reminders' lead time, the retention of travel documents. Anyone who reads records may read them;
//! admins change them (validated, audited, applied at once).

use axum::Json;
use axum::extract::State;

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::settings::{self, OfficeSettings, SettingsInput};

/// The office's settings as they apply now (defaults until an admin saves them).
#[utoipa::path(get, operation_id = "settings_show", path = "/api/v1/settings", tag = "settings",
    responses((status = 200, body = OfficeSettings)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx) -> Result<Json<OfficeSettings>, ApiError> {
    Ok(Json(settings::current(&s.db, &ctx.actor).await?))
}

/// Saves the office's settings (admins). Every setting is required; each bad one is a 422 naming it
/// (`out_of_range`, `dormant_not_after_quiet`, `wrong_type`) and nothing is written. Health and
/// reminders use the new values at once; travel documents a shorter retention makes overdue are deleted.
#[utoipa::path(put, operation_id = "settings_update", path = "/api/v1/settings", tag = "settings", request_body = SettingsInput,
    responses((status = 200, body = OfficeSettings), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    JsonBody(input): JsonBody<SettingsInput>,
) -> Result<Json<OfficeSettings>, ApiError> {
    Ok(Json(settings::update(&s.db, &ctx.actor, &input, s.settings.today()).await?))
}
