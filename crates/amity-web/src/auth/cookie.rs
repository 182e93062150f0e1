//! The session cookie: HttpOnly, SameSite=Lax, Secure when the client came over HTTPS.

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "amity_session";

/// `Set-Cookie` value for a new session (a browser-session cookie; the server ends it on time-out).
pub fn session_cookie(id: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

/// `Set-Cookie` value that removes a cookie set with `Path=/`.
pub fn clear_cookie(name: &str, https: bool) -> String {
    clear_cookie_at(name, "/", https)
}

/// `Set-Cookie` value that removes a cookie set with `Path={path}`: a browser removes only the
/// cookie whose name and path both match.
pub fn clear_cookie_at(name: &str, path: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{name}=; Path={path}; Max-Age=0; HttpOnly; SameSite=Lax{secure}")
}
