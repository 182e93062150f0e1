//! Amity's web face: server-rendered pages, the JSON API and (later) the public portal, on one axum router.
#![forbid(unsafe_code)]

rust_i18n::i18n!("locales", fallback = "en");

pub mod api;
pub mod auth;
pub mod cache;
pub mod calendar_text;
pub mod digest;
pub mod error;
pub mod export;
pub mod extract;
pub mod form_fields;
pub mod html;
pub mod i18n;
pub mod ical;
pub mod input_guard;
pub mod path_id;
pub mod query;
pub mod request;
mod route_registry;
pub mod route_table;
pub mod routes;
mod routes_api;
pub mod state;
pub mod upload;
pub mod view;

use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use state::{AppState, WebSettings, holds_sample};

/// Largest request body of every route (forms and JSON), applied per route by `routes`; routes
/// that take a file admit [`upload::UPLOAD_BODY_LIMIT`] instead.
pub const BODY_LIMIT: usize = 1024 * 1024;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The complete application: every route, with the layers every request passes through.
pub fn app(state: AppState) -> Router {
    // The router and the OpenAPI document come from one build; the document is served from here.
    let (router, doc, _table) = routes::build();
    let document = api::openapi::Document::new(&doc);
    let x_request_id = HeaderName::from_static("x-request-id");
    let security = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")));
    router
        .fallback(not_found)
        .layer(axum::Extension(document))
        // Inside `resolve` (the caller is known), outside each route's guard.
        .layer(axum::middleware::from_fn_with_state(state.clone(), cache::cache))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::resolve))
        .with_state(state)
        .layer(axum::middleware::from_fn(input_guard::guard))
        // Inside `api_json`, so that a panic's 500 and a timeout's 408 are the API's JSON too.
        .layer(CatchPanicLayer::custom(panicked))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(axum::middleware::from_fn(error::api_json))
        .layer(axum::middleware::from_fn(request::scope))
        .layer(security)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(x_request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http())
                .layer(PropagateRequestIdLayer::new(x_request_id)),
        )
}

/// Unknown URLs: JSON under `/api/`, a page elsewhere.
async fn not_found(req: Request) -> Response {
    let err = amity_core::Error::not_found("page", req.uri().path());
    if req.uri().path().starts_with("/api/") { error::ApiError::from(err).into_response() } else { html::HtmlError(err).into_response() }
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a handler panicked");
    (StatusCode::INTERNAL_SERVER_ERROR, "Sorry, something went wrong on our side.").into_response()
}
