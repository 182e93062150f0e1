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

/// Wraps a route in the guard for its permission.
fn guarded<S: Clone + Send + Sync + 'static>(permission: Permission, route: MethodRouter<S>) -> MethodRouter<S> {
    route.route_layer(axum::middleware::from_fn(move |req, next| crate::auth::guard(permission, req, next)))
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

    fn get(self, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.page(Method::GET, path, permission, route)
    }

    fn post(self, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.page(Method::POST, path, permission, route)
    }

    fn api(mut self, permission: Permission, route: UtoipaMethodRouter<AppState>) -> Self {
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
        self.api = self.api.routes((schemas, paths, guarded(permission, method_router)));
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
        .get("/coverage", Read, get(html::coverage::show))
        .get("/coverage.csv", Read, get(html::coverage::export_csv))
        .get("/coverage.xlsx", Read, get(html::coverage::export_xlsx))
        .get("/attention", Read, get(html::attention::show))
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
        .api(Read, routes!(api::health::list))
        .api(Read, routes!(api::search::search))
        .api(Read, routes!(api::health::attention))
        .api(Read, routes!(api::health::coverage));
    let (api_router, doc) = r.api.split_for_parts();
    (r.pages.merge(api_router), doc, r.table)
}
