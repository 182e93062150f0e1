//! `/api/v1/data-set`: which data set the database holds, and loading the sourced demo or the
//! invented sample office into an empty one (as the first page offers).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use crate::error::ApiError;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::demo::sample::{KIND, Loaded, MARK};
use amity_core::setup;

/// The data set the database holds.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DataSet {
    /// `jinan-2023` (the sourced demo), `sample` (the invented sample office) or null (the office's own data, or nothing).
    pub loaded: Option<String>,
    /// True when the records are the invented sample office: every one of them says "Sample data (invented)" in its text.
    pub sample: bool,
    /// The words every sample record carries.
    pub sample_mark: &'static str,
    /// True when the database holds no records: the demo or the sample may be loaded.
    pub empty: bool,
}

/// Which data set the database holds.
#[utoipa::path(get, operation_id = "setup_show", path = "/api/v1/data-set", tag = "setup",
    responses((status = 200, body = DataSet), (status = 401, body = crate::api::ErrorBody)))]
pub async fn show(State(s): State<AppState>, ctx: Ctx) -> Result<Json<DataSet>, ApiError> {
    ctx.actor.require_read()?;
    let loaded = setup::loaded_kind(&s.db).await?;
    let sample = loaded.as_deref() == Some(KIND);
    Ok(Json(DataSet { loaded, sample, sample_mark: MARK, empty: setup::is_empty(&s.db).await? }))
}

/// Loads the invented sample office (~80 partnerships and a few years of records up to today,
/// every record marked) into an empty database; 409 with nothing written when it holds records.
#[utoipa::path(post, operation_id = "setup_load_sample", path = "/api/v1/data-set/sample", tag = "setup",
    responses((status = 201, body = Loaded), (status = 403, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody)))]
pub async fn load_sample(State(s): State<AppState>, ctx: Ctx) -> Result<(StatusCode, Json<Loaded>), ApiError> {
    let loaded = setup::load_sample(&s.db, &ctx.actor).await?;
    Ok((StatusCode::CREATED, Json(loaded)))
}

/// How many partnerships the demo loaded.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DemoLoaded {
    pub partnerships: usize,
}

/// Loads the Jinan 2023 demo (sourced facts) into an empty database; 409 with nothing written when it holds records.
#[utoipa::path(post, operation_id = "setup_load_demo", path = "/api/v1/data-set/demo", tag = "setup",
    responses((status = 201, body = DemoLoaded), (status = 403, body = crate::api::ErrorBody), (status = 409, body = crate::api::ErrorBody)))]
pub async fn load_demo(State(s): State<AppState>, ctx: Ctx) -> Result<(StatusCode, Json<DemoLoaded>), ApiError> {
    ctx.actor.require_admin()?;
    let partnerships = setup::load_demo(&s.db, &ctx.actor).await?;
    Ok((StatusCode::CREATED, Json(DemoLoaded { partnerships })))
}
