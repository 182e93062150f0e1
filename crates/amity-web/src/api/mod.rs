//! The JSON API under `/api/v1/`: one module per noun, each handler documented for OpenAPI.

pub mod activities;
pub mod agreements;
pub(crate) mod answers;
pub mod attention_body;
pub mod audit;
pub mod calendar;
pub mod calendar_countries;
pub mod cities;
pub mod contacts;
pub mod countries;
pub mod country_groups;
pub mod coverage_body;
pub mod delegation_budget;
pub mod delegations;
pub mod event_budget;
pub mod events;
pub mod fields;
pub mod gifts;
pub mod health;
pub mod lifecycle;
pub mod me;
pub mod openapi;
pub mod partnerships;
pub mod people;
pub mod public_events;
pub mod registrations;
pub mod search;
pub mod settings;
pub mod setup;
pub mod status_history;
pub mod travel_documents;
pub mod units;
pub mod users;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// The document's fixed parts; paths are added as routes are registered.
#[derive(OpenApi)]
#[openapi(
    info(title = "Amity API", description = "JSON API of Amity, the sister-city programme system. Authenticate with `Authorization: Bearer <token>` (create tokens on the account page or at /api/v1/me/tokens). Lists answer {items, total, page, per_page}; errors answer {error: {code, message, fields}}."),
    modifiers(&BearerAuth),
    components(schemas(ErrorBody)),
    security(("bearer" = [])),
    tags(
        (name = "reference", description = "Countries and cities shipped with Amity"),
        (name = "units", description = "The home city and its units"),
        (name = "fields", description = "Cooperation fields"),
        (name = "partnerships", description = "Partnerships with foreign cities"),
        (name = "country-groups", description = "Named groups of countries the office defines (Caribbean, Belt and Road cooperation partners …)"),
        (name = "agreements", description = "Agreements of partnerships, their versions and files (multipart uploads, downloads)"),
        (name = "gifts", description = "The gift registry: gifts given and received, value, custody, disclosure, photo"),
        (name = "contacts", description = "People on both sides of a partnership (personal data: admins, coordinators and unit editors)"),
        (name = "account", description = "The caller's own account and API tokens"),
        (name = "users", description = "Accounts (admins)"),
        (name = "people", description = "Every person Amity holds, found by name or e-mail, and erasure on request (admins)"),
        (name = "audit", description = "The audit log (auditors and admins)"),
        (name = "activities", description = "The cooperation log: activities and follow-up commitments"),
        (name = "events", description = "Events, their status, report, history, series of recurring brand activities"),
        (name = "registrations", description = "Registrations for events: waiting list, confirmation, check-in (personal data)"),
        (name = "public", description = "Published events and public registration (no account needed)"),
        (name = "cooperation", description = "Health, needs attention, coverage matrix"),
        (name = "settings", description = "The office's settings: health thresholds, reminder lead time, retention of travel documents (admins change them)"),
        (name = "delegations", description = "Inbound and outbound delegations: members, transport, itinerary, status, budget; travel documents (restricted personal data)"),
        (name = "setup", description = "Which data set the database holds (the sourced demo, the invented sample office, the office's own), and loading one into an empty database"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer-token scheme in the document.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// The API router, seeded with the document's fixed parts.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
}

/// The body of an error, for the API document.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the JSON error shape for OpenAPI only")]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// Details of an error, for the API document.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the JSON error shape for OpenAPI only")]
pub struct ErrorDetail {
    code: String,
    message: String,
    fields: Vec<ErrorField>,
}

/// One field's problem, for the API document.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the JSON error shape for OpenAPI only")]
pub struct ErrorField {
    field: String,
    code: String,
    message: String,
}
