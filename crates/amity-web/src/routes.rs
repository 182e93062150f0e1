//! The whole URL map on one screen. Every route is registered through `Routes`, which records its
//! method, path and the permission it needs; API routes go through utoipa-axum, so the OpenAPI
//! document lists exactly the routes that exist.

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

use crate::state::AppState;
use crate::{api, html};

/// What a caller must be allowed to do to use a route (the rule table is `auth::decide`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Anyone, signed in or not (public portal, health check, assets, sign-in).
    Public,
    /// Any signed-in user (their own account).
    SignedIn,
    /// Read internal records.
    Read,
    /// Create and change records (unit editors: of their own units; the service checks which).
    Write,
    /// Change office-wide records: units, cooperation fields.
    Office,
    /// Users and settings.
    Admin,
    /// The audit log.
    Audit,
    /// Personal data (contacts): roles that see it; changes also need the partnership's unit (the service checks).
    Personal,
}

impl Permission {
    /// Every permission, for the authorisation matrix.
    pub const ALL: [Permission; 8] = [
        Permission::Public,
        Permission::SignedIn,
        Permission::Read,
        Permission::Write,
        Permission::Office,
        Permission::Admin,
        Permission::Audit,
        Permission::Personal,
    ];
}

/// Wraps a route in the guard for its permission, inside the app-wide body limit ([`crate::BODY_LIMIT`]).
fn guarded<S: Clone + Send + Sync + 'static>(permission: Permission, route: MethodRouter<S>) -> MethodRouter<S> {
    route
        .route_layer(axum::middleware::from_fn(move |req, next| crate::auth::guard(permission, req, next)))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(crate::BODY_LIMIT))
}

/// Like [`guarded`] for routes that take a file: their body may be up to [`crate::upload::UPLOAD_BODY_LIMIT`].
fn upload_guarded<S: Clone + Send + Sync + 'static>(permission: Permission, route: MethodRouter<S>) -> MethodRouter<S> {
    route
        .route_layer(axum::middleware::from_fn(move |req, next| crate::auth::guard(permission, req, next)))
        .layer(axum::middleware::from_fn(crate::upload::limit))
}

/// One registered route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: String,
    pub permission: Permission,
}

/// Builds the router while recording every route.
pub struct Routes {
    pages: Router<AppState>,
    api: OpenApiRouter<AppState>,
    table: Vec<RouteInfo>,
}

impl Routes {
    fn new() -> Self {
        Self { pages: Router::new(), api: api::router(), table: Vec::new() }
    }

    fn page(mut self, method: Method, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.table.push(RouteInfo { method, path: path.to_string(), permission });
        self.pages = self.pages.route(path, guarded(permission, route));
        self
    }

    /// A page's POST that takes a file (the larger body limit).
    fn upload(mut self, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.table.push(RouteInfo { method: Method::POST, path: path.to_string(), permission });
        self.pages = self.pages.route(path, upload_guarded(permission, route));
        self
    }

    fn get(self, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.page(Method::GET, path, permission, route)
    }

    fn post(self, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.page(Method::POST, path, permission, route)
    }

    fn api(self, permission: Permission, route: UtoipaMethodRouter<AppState>) -> Self {
        self.api_with(permission, route, guarded)
    }

    /// An API route that takes a file (the larger body limit).
    fn upload_api(self, permission: Permission, route: UtoipaMethodRouter<AppState>) -> Self {
        self.api_with(permission, route, upload_guarded)
    }

    fn api_with(
        mut self,
        permission: Permission,
        route: UtoipaMethodRouter<AppState>,
        wrap: fn(Permission, MethodRouter<AppState>) -> MethodRouter<AppState>,
    ) -> Self {
        for (path, item) in &route.1.paths {
            let ops = [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::DELETE, &item.delete),
                (Method::PATCH, &item.patch),
            ];
            for (method, op) in ops {
                if op.is_some() {
                    self.table.push(RouteInfo { method, path: path.clone(), permission });
                }
            }
        }
        let (schemas, paths, method_router) = route;
        self.api = self.api.routes((schemas, paths, wrap(permission, method_router)));
        self
    }
}

