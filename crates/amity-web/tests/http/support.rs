//! A test app over a fresh database of each backend, and request helpers.

use std::sync::Arc;

use amity_core::auth::{UserInput, service, tokens};
use amity_core::{Actor, setup};
use amity_store::testing::{BackendGuard, each_backend};
use amity_web::{AppState, WebSettings, app};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// The app over one backend, holding the database guard alive.
pub struct TestApp {
    pub name: &'static str,
    pub router: Router,
    /// The test database (PostgreSQL ones are dropped with the last reference).
    pub db: Arc<BackendGuard>,
    /// The bearer token requests carry (an admin's unless changed).
    pub token: Option<String>,
}

/// One app per backend, with the demo loaded when `demo` is set; requests act as an admin.
pub async fn apps(demo: bool) -> Vec<TestApp> {
    let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter("amity=debug,amity_web=debug").try_init();
    let mut out = Vec::new();
    for (name, db) in each_backend().await {
        if demo {
            setup::load_demo(&*db, &Actor::System).await.expect("demo loads");
        }
        let router = app(AppState { db: (*db).clone(), settings: WebSettings::default() });
        let mut t = TestApp { name, router, db: Arc::new(db), token: None };
        t.token = Some(t.user_token("root", "admin", None).await);
        out.push(t);
    }
    out
}

impl TestApp {
    /// Creates a user with `role` (and unit) and returns an API token of theirs.
    pub async fn user_token(&self, username: &str, role: &str, unit: Option<i64>) -> String {
        let input = UserInput {
            username: username.into(),
            role: role.into(),
            unit_id: unit,
            password: "a long test password".into(),
            ..Default::default()
        };
        let created = service::create(&**self.db, &Actor::System, input).await.expect("user");
        tokens::create(&**self.db, &Actor::System, created.user.id, "tests").await.expect("token").1
    }

    /// The same app acting with another token (or none: the public).
    pub fn with_token(&self, token: Option<String>) -> TestApp {
        TestApp { name: self.name, router: self.router.clone(), db: self.db.clone(), token }
    }
}

/// A response, read whole.
pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Resp {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The `field` of every field error.
    pub fn error_fields(&self) -> Vec<String> {
        self.json()["error"]["fields"]
            .as_array()
            .map(|a| a.iter().map(|f| f["field"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default()
    }
}

impl TestApp {
    /// Sends a request.
    pub async fn send(&self, mut req: Request<Body>) -> Resp {
        if let Some(t) = &self.token
            && !req.headers().contains_key(header::AUTHORIZATION)
        {
            req.headers_mut().insert(header::AUTHORIZATION, format!("Bearer {t}").parse().expect("header"));
        }
        let r = self.router.clone().oneshot(req).await.expect("infallible");
        let status = r.status();
        let headers = r.headers().clone();
        let bytes = r.into_body().collect().await.expect("body").to_bytes();
        let body = String::from_utf8_lossy(&bytes).to_string();
        let is_json = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.contains("json"));
        if is_json && let Err(e) = super::json_keys::no_repeated_keys(&body) {
            panic!("{} answered JSON that repeats a key ({e}): {body}", self.name);
        }
        Resp { status, headers, body }
    }

    pub async fn get(&self, uri: &str) -> Resp {
        self.send(Request::get(uri).body(Body::empty()).expect("request")).await
    }

    pub async fn get_lang(&self, uri: &str, accept_language: &str) -> Resp {
        self.send(Request::get(uri).header(header::ACCEPT_LANGUAGE, accept_language).body(Body::empty()).expect("request")).await
    }

    pub async fn json(&self, method: &str, uri: &str, body: &Value) -> Resp {
        self.raw(method, uri, "application/json", body.to_string()).await
    }

    pub async fn raw(&self, method: &str, uri: &str, content_type: &str, body: String) -> Resp {
        let req =
            Request::builder().method(method).uri(uri).header(header::CONTENT_TYPE, content_type).body(Body::from(body)).expect("request");
        self.send(req).await
    }

    pub async fn form(&self, uri: &str, body: &str) -> Resp {
        self.raw("POST", uri, "application/x-www-form-urlencoded", body.to_string()).await
    }

    /// Number of partnerships stored.
    pub async fn partnership_count(&self) -> i64 {
        self.get("/api/v1/partnerships").await.json()["total"].as_i64().expect("total")
    }

    /// Id of the home city unit.
    pub async fn home_unit(&self) -> i64 {
        let units = self.get("/api/v1/units").await.json();
        units["items"].as_array().expect("items").iter().find(|u| u["parent_id"].is_null()).expect("home")["id"].as_i64().expect("id")
    }
}
