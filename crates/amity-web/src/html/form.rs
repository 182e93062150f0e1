//! Field errors of a form, translated, for the summary at the top and the message beside each field.

use crate::error::field_message;
use crate::i18n::Locale;
use amity_core::{Error, FieldError};

/// The errors a form is re-rendered with.
#[derive(Debug, Default)]
pub struct FormErrors {
    /// (field, message) in the order found.
    pub items: Vec<(String, String)>,
}

impl FormErrors {
    /// Translates field errors; a conflict becomes an error on its field too.
    pub fn from_error(l: Locale, e: &Error) -> Option<Self> {
        let fields: Vec<FieldError> = match e {
            Error::Validation(f) => f.clone(),
            Error::Conflict { field, code } => vec![FieldError::new(field.clone(), code)],
            _ => return None,
        };
        Some(Self { items: fields.iter().take(crate::error::FIELDS_MAX).map(|f| (f.field.clone(), field_message(l, f))).collect() })
    }

    /// A list read with a checked filter: the page, or — when the service refused a filter (an
    /// unknown country group) — nothing and the errors to show above the empty list.
    pub fn listed<T>(l: Locale, r: Result<T, Error>) -> Result<(Option<T>, Self), Error> {
        match r {
            Ok(v) => Ok((Some(v), Self::default())),
            Err(e @ Error::Validation(_)) => Ok((None, Self::from_error(l, &e).unwrap_or_default())),
            Err(e) => Err(e),
        }
    }

    /// Whether there is anything to show.
    pub fn any(&self) -> bool {
        !self.items.is_empty()
    }

    /// The status of a page shown with these errors (a list with a refused filter): 422 when there
    /// are any, else 200.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.any() { axum::http::StatusCode::UNPROCESSABLE_ENTITY } else { axum::http::StatusCode::OK }
    }

    /// The message for one field (the first, if several), or empty.
    pub fn of(&self, field: &str) -> String {
        self.items.iter().find(|(f, _)| f == field || f.starts_with(&format!("{field}["))).map(|(_, m)| m.clone()).unwrap_or_default()
    }

    /// The element id a summary link should jump to.
    pub fn anchor(field: &str) -> String {
        format!("f-{}", field.split('[').next().unwrap_or(field))
    }
}

/// A posted form (`application/x-www-form-urlencoded`) decoded into its derived `Deserialize`
/// struct (`#[serde(default)]`, fields as text); the one way a handler reads a form.
pub fn read<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_html_form::from_bytes(body).map_err(|_| Error::invalid("body", "invalid_form"))
}

/// The answer to a posted form: on success a redirect (303) to `to(&value)`; when the service refused
/// fields or found a conflict, the form again with those errors (422, or 413 for a file over its
/// limit) as `again` renders it; any other error as an error page.
pub async fn answer<T, P, Fut>(
    l: Locale,
    result: Result<T, Error>,
    to: impl FnOnce(&T) -> String,
    again: impl FnOnce(FormErrors) -> Fut,
) -> Result<axum::response::Response, super::HtmlError>
where
    P: axum::response::IntoResponse,
    Fut: std::future::Future<Output = Result<P, super::HtmlError>>,
{
    let done = |v: T| std::future::ready(Ok::<_, super::HtmlError>(axum::response::Redirect::to(&to(&v))));
    answer_with(l, result, done, again).await
}

/// As [`answer`], for a form whose success shows a page (a secret shown once, a confirmation)
/// rather than a redirect: `done(value)` renders it.
pub async fn answer_with<T, D, FutD, P, Fut>(
    l: Locale,
    result: Result<T, Error>,
    done: impl FnOnce(T) -> FutD,
    again: impl FnOnce(FormErrors) -> Fut,
) -> Result<axum::response::Response, super::HtmlError>
where
    D: axum::response::IntoResponse,
    FutD: std::future::Future<Output = Result<D, super::HtmlError>>,
    P: axum::response::IntoResponse,
    Fut: std::future::Future<Output = Result<P, super::HtmlError>>,
{
    use axum::response::IntoResponse;
    match result {
        Ok(v) => Ok(done(v).await?.into_response()),
        Err(e) => match FormErrors::from_error(l, &e) {
            Some(errors) => Ok((crate::error::refusal_status(&e), again(errors).await?).into_response()),
            None => Err(e.into()),
        },
    }
}
