//! Files over HTTP: the larger body limit of upload routes, reading `multipart/form-data` (or a
//! plain form) into text fields and files, and serving a stored file with safe headers.
//!
//! Every other route keeps the app-wide [`crate::BODY_LIMIT`]; upload routes are registered with
//! [`limit`] instead, which admits [`UPLOAD_BODY_LIMIT`] and answers a larger body with 413 naming
//! the `file` field.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::html::HtmlError;
use amity_core::Error;
use amity_core::file::{FILE_MAX_BYTES, StoredFile, Upload};

/// Largest body of an upload route: one file of [`FILE_MAX_BYTES`] plus room for the form's other fields.
pub const UPLOAD_BODY_LIMIT: usize = FILE_MAX_BYTES + 1024 * 1024;
/// Largest text field of a multipart form.
const TEXT_FIELD_MAX: u64 = 256 * 1024;
/// The names a file part may have.
const FILE_FIELDS: [&str; 2] = ["file", "photo"];

/// Why a posted body could not be read.
#[derive(Debug)]
pub enum UploadError {
    /// The body or the named file part is larger than allowed.
    TooLarge(String),
    /// Anything else (malformed multipart, unreadable form).
    Invalid(Error),
}

impl From<UploadError> for Error {
    fn from(e: UploadError) -> Self {
        match e {
            UploadError::TooLarge(field) => crate::error::too_large(&field),
            UploadError::Invalid(e) => e,
        }
    }
}

impl From<UploadError> for ApiError {
    fn from(e: UploadError) -> Self {
        Error::from(e).into()
    }
}

/// A 413 naming `field`: JSON under `/api/`, a page elsewhere.
pub fn too_large(api: bool, field: &str) -> Response {
    let e = crate::error::too_large(field);
    if api { ApiError::from(e).into_response() } else { HtmlError(e).into_response() }
}

/// The answer to a refused upload on a page: 413 when too large, the error page otherwise.
pub fn html_error(e: UploadError) -> Response {
    HtmlError(e.into()).into_response()
}

/// Marks a request to an upload route (its body limit is [`UPLOAD_BODY_LIMIT`]).
#[derive(Debug, Clone, Copy)]
pub struct UploadRoute;

/// The body limit of upload routes: a declared length over [`UPLOAD_BODY_LIMIT`] is refused at
/// once; a body without one is cut off there while it is read.
pub async fn limit(mut req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > UPLOAD_BODY_LIMIT as u64) {
        return too_large(api, "file");
    }
    req.extensions_mut().insert(UploadRoute);
    next.run(req.map(|b| Body::new(http_body_util::Limited::new(b, UPLOAD_BODY_LIMIT)))).await
}

/// Whether the error (or one of its causes) is a body over its limit.
pub fn is_length_limit(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cur = err.source();
    }
    false
}

/// A posted form: its text fields in order, and its files by part name.
#[derive(Debug, Default)]
pub struct Posted {
    pub fields: Vec<(String, String)>,
    pub files: Vec<(String, Upload)>,
}

impl Posted {
    /// The text fields decoded as a form struct (repeated names become lists).
    pub fn form<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let encoded = serde_html_form::to_string(&self.fields).map_err(|_| Error::invalid("body", "invalid_form"))?;
        serde_html_form::from_str(&encoded).map_err(|_| Error::invalid("body", "invalid_form"))
    }

    /// The first text field of that name.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Takes the file posted under that name, if one was chosen.
    pub fn take_file(&mut self, name: &str) -> Option<Upload> {
        let i = self.files.iter().position(|(k, _)| k == name)?;
        Some(self.files.remove(i).1)
    }
}

/// Whether the request body is `multipart/form-data`.
pub fn is_multipart(headers: &HeaderMap) -> bool {
    content_type(headers).to_ascii_lowercase().starts_with("multipart/form-data")
}

fn content_type(headers: &HeaderMap) -> &str {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
}

fn multer_error(e: multer::Error) -> UploadError {
    match e {
        multer::Error::FieldSizeExceeded { field_name, .. } => UploadError::TooLarge(field_name.unwrap_or_else(|| "file".into())),
        multer::Error::StreamSizeExceeded { .. } => UploadError::TooLarge("file".into()),
        multer::Error::StreamReadFailed(cause) if is_length_limit(cause.as_ref()) => UploadError::TooLarge("file".into()),
        _ => UploadError::Invalid(Error::invalid("body", "invalid_form")),
    }
}

