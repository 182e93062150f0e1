//! How a route is registered: the permission it needs, the guard and body limit wrapped around it,
//! and the builder that records every route (method, path, permission) as it adds it to the router
//! or, for API routes, to the OpenAPI document.

use axum::Router;
use axum::http::Method;
use axum::routing::MethodRouter;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

use crate::api;
use crate::state::AppState;

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

    /// The name the route table prints (`signed_in`, `read` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Public => "public",
            Permission::SignedIn => "signed_in",
            Permission::Read => "read",
            Permission::Write => "write",
            Permission::Office => "office",
            Permission::Admin => "admin",
            Permission::Audit => "audit",
            Permission::Personal => "personal",
        }
    }
}

/// How a route is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RouteKind {
    /// A plain axum route: HTML pages and forms, downloads, feeds, the OpenAPI document itself.
    Page,
    /// A JSON operation registered through utoipa-axum, so it is in the OpenAPI document.
    Api,
}

impl RouteKind {
    /// `page` or `api`.
    pub fn as_str(self) -> &'static str {
        match self {
            RouteKind::Page => "page",
            RouteKind::Api => "api",
        }
    }
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

/// One registered route: a line of the route table (`amity routes`, docs/ROUTES.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    /// The path as axum matches it, with `{name}` parameters.
    pub path: String,
    pub permission: Permission,
    pub kind: RouteKind,
    /// For API routes, the operation's summary in the OpenAPI document (the handler's first doc line).
    pub summary: Option<String>,
}

impl RouteInfo {
    fn page(method: Method, path: &str, permission: Permission) -> Self {
        Self { method, path: path.to_string(), permission, kind: RouteKind::Page, summary: None }
    }
}

/// Builds the router while recording every route.
pub struct Routes {
    pub(crate) pages: Router<AppState>,
    pub(crate) api: OpenApiRouter<AppState>,
    pub(crate) table: Vec<RouteInfo>,
}

impl Routes {
    pub(crate) fn new() -> Self {
        Self { pages: Router::new(), api: api::router(), table: Vec::new() }
    }

    pub(crate) fn page(mut self, method: Method, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.table.push(RouteInfo::page(method, path, permission));
        self.pages = self.pages.route(path, guarded(permission, route));
        self
    }

    /// A page's POST that takes a file (the larger body limit).
    pub(crate) fn upload(mut self, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.table.push(RouteInfo::page(Method::POST, path, permission));
        self.pages = self.pages.route(path, upload_guarded(permission, route));
        self
    }

    pub(crate) fn get(self, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.page(Method::GET, path, permission, route)
    }

    pub(crate) fn post(self, path: &str, permission: Permission, route: MethodRouter<AppState>) -> Self {
        self.page(Method::POST, path, permission, route)
    }

    pub(crate) fn api(self, permission: Permission, route: UtoipaMethodRouter<AppState>) -> Self {
        self.api_with(permission, route, guarded)
    }

    /// An API route that takes a file (the larger body limit).
    pub(crate) fn upload_api(self, permission: Permission, route: UtoipaMethodRouter<AppState>) -> Self {
        self.api_with(permission, route, upload_guarded)
    }

    pub(crate) fn api_with(
        mut self,
        permission: Permission,
        mut route: UtoipaMethodRouter<AppState>,
        wrap: fn(Permission, MethodRouter<AppState>) -> MethodRouter<AppState>,
    ) -> Self {
        // What the guard, the path id and the body readers may answer is documented here, from the
        // registration itself, so no handler can forget it.
        for item in route.1.paths.values_mut() {
            if let Some(op) = &mut item.get {
                api::answers::complete(op, permission, false);
            }
            for op in [&mut item.post, &mut item.put, &mut item.delete, &mut item.patch].into_iter().flatten() {
                api::answers::complete(op, permission, true);
            }
        }
        // The paths and methods come from the handlers' `#[utoipa::path]`, the same place utoipa-axum
        // routes them from, so the table cannot disagree with the router or the document.
        for (path, item) in &route.1.paths {
            let ops = [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::DELETE, &item.delete),
                (Method::PATCH, &item.patch),
            ];
            for (method, op) in ops {
                if let Some(op) = op {
                    let summary = op.summary.clone();
                    self.table.push(RouteInfo { method, path: path.clone(), permission, kind: RouteKind::Api, summary });
                }
            }
        }
        let (schemas, paths, method_router) = route;
        self.api = self.api.routes((schemas, paths, wrap(permission, method_router)));
        self
    }
}
