//! The permission check every route passes: signed in or not, role allowed or not, CSRF for
//! browser writes. Refused writes are written to the audit log.

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Identity, Via, csrf};
use crate::error::ApiError;
use crate::html::chrome::encode;
use crate::routes::Permission;
use crate::state::AppState;
use amity_core::auth::Role;
use amity_core::{Actor, audit};

/// What the guard decides for a permission and a role (or nobody).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    SignIn,
    Forbid,
}

/// The rule table: which roles each permission admits.
pub fn decide(permission: Permission, role: Option<Role>) -> Decision {
    let Some(role) = role else {
        return if permission == Permission::Public { Decision::Allow } else { Decision::SignIn };
    };
    let ok = match permission {
        Permission::Public | Permission::SignedIn => true,
        Permission::Read => role.reads_records(),
        Permission::Write => role.writes_records(),
        Permission::Office => role.manages_office(),
        Permission::Admin => role == Role::Admin,
        Permission::Audit => role.reads_audit(),
        Permission::Personal => role.sees_personal_data(),
    };
    if ok { Decision::Allow } else { Decision::Forbid }
}

fn is_write(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Applies `permission` to the request (the state comes from the request's extensions, put there by `resolve`).
pub async fn guard(permission: Permission, req: Request, next: Next) -> Response {
    let identity = req.extensions().get::<Identity>().cloned().unwrap_or_default();
    let Some(s) = req.extensions().get::<AppState>().cloned() else {
        return ApiError::from(amity_core::Error::Internal("guard without state".into())).into_response();
    };
    let api = req.uri().path().starts_with("/api/");
    match decide(permission, identity.role()) {
        Decision::Allow => {}
        Decision::SignIn => {
            // A browser whose session ended is sent to sign in and brought back, never shown JSON.
            let had_session = crate::request::cookie(req.headers(), super::SESSION_COOKIE).is_some_and(|v| !v.is_empty());
            let ended = if had_session { "&ended=1" } else { "" };
            return if api {
                ApiError::new(StatusCode::UNAUTHORIZED, "unauthenticated").into_response()
            } else if req.method() != Method::GET {
                crate::html::stale_form::session_ended(req.headers(), req.uri().path(), had_session)
            } else {
                let here = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
                Redirect::to(&format!("/login?next={}{ended}", encode(here))).into_response()
            };
        }
        Decision::Forbid => {
            if is_write(req.method()) {
                refused(&s, &identity, req.method(), req.uri().path()).await;
            }
            return forbidden(api);
        }
    }
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let req = match (is_write(&method), &identity.via) {
        (true, Via::Session { csrf: expected, .. }) => {
            let (ok, req) = match csrf::check(req, expected).await {
                Ok(checked) => checked,
                Err(too_large) => return too_large,
            };
            if !ok {
                refused(&s, &identity, &method, &path).await;
                if api {
                    return ApiError::new(StatusCode::FORBIDDEN, "csrf").into_response();
                }
                let (parts, body) = req.into_parts();
                return crate::html::stale_form::stale_token(&identity, &parts.uri, &parts.headers, body).await;
            }
            req
        }
        _ => req,
    };
    let response = next.run(req).await;
    // A service may refuse too (a unit editor writing another unit's record): audit that as well.
    if is_write(&method) && response.status() == StatusCode::FORBIDDEN {
        refused(&s, &identity, &method, &path).await;
    }
    response
}

fn forbidden(api: bool) -> Response {
    if api {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden").into_response()
    } else {
        crate::html::HtmlError(amity_core::Error::Forbidden).into_response()
    }
}

/// Writes a `refused` entry: who tried which write where.
async fn refused(s: &AppState, identity: &Identity, method: &Method, path: &str) {
    let Some(p) = identity.principal.clone() else { return };
    let actor = Actor::User(p);
    let detail = serde_json::json!({ "method": method.as_str(), "path": amity_core::validate::truncate(path, 200) }).to_string();
    let result = async {
        let mut tx = amity_core::store::Store::begin(&s.db).await?;
        audit::record_json(&mut tx, &actor, "refused", "route", None, None, Some(detail)).await?;
        amity_core::store::Tx::commit(tx).await
    };
    if let Err(e) = result.await {
        tracing::error!(error = %e, "could not audit a refused write");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_table_matches_the_roles() {
        use Permission::*;
        assert_eq!(decide(Read, None), Decision::SignIn);
        assert_eq!(decide(Public, None), Decision::Allow);
        assert_eq!(decide(Read, Some(Role::Auditor)), Decision::Forbid);
        assert_eq!(decide(Audit, Some(Role::Auditor)), Decision::Allow);
        assert_eq!(decide(Write, Some(Role::Viewer)), Decision::Forbid);
        assert_eq!(decide(Write, Some(Role::UnitEditor)), Decision::Allow);
        assert_eq!(decide(Office, Some(Role::UnitEditor)), Decision::Forbid);
        assert_eq!(decide(Admin, Some(Role::Coordinator)), Decision::Forbid);
        assert_eq!(decide(SignedIn, Some(Role::Auditor)), Decision::Allow);
        assert_eq!(decide(Personal, Some(Role::Viewer)), Decision::Forbid);
        assert_eq!(decide(Personal, Some(Role::Auditor)), Decision::Forbid);
        assert_eq!(decide(Personal, Some(Role::UnitEditor)), Decision::Allow);
        assert_eq!(decide(Personal, None), Decision::SignIn);
    }
}
