//! Who is asking: sessions and API tokens are resolved once per request into an `Identity`,
//! then each route's guard checks its permission (and CSRF for browser writes).

mod client;
mod cookie;
mod csrf;
mod guard;
pub mod principals;
mod resolve;

pub use client::{IpRange, ProxyNotice, client_info};
pub use cookie::{SESSION_COOKIE, clear_cookie, clear_cookie_at, session_cookie};
pub use csrf::{PRE_CSRF_COOKIE, form_token, pre_csrf_ok};
pub use guard::{Decision, decide, guard};
pub use resolve::resolve;

use amity_core::auth::{Principal, Role};

/// How the request proved who it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Via {
    /// Nothing: the public.
    #[default]
    Nobody,
    /// A browser session: the raw session id (from the cookie) and its CSRF token.
    Session { id: String, csrf: String },
    /// An API token in `Authorization: Bearer`.
    Token,
}

/// The resolved identity of a request, put in its extensions by [`resolve`].
#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub principal: Option<Principal>,
    pub via: Via,
    /// The client's address (behind a trusted proxy: from `X-Forwarded-For`).
    pub ip: Option<String>,
    /// Whether the client reached us over HTTPS (directly or through a trusted proxy).
    pub https: bool,
}

impl Identity {
    /// The role of the signed-in user.
    pub fn role(&self) -> Option<Role> {
        self.principal.as_ref().map(|p| p.role)
    }

    /// The CSRF token forms must carry (empty without a session).
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf, .. } => csrf,
            _ => "",
        }
    }
}
