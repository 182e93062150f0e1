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

/// What a caller must be allowed to do to use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Anyone, signed in or not (public portal, health check, assets).
    Public,
    /// Read internal records.
    Read,
    /// Create and change records.
    Write,
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
        self.pages = self.pages.route(path, route);
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
        self.api = self.api.routes(route);
        self
    }
}

/// Every route of Amity: the router, the OpenAPI document and the table of routes.
pub fn build() -> (Router<AppState>, utoipa::openapi::OpenApi, Vec<RouteInfo>) {
    use Permission::{Public, Read, Write};
    let r = Routes::new()
        .get("/", Read, get(html::home::show))
        .get("/healthz", Public, get(html::health::show))
        .get("/lang/{code}", Public, get(html::lang::switch))
        .get("/assets/{file}", Public, get(html::assets::show))
        .get("/partnerships", Read, get(html::partnerships::list))
        .post("/partnerships", Write, post(html::partnerships::create))
        .get("/partnerships/new", Write, get(html::partnerships::new_form))
        .get("/partnerships/{id}", Read, get(html::partnerships::show))
        .post("/partnerships/{id}", Write, post(html::partnerships::update))
        .get("/partnerships/{id}/edit", Write, get(html::partnerships::edit_form))
        .post("/partnerships/{id}/delete", Write, post(html::partnerships::delete))
        .get("/units", Read, get(html::units::list))
        .post("/units", Write, post(html::units::create))
        .get("/units/new", Write, get(html::units::new_form))
        .post("/units/{id}", Write, post(html::units::update))
        .get("/units/{id}/edit", Write, get(html::units::edit_form))
        .get("/fields", Read, get(html::fields::list))
        .post("/fields", Write, post(html::fields::create))
        .get("/api/v1/openapi.json", Public, get(api::openapi::show))
        .api(Read, routes!(api::countries::list))
        .api(Read, routes!(api::countries::show))
        .api(Read, routes!(api::cities::search))
        .api(Read, routes!(api::cities::show))
        .api(Read, routes!(api::units::list))
        .api(Write, routes!(api::units::create))
        .api(Read, routes!(api::units::show))
        .api(Write, routes!(api::units::update))
        .api(Read, routes!(api::fields::list))
        .api(Write, routes!(api::fields::create))
        .api(Read, routes!(api::partnerships::list))
        .api(Write, routes!(api::partnerships::create))
        .api(Read, routes!(api::partnerships::show))
        .api(Write, routes!(api::partnerships::update))
        .api(Write, routes!(api::partnerships::delete));
    let (api_router, doc) = r.api.split_for_parts();
    (r.pages.merge(api_router), doc, r.table)
}