/// Every route of Amity: the router, the OpenAPI document and the table of routes.
pub fn build() -> (Router<AppState>, utoipa::openapi::OpenApi, Vec<RouteInfo>) {
    use Permission::{Admin, Audit, Office, Personal, Public, Read, SignedIn, Write};
    let r = Routes::new()
        .get("/healthz", Public, get(html::health::show))
        .get("/lang/{code}", Public, get(html::lang::switch))
        .get("/assets/{file}", Public, get(html::assets::show))
        .get("/login", Public, get(html::login::form))
        .post("/login", Public, post(html::login::submit))
        .post("/logout", SignedIn, post(html::login::sign_out))
        .get("/", SignedIn, get(html::home::show))
        .get("/partnerships", Read, get(html::partnerships::list))
        .post("/partnerships", Write, post(html::partnerships::create))
        .get("/partnerships/new", Write, get(html::partnerships::new_form))
        .get("/partnerships/{id}", Read, get(html::partnerships::show))
        .post("/partnerships/{id}", Write, post(html::partnerships::update))
        .get("/partnerships/{id}/edit", Write, get(html::partnerships::edit_form))
        .post("/partnerships/{id}/delete", Write, post(html::partnerships::delete))
        .post("/partnerships/{id}/transition", Write, post(html::partnerships::transition))
        .post("/partnerships/{id}/approvals", Write, post(html::partnerships::add_approval))
        .post("/partnerships/{id}/approvals/{approval_id}/delete", Write, post(html::partnerships::delete_approval))
        .get("/partnerships/{id}/agreements", Read, get(html::agreements::list))
        .upload("/partnerships/{id}/agreements", Write, post(html::agreements::create))
        .get("/partnerships/{id}/agreements/new", Write, get(html::agreements::new_form))
        .get("/agreements/{agreement_id}", Read, get(html::agreements::show))
        .post("/agreements/{agreement_id}", Write, post(html::agreements::update))
        .get("/agreements/{agreement_id}/edit", Write, get(html::agreements::edit_form))
        .post("/agreements/{agreement_id}/delete", Write, post(html::agreements::delete))
        .upload("/agreements/{agreement_id}/files", Write, post(html::agreements::upload_file))
        .post("/agreements/{agreement_id}/files/{file_id}/delete", Write, post(html::agreements::delete_file))
        .get("/files/{file_id}", Read, get(html::agreements::download))
        .get("/gifts", Read, get(html::gifts::list))
        .upload("/gifts", Write, post(html::gifts::create))
        .get("/gifts.csv", Read, get(html::gifts::export_csv))
        .get("/gifts.xlsx", Read, get(html::gifts::export_xlsx))
        .get("/gifts/new", Write, get(html::gifts::new_form))
        .get("/gifts/{gift_id}", Read, get(html::gifts::show))
        .post("/gifts/{gift_id}", Write, post(html::gifts::update))
        .get("/gifts/{gift_id}/edit", Write, get(html::gifts::edit_form))
        .post("/gifts/{gift_id}/delete", Write, post(html::gifts::delete))
        .upload("/gifts/{gift_id}/photo", Write, post(html::gifts::set_photo))
        .post("/gifts/{gift_id}/photo/delete", Write, post(html::gifts::remove_photo))
        .get("/units", Read, get(html::units::list))
        .post("/units", Office, post(html::units::create))
        .get("/units/new", Office, get(html::units::new_form))
        .post("/units/{id}", Office, post(html::units::update))
        .get("/units/{id}/edit", Office, get(html::units::edit_form))
        .get("/fields", Read, get(html::fields::list))
        .post("/fields", Office, post(html::fields::create))
        .get("/groups", Read, get(html::groups::list))
        .post("/groups", Office, post(html::groups::create))
        .get("/groups/new", Office, get(html::groups::new_form))
        .post("/groups/{id}", Office, post(html::groups::update))
        .get("/groups/{id}/edit", Office, get(html::groups::edit_form))
        .post("/groups/{id}/delete", Office, post(html::groups::delete))
        .get("/partnerships/{id}/contacts", Personal, get(html::contacts::list))
        .post("/partnerships/{id}/contacts", Personal, post(html::contacts::create))
        .post("/contacts/{contact_id}", Personal, post(html::contacts::update))
        .get("/contacts/{contact_id}/edit", Personal, get(html::contacts::edit_form))
        .post("/contacts/{contact_id}/delete", Personal, post(html::contacts::delete))
        .get("/account", SignedIn, get(html::account::show))
        .post("/account/password", SignedIn, post(html::account::change_password))
        .post("/account/tokens", SignedIn, post(html::account::create_token))
        .post("/account/tokens/{id}/revoke", SignedIn, post(html::account::revoke_token))
        .get("/admin/users", Admin, get(html::users::list))
        .post("/admin/users", Admin, post(html::users::create))
        .get("/admin/users/new", Admin, get(html::users::new_form))
        .post("/admin/users/{id}", Admin, post(html::users::update))
        .get("/admin/users/{id}/edit", Admin, get(html::users::edit_form))
        .post("/admin/users/{id}/password", Admin, post(html::users::reset_password))
        .post("/admin/users/{id}/erase", Admin, post(html::users::erase))
        .get("/activities", Read, get(html::activities::list))
        .post("/activities", Write, post(html::activities::create))
        .get("/activities/new", Write, get(html::activities::new_form))
        .get("/activities/{id}", Read, get(html::activities::show))
        .post("/activities/{id}", Write, post(html::activities::update))
        .get("/activities/{id}/edit", Write, get(html::activities::edit_form))
        .post("/activities/{id}/delete", Write, post(html::activities::delete))
        .post("/activities/{id}/commitments", Write, post(html::activities::add_commitment))
        .post("/commitments/{commitment_id}", Write, post(html::activities::set_commitment))
        .get("/events", Read, get(html::events::list))
        .get("/events.csv", Read, get(html::events::list_csv))
        .get("/events.xlsx", Read, get(html::events::list_xlsx))
        .post("/events", Write, post(html::events::create))
        .get("/events/new", Write, get(html::events::new_form))
        .get("/events/{id}", Read, get(html::events::show))
        .post("/events/{id}", Write, post(html::events::update))
        .get("/events/{id}/edit", Write, get(html::events::edit_form))
        .post("/events/{id}/delete", Write, post(html::events::delete))
        .post("/events/{id}/status", Write, post(html::events::set_status))
        .post("/events/{id}/report", Write, post(html::events::save_report))
        .post("/events/{id}/budget", Write, post(html::events::add_budget_line))
        .post("/events/{id}/budget/{line_id}/delete", Write, post(html::events::delete_budget_line))
        .get("/events/{id}/registrations", Personal, get(html::events::registrations))
        .post("/events/{id}/registrations", Personal, post(html::events::add_registration))
        .get("/events/{id}/participants.csv", Personal, get(html::events::participants_csv))
        .get("/events/{id}/participants.xlsx", Personal, get(html::events::participants_xlsx))
        .get("/events/{id}/sign-sheet", Personal, get(html::events::sign_sheet))
        .get("/events/{id}/badges", Personal, get(html::events::badges))
        .get("/registrations/{registration_id}/edit", Personal, get(html::events::edit_registration))
        .post("/registrations/{registration_id}", Personal, post(html::events::update_registration))
        .post("/registrations/{registration_id}/status", Personal, post(html::events::registration_status))
        .post("/registrations/{registration_id}/check-in", Personal, post(html::events::check_in))
        .get("/event-series", Read, get(html::events::series))
        .post("/event-series", Write, post(html::events::create_series))
        .get("/event-series/{id}/edit", Write, get(html::events::edit_series))
        .post("/event-series/{id}", Write, post(html::events::update_series))
        .get("/p/events", Public, get(html::public_events::list))
        .get("/p/events/{id}", Public, get(html::public_events::show))
        .post("/p/events/{id}/register", Public, post(html::public_events::register))
        .get("/coverage", Read, get(html::coverage::show))
        .get("/coverage.csv", Read, get(html::coverage::export_csv))
        .get("/coverage.xlsx", Read, get(html::coverage::export_xlsx))
        .get("/attention", Read, get(html::attention::show))
        .get("/delegations", Read, get(html::delegations::list))
        .get("/delegations.csv", Read, get(html::delegations::list_csv))
        .get("/delegations.xlsx", Read, get(html::delegations::list_xlsx))
        .post("/delegations", Write, post(html::delegations::create))
        .get("/delegations/new", Write, get(html::delegations::new_form))
        .post("/delegations/retention", Admin, post(html::delegations::set_retention))
        .get("/delegations/{id}", Read, get(html::delegations::show))
        .post("/delegations/{id}", Write, post(html::delegations::update))
        .get("/delegations/{id}/edit", Write, get(html::delegations::edit_form))
        .post("/delegations/{id}/delete", Write, post(html::delegations::delete))
        .post("/delegations/{id}/status", Write, post(html::delegations::set_status))
        .post("/delegations/{id}/budget", Write, post(html::delegations::add_budget_line))
        .post("/delegations/{id}/budget/{line_id}/delete", Write, post(html::delegations::delete_budget_line))
        .post("/delegations/{id}/travel-documents", Personal, post(html::delegations::add_document))
        .post("/travel-documents/{document_id}/delete", Personal, post(html::delegations::delete_document))
        .post("/delegations/{id}/gifts", Write, post(html::delegations::link_gift))
        .post("/delegations/{id}/gifts/{gift_id}/delete", Write, post(html::delegations::unlink_gift))
        .get("/delegations/{id}/invitation", Read, get(html::delegations::invitation))
        .get("/delegations/{id}/itinerary", Read, get(html::delegations::itinerary))
        .get("/calendar", Read, get(html::calendar::show))
        .get("/calendar/relations", Read, get(html::calendar::relations::show))
        .post("/calendar/relations", Office, post(html::calendar::relations::save))
        .post("/calendar/relations/{iso2}/delete", Office, post(html::calendar::relations::delete))
        .post("/calendar/national-days", Office, post(html::calendar::relations::set_national_day))
        .get("/calendar/feeds", Read, get(html::calendar::feed::show))
        .post("/calendar/feeds", Read, post(html::calendar::feed::create))
        .post("/calendar/feeds/revoke", Read, post(html::calendar::feed::revoke))
        .post("/calendar/digest", Read, post(html::calendar::feed::subscribe))
        .post("/calendar/digest/delete", Read, post(html::calendar::feed::unsubscribe))
        .get("/calendar/feed/{token}", Public, get(html::calendar::feed::private))
        .get("/p/calendar.ics", Public, get(html::calendar::feed::public))
        .get("/search", Read, get(html::search::show))
        .get("/audit", Audit, get(html::audit::list))
        .get("/audit.csv", Audit, get(html::audit::export_csv))
        .get("/api/v1/openapi.json", Public, get(api::openapi::show))
        .api(Read, routes!(api::countries::list))
        .api(Read, routes!(api::countries::show))
        .api(Read, routes!(api::cities::search))
        .api(Read, routes!(api::cities::show))
        .api(Read, routes!(api::units::list))
        .api(Office, routes!(api::units::create))
        .api(Read, routes!(api::units::show))
        .api(Office, routes!(api::units::update))
        .api(Read, routes!(api::fields::list))
        .api(Office, routes!(api::fields::create))
        .api(Read, routes!(api::country_groups::list))
        .api(Office, routes!(api::country_groups::create))
        .api(Read, routes!(api::country_groups::show))
        .api(Office, routes!(api::country_groups::update))
        .api(Office, routes!(api::country_groups::delete))
        .api(Personal, routes!(api::contacts::list))
        .api(Personal, routes!(api::contacts::create))
        .api(Personal, routes!(api::contacts::show))
        .api(Personal, routes!(api::contacts::update))
        .api(Personal, routes!(api::contacts::delete))
        .api(Read, routes!(api::agreements::list))
        .upload_api(Write, routes!(api::agreements::create))
        .api(Read, routes!(api::agreements::show))
        .api(Write, routes!(api::agreements::update))
        .api(Write, routes!(api::agreements::delete))
        .upload_api(Write, routes!(api::agreements::add_file))
        .api(Write, routes!(api::agreements::remove_file))
        .api(Read, routes!(api::agreements::download))
        .api(Read, routes!(api::gifts::list))
        .upload_api(Write, routes!(api::gifts::create))
        .api(Read, routes!(api::gifts::show))
        .api(Write, routes!(api::gifts::update))
        .api(Write, routes!(api::gifts::delete))
        .upload_api(Write, routes!(api::gifts::set_photo))
        .api(Write, routes!(api::gifts::remove_photo))
        .api(Read, routes!(api::partnerships::list))
        .api(Write, routes!(api::partnerships::create))
        .api(Read, routes!(api::partnerships::show))
        .api(Write, routes!(api::partnerships::update))
        .api(Write, routes!(api::partnerships::delete))
        .api(Read, routes!(api::lifecycle::history))
        .api(Write, routes!(api::lifecycle::transition))
        .api(Read, routes!(api::lifecycle::approvals))
        .api(Write, routes!(api::lifecycle::add_approval))
        .api(Write, routes!(api::lifecycle::delete_approval))
        .api(SignedIn, routes!(api::me::show))
        .api(SignedIn, routes!(api::me::change_password))
        .api(SignedIn, routes!(api::me::list_tokens))
        .api(SignedIn, routes!(api::me::create_token))
        .api(SignedIn, routes!(api::me::revoke_token))
        .api(Admin, routes!(api::users::list))
        .api(Admin, routes!(api::users::create))
        .api(Admin, routes!(api::users::show))
        .api(Admin, routes!(api::users::update))
        .api(Admin, routes!(api::users::reset_password))
        .api(Admin, routes!(api::users::erase))
        .api(Audit, routes!(api::audit::list))
        .api(Read, routes!(api::activities::list))
        .api(Write, routes!(api::activities::create))
        .api(Read, routes!(api::activities::show))
        .api(Write, routes!(api::activities::update))
        .api(Write, routes!(api::activities::delete))
        .api(Write, routes!(api::activities::add_commitment))
        .api(Write, routes!(api::activities::set_commitment))
        .api(Read, routes!(api::events::list))
        .api(Write, routes!(api::events::create))
        .api(Read, routes!(api::events::show))
        .api(Write, routes!(api::events::update))
        .api(Write, routes!(api::events::delete))
        .api(Write, routes!(api::events::set_status))
        .api(Write, routes!(api::events::save_report))
        .api(Read, routes!(api::events::history))
        .api(Read, routes!(api::events::activities))
        .api(Read, routes!(api::events::by_country))
        .api(Read, routes!(api::events::list_series))
        .api(Write, routes!(api::events::create_series))
        .api(Read, routes!(api::events::show_series))
        .api(Write, routes!(api::events::update_series))
        .api(Personal, routes!(api::registrations::list))
        .api(Personal, routes!(api::registrations::create))
        .api(Personal, routes!(api::registrations::show))
        .api(Personal, routes!(api::registrations::update))
        .api(Personal, routes!(api::registrations::set_status))
        .api(Personal, routes!(api::registrations::check_in))
        .api(Public, routes!(api::public_events::list))
        .api(Public, routes!(api::public_events::show))
        .api(Public, routes!(api::public_events::register))
        .api(Read, routes!(api::health::list))
        .api(Read, routes!(api::search::search))
        .api(Read, routes!(api::health::attention))
        .api(Read, routes!(api::calendar::list))
        .api(Read, routes!(api::calendar::reminders))
        .api(Read, routes!(api::calendar::relations))
        .api(Office, routes!(api::calendar::set_relation))
        .api(Office, routes!(api::calendar::delete_relation))
        .api(Office, routes!(api::calendar::set_national_day))
        .api(Read, routes!(api::calendar::create_feed))
        .api(Read, routes!(api::calendar::revoke_feed))
        .api(Read, routes!(api::calendar::digest))
        .api(Read, routes!(api::calendar::subscribe))
        .api(Read, routes!(api::calendar::unsubscribe))
        .api(Read, routes!(api::health::coverage))
        .api(Read, routes!(api::delegations::list))
        .api(Write, routes!(api::delegations::create))
        .api(Read, routes!(api::delegations::show))
        .api(Write, routes!(api::delegations::update))
        .api(Write, routes!(api::delegations::delete))
        .api(Write, routes!(api::delegations::set_status))
        .api(Read, routes!(api::delegations::activities))
        .api(Read, routes!(api::delegations::gifts))
        .api(Write, routes!(api::delegations::link_gift))
        .api(Write, routes!(api::delegations::unlink_gift))
        .api(Read, routes!(api::delegation_budget::list))
        .api(Write, routes!(api::delegation_budget::create))
        .api(Write, routes!(api::delegation_budget::update))
        .api(Write, routes!(api::delegation_budget::delete))
        .api(Read, routes!(api::event_budget::list))
        .api(Write, routes!(api::event_budget::create))
        .api(Write, routes!(api::event_budget::update))
        .api(Write, routes!(api::event_budget::delete))
        .api(Personal, routes!(api::travel_documents::list))
        .api(Personal, routes!(api::travel_documents::create))
        .api(Personal, routes!(api::travel_documents::delete))
        .api(Personal, routes!(api::travel_documents::alerts))
        .api(Read, routes!(api::travel_documents::retention))
        .api(Admin, routes!(api::travel_documents::set_retention));
    let (api_router, doc) = r.api.split_for_parts();
    (r.pages.merge(api_router), doc, r.table)
}