/// Reads a posted body: `multipart/form-data` part by part (files up to [`FILE_MAX_BYTES`] and a
/// little more, so that the service reports a file one byte too large), or a URL-encoded form.
/// A file input left empty (no name, no bytes) counts as no file.
pub async fn read(headers: &HeaderMap, body: Body) -> Result<Posted, UploadError> {
    if !is_multipart(headers) {
        let bytes = axum::body::to_bytes(body, UPLOAD_BODY_LIMIT).await.map_err(|e| {
            if is_length_limit(&e) {
                UploadError::TooLarge("file".into())
            } else {
                UploadError::Invalid(Error::invalid("body", "invalid_form"))
            }
        })?;
        let fields = serde_html_form::from_bytes::<Vec<(String, String)>>(&bytes)
            .map_err(|_| UploadError::Invalid(Error::invalid("body", "invalid_form")))?;
        return Ok(Posted { fields, files: Vec::new() });
    }
    let boundary =
        multer::parse_boundary(content_type(headers)).map_err(|_| UploadError::Invalid(Error::invalid("body", "invalid_form")))?;
    let mut limits = multer::SizeLimit::new().whole_stream(UPLOAD_BODY_LIMIT as u64).per_field(TEXT_FIELD_MAX);
    for name in FILE_FIELDS {
        limits = limits.for_field(name, FILE_MAX_BYTES as u64 + 1);
    }
    let constraints = multer::Constraints::new().size_limit(limits);
    let mut parts = multer::Multipart::with_constraints(body.into_data_stream(), boundary, constraints);
    let mut posted = Posted::default();
    while let Some(field) = parts.next_field().await.map_err(multer_error)? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let declared_type = field.content_type().map(|m| m.to_string()).unwrap_or_default();
                if !FILE_FIELDS.contains(&name.as_str()) {
                    return Err(UploadError::Invalid(Error::invalid(&name, "unexpected_file")));
                }
                let bytes = field.bytes().await.map_err(multer_error)?;
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                posted.files.push((name, Upload { file_name, declared_type, bytes: bytes.to_vec() }));
            }
            None => {
                let text = field.text().await.map_err(multer_error)?;
                posted.fields.push((name, text));
            }
        }
    }
    Ok(posted)
}

/// The `_csrf` field of a multipart body (empty when absent or unreadable). Forms put it first.
pub async fn multipart_token(headers: &HeaderMap, body: axum::body::Bytes) -> String {
    let Ok(boundary) = multer::parse_boundary(content_type(headers)) else { return String::new() };
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let limits = multer::SizeLimit::new().for_field("_csrf", 1024);
    let mut parts = multer::Multipart::with_constraints(stream, boundary, multer::Constraints::new().size_limit(limits));
    while let Ok(Some(field)) = parts.next_field().await {
        if field.name() == Some("_csrf") && field.file_name().is_none() {
            return field.text().await.unwrap_or_default();
        }
    }
    String::new()
}

/// A stored file as a download: the type its bytes show, never sniffed again by the browser;
/// pictures inline, everything else as an attachment with its name.
pub fn file_response(f: StoredFile) -> Response {
    let inline = f.info.is_image();
    let disposition = content_disposition(&f.info.file_name, inline);
    let mut r = (StatusCode::OK, f.bytes).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&f.info.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")));
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", f.info.sha256)) {
        h.insert(header::ETAG, v);
    }
    r
}

/// `Content-Disposition` per RFC 6266: an ASCII `filename` with quotes, backslashes, separators
/// and control characters replaced, and the exact name as `filename*=UTF-8''…` (RFC 5987).
pub fn content_disposition(name: &str, inline: bool) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '/' | ';' | '%') || c == ' ' { c } else { '_' })
        .collect();
    let fallback = if fallback.trim_matches(['_', '.', ' ']).is_empty() { "file".to_string() } else { fallback };
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let kind = if inline { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_survive_encoded_and_dangerous_characters_never_reach_the_header() {
        let d = content_disposition("友好城市协议.pdf", false);
        assert_eq!(d, "attachment; filename=\"______.pdf\"; filename*=UTF-8''%E5%8F%8B%E5%A5%BD%E5%9F%8E%E5%B8%82%E5%8D%8F%E8%AE%AE.pdf");
        let d = content_disposition("a\"b\r\nSet-Cookie: x=1;..\\..%2f.pdf", true);
        assert!(d.starts_with("inline; filename=\"a_b__Set-Cookie: x=1_.._.._2f.pdf\"; filename*=UTF-8''a%22b%0D%0ASet-Cookie%3A"), "{d}");
        assert!(HeaderValue::from_str(&d).is_ok());
        assert!(!d.contains('\r') && !d.contains('\n'));
    }
}
