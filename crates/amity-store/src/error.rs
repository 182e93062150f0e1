//! Turns sqlx errors into amity-core's `Error`: constraint violations the user can fix become
//! `Conflict` or `Validation`; everything else is `Internal`, logged with its cause, never shown.

use amity_core::Error;
use sqlx::error::ErrorKind;

/// A failure the user cannot fix: the cause goes to the log, the message stays generic.
pub(crate) fn internal(e: sqlx::Error) -> Error {
    tracing::error!(error = %e, "database error");
    Error::Internal("database error".into())
}

/// Maps the error of a write: a duplicate of a unique `field` is a conflict, a reference to a
/// missing row (foreign key) makes `field` invalid; anything else is internal.
pub(crate) fn on_write(field: &'static str) -> impl Fn(sqlx::Error) -> Error {
    on_write_keys(field, field)
}

/// Like [`on_write`] for rows with a unique key and a reference in different columns: a
/// duplicate makes `unique` a conflict, a missing referenced row makes `reference` invalid.
pub(crate) fn on_write_keys(unique: &'static str, reference: &'static str) -> impl Fn(sqlx::Error) -> Error {
    move |e| match kind(&e) {
        Some(ErrorKind::UniqueViolation) => Error::conflict(unique, "duplicate"),
        Some(ErrorKind::ForeignKeyViolation) => Error::invalid(reference, "unknown_reference"),
        _ => internal(e),
    }
}

/// Maps the error of a delete: a row that others still reference is a conflict (`in_use`).
pub(crate) fn on_delete(entity: &'static str) -> impl Fn(sqlx::Error) -> Error {
    move |e| match kind(&e) {
        Some(ErrorKind::ForeignKeyViolation) => Error::conflict(entity, "in_use"),
        _ => internal(e),
    }
}

fn kind(e: &sqlx::Error) -> Option<ErrorKind> {
    match e {
        sqlx::Error::Database(db) => {
            tracing::debug!(error = %db, "constraint violation");
            Some(db.kind())
        }
        _ => None,
    }
}

/// A stored value that the domain does not accept (a kind code no longer known, a bad date):
/// the database holds something Amity did not write, so it is internal.
pub(crate) fn corrupt(what: &str, value: &str) -> Error {
    tracing::error!(what, value, "unreadable value in the database");
    Error::Internal(format!("unreadable {what} in the database"))
}
