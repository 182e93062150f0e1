//! The one error type of Amity's domain, with field errors that carry translation keys, not English text.

use serde::Serialize;

/// One problem with one input field. `code` is a message key (`error.<code>` in the locales);
/// `params` fill its placeholders (e.g. `max`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Path of the field in the input, e.g. `city_name_en` or `fields[2]`.
    pub field: String,
    /// Message key, e.g. `too_long`, `required`, `invalid_date`.
    pub code: String,
    /// Values for the message's placeholders.
    pub params: Vec<(String, String)>,
}

impl FieldError {
    /// A field error without parameters.
    pub fn new(field: impl Into<String>, code: &str) -> Self {
        Self { field: field.into(), code: code.to_string(), params: Vec::new() }
    }

    /// Adds a placeholder value to the message.
    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.push((key.to_string(), value.to_string()));
        self
    }
}

/// Everything a service can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No record of that kind with that id.
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    /// The input breaks one or more rules; nothing was written.
    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),
    /// The write collides with the current state (a stale `version`, a duplicate, dependants).
    #[error("conflict on {field}: {code}")]
    Conflict { field: String, code: String },
    /// The actor may not do this.
    #[error("forbidden")]
    Forbidden,
    /// A failure that is not the user's: logged with its cause, shown as an apology.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Shorthand for a not-found error.
    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound { entity, id: id.to_string() }
    }

    /// Shorthand for a conflict.
    pub fn conflict(field: &str, code: &str) -> Self {
        Error::Conflict { field: field.to_string(), code: code.to_string() }
    }

    /// Shorthand for a single-field validation error.
    pub fn invalid(field: &str, code: &str) -> Self {
        Error::Validation(vec![FieldError::new(field, code)])
    }
}

/// Result with Amity's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Collects field errors while validating an input, then fails once with all of them.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    /// Records a problem.
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Records the error of a validation step, if any, and returns its value.
    pub fn take<T>(&mut self, r: std::result::Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    /// Records the error of a validation step, if any, and returns its value or `fallback`. With a
    /// fallback every step yields a value, so a validator builds its result after [`Problems::finish`]
    /// without an unreachable "some value missing" branch; the fallback is never seen by a caller.
    pub fn take_or<T>(&mut self, r: std::result::Result<T, FieldError>, fallback: T) -> T {
        self.take(r).unwrap_or(fallback)
    }

    /// Records the error of a validation step, if any, and returns its value or the type's default
    /// (an empty text, list or `None`): [`Problems::take_or`] for types with an obvious fallback.
    pub fn take_default<T: Default>(&mut self, r: std::result::Result<T, FieldError>) -> T {
        self.take(r).unwrap_or_default()
    }

    /// Whether any problem was recorded.
    pub fn has_any(&self) -> bool {
        !self.0.is_empty()
    }

    /// `Ok(())` when nothing was recorded, else the validation error.
    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() { Ok(()) } else { Err(Error::Validation(self.0)) }
    }
}
