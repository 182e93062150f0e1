//! Error pages: not found, and a short apology with the request id for internal failures.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::Chrome;
use crate::request::{self, Ctx};
use amity_core::Error;

/// A page-level failure.
#[derive(Debug)]
pub struct HtmlError(pub Error);

impl From<Error> for HtmlError {
    fn from(e: Error) -> Self {
        HtmlError(e)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    heading: String,
    detail: String,
}

impl IntoResponse for HtmlError {
    fn into_response(self) -> Response {
        let info = request::current();
        let ctx = Ctx::bare(info.locale);
        if let Error::Validation(fields) = &self.0
            && crate::error::refusal_status(&self.0) == StatusCode::PAYLOAD_TOO_LARGE
        {
            let heading = info.locale.t("page_error.too_large");
            let detail = fields.first().map(|f| crate::error::field_message(info.locale, f)).unwrap_or_default();
            return (StatusCode::PAYLOAD_TOO_LARGE, ErrorPage { c: Chrome::new(&ctx, "", heading.clone()), heading, detail })
                .into_response();
        }
        let (status, key) = match &self.0 {
            Error::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Error::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            Error::Conflict { .. } => (StatusCode::CONFLICT, "conflict"),
            Error::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            Error::Internal(cause) => {
                tracing::error!(request_id = %info.request_id, %cause, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        let heading = info.locale.t(&format!("page_error.{key}"));
        let detail = match &self.0 {
            // A refused parameter of a page's URL or form, named with what is wrong with it.
            Error::Validation(fields) if !fields.is_empty() => fields
                .iter()
                .take(crate::error::FIELDS_MAX)
                .map(|f| format!("{}: {}", f.field, crate::error::field_message(info.locale, f)))
                .collect::<Vec<_>>()
                .join(" "),
            _ => crate::error::message(info.locale, key),
        };
        (status, ErrorPage { c: Chrome::new(&ctx, "", heading.clone()), heading, detail }).into_response()
    }
}
