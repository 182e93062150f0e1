//! The answers an API operation can give because of how its route is registered, added to its
//! OpenAPI operation as the route is registered (`Routes::api_with`): 401 and 403 from the guard
//! of a non-public route, 404 from an id in the path, 400/413/415/422 from reading a body, 422
//! from a query string, 409 from any write (the store answers a unique or foreign-key violation
//! as a conflict, and updates check the version), and a description on every answer. The handler's own `responses(...)`
//! list what the service decides (201, 409, 429 …); together they are every status a client meets
//! besides 500 and the 408 of the request timeout.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::{Content, Ref, RefOr};

use crate::route_registry::Permission;

/// What the API document says a status means, when the handler says nothing more precise.
fn meaning(status: &str) -> &'static str {
    match status {
        "200" => "Done: the record or the result",
        "201" => "Created: the new record; `Location` names its URL",
        "204" => "Done: nothing to answer",
        "400" => "The body is empty or is not well-formed JSON",
        "401" => "No valid credentials: sign in, or send `Authorization: Bearer <token>` with a token that exists and is not revoked",
        "403" => "Refused: the caller's role (or unit) may not do this, or a session's write lacks its CSRF token",
        "404" => "No such record, or the id in the path is not a positive whole number",
        "409" => {
            "Conflict: the record changed since it was read (stale `version`), a value that must be unique is taken (`duplicate`), or other records depend on it (`in_use`)"
        }
        "413" => "The body (or its file) is larger than this route accepts",
        "415" => "The body's `Content-Type` is not one this route reads",
        "422" => "Invalid input: `error.fields` names each field and its problem",
        "429" => "Too many submissions from this address; try again later",
        _ => "See the error's `code` and `message`",
    }
}

/// An error answer: the documented error body.
fn error_answer(status: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(meaning(status))
            .content("application/json", Content::new(Some(Ref::from_schema_name("ErrorBody"))))
            .build(),
    )
}

fn has_parameter(op: &Operation, place: ParameterIn) -> bool {
    op.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
}

/// Adds to `op` the answers its route's registration makes possible, and a description to every
/// answer that has none.
/// `writes` is whether the method changes something (anything but GET).
pub(crate) fn complete(op: &mut Operation, permission: Permission, writes: bool) {
    let mut added: Vec<&str> = Vec::new();
    if writes {
        added.push("409");
    }
    if permission != Permission::Public {
        added.extend(["401", "403"]);
    }
    if has_parameter(op, ParameterIn::Path) {
        added.push("404");
    }
    if op.request_body.is_some() {
        added.extend(["400", "413", "415", "422"]);
    }
    if has_parameter(op, ParameterIn::Query) {
        added.push("422");
    }
    for status in added {
        op.responses.responses.entry(status.to_string()).or_insert_with(|| error_answer(status));
    }
    for (status, answer) in &mut op.responses.responses {
        if let RefOr::T(answer) = answer
            && answer.description.trim().is_empty()
        {
            answer.description = meaning(status).to_string();
        }
    }
}
