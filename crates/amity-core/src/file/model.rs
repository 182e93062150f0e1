//! What a stored file is, and the validated form of an upload.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::sniff::{FileKind, SniffError, sniff};
use crate::error::{Error, FieldError, Result};

/// Largest file Amity keeps: 20 MiB.
pub const FILE_MAX_BYTES: usize = 20 * 1024 * 1024;
/// Longest file name kept (characters); longer names are shortened, keeping the extension.
pub const FILE_NAME_MAX: usize = 200;

/// A stored file's description, without its bytes (what lists, the API and the audit log show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileInfo {
    pub id: i64,
    /// The name the uploader's file had, for display and the download's suggested name only.
    pub file_name: String,
    /// The media type its bytes show (what it is served with).
    pub content_type: String,
    /// The media type the uploader declared.
    pub declared_type: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    /// Id of the user who uploaded it, when a user did.
    pub created_by: Option<i64>,
}

impl FileInfo {
    /// Whether the file is a picture that may be shown inline.
    pub fn is_image(&self) -> bool {
        FileKind::from_mime(&self.content_type).is_some_and(FileKind::is_image)
    }
}

/// A stored file with its bytes.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub info: FileInfo,
    pub bytes: Vec<u8>,
}

/// What a stored file belongs to (reading it needs the right to read that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOwner {
    Agreement(i64),
    Gift(i64),
}

/// An upload as received (unvalidated): the name and type the client gave, and the bytes.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    pub file_name: String,
    pub declared_type: String,
    pub bytes: Vec<u8>,
}

/// A validated upload, ready to store.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub file_name: String,
    pub content_type: String,
    pub declared_type: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

impl NewFile {
    /// Checks the upload (reported on `field`): not empty, at most [`FILE_MAX_BYTES`], of an allowed
    /// kind whose first bytes match its name and declared type; `images_only` allows pictures only.
    pub fn validate(field: &str, upload: Upload, images_only: bool) -> Result<Self> {
        if upload.bytes.is_empty() {
            return Err(Error::invalid(field, "file_empty"));
        }
        if upload.bytes.len() > FILE_MAX_BYTES {
            return Err(Error::Validation(vec![FieldError::new(field, "file_too_large").with("max", "20 MiB")]));
        }
        let file_name = display_name(&upload.file_name);
        let kind = match sniff(&file_name, &upload.declared_type, &upload.bytes) {
            Ok(k) => k,
            Err(SniffError::NotAllowed) => return Err(Error::invalid(field, "file_type_not_allowed")),
            Err(SniffError::Mismatch) => return Err(Error::invalid(field, "file_type_mismatch")),
        };
        if images_only && !kind.is_image() {
            return Err(Error::invalid(field, "file_not_image"));
        }
        let file_name = if file_name.is_empty() { format!("file.{}", kind.extensions()[0]) } else { file_name };
        let sha256 = Sha256::digest(&upload.bytes).iter().map(|b| format!("{b:02x}")).collect();
        let declared_type: String = upload.declared_type.chars().filter(|c| !c.is_control()).take(100).collect();
        Ok(Self { file_name, content_type: kind.mime().to_string(), declared_type, sha256, bytes: upload.bytes })
    }
}

/// The name kept for display: its last path component only, without control characters, at most
/// [`FILE_NAME_MAX`] characters (cut before the extension so the kind still shows).
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim().trim_start_matches('.').trim().to_string();
    if clean.chars().count() <= FILE_NAME_MAX {
        return clean;
    }
    let (stem, ext) = match clean.rsplit_once('.') {
        Some((s, e)) if e.chars().count() <= 10 => (s.to_string(), format!(".{e}")),
        _ => (clean.clone(), String::new()),
    };
    let keep = FILE_NAME_MAX - ext.chars().count();
    format!("{}{ext}", stem.chars().take(keep).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(name: &str, ty: &str, bytes: &[u8]) -> Upload {
        Upload { file_name: name.into(), declared_type: ty.into(), bytes: bytes.to_vec() }
    }

    fn code(r: Result<NewFile>) -> String {
        match r {
            Err(Error::Validation(f)) => format!("{}:{}", f[0].field, f[0].code),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_pdf_is_kept_with_its_hash_and_sniffed_type() {
        let f =
            NewFile::validate("file", upload("../../etc/友好城市协议.pdf", "application/octet-stream", b"%PDF-1.7 x"), false).expect("ok");
        assert_eq!((f.file_name.as_str(), f.content_type.as_str()), ("友好城市协议.pdf", "application/pdf"));
        assert_eq!(f.sha256.len(), 64);
        assert_eq!(f.sha256, Sha256::digest(b"%PDF-1.7 x").iter().map(|b| format!("{b:02x}")).collect::<String>());
    }

    #[test]
    fn empty_too_large_mismatched_and_non_image_uploads_are_refused_naming_the_field() {
        assert_eq!(code(NewFile::validate("file", upload("a.pdf", "application/pdf", b""), false)), "file:file_empty");
        let big = vec![b'%'; FILE_MAX_BYTES + 1];
        assert_eq!(code(NewFile::validate("file", upload("a.pdf", "application/pdf", &big), false)), "file:file_too_large");
        assert_eq!(code(NewFile::validate("file", upload("a.pdf", "application/pdf", b"<html>"), false)), "file:file_type_mismatch");
        assert_eq!(code(NewFile::validate("photo", upload("a.pdf", "application/pdf", b"%PDF-1.7"), true)), "photo:file_not_image");
        assert_eq!(code(NewFile::validate("file", upload("x.svg", "image/svg+xml", b"<svg/>"), false)), "file:file_type_not_allowed");
    }

    #[test]
    fn display_names_lose_paths_and_control_characters_and_keep_their_extension() {
        assert_eq!(display_name("C:\\Users\\me\\plan.pdf"), "plan.pdf");
        assert_eq!(display_name("a\r\nb\".pdf"), "ab\".pdf");
        assert_eq!(display_name("../.hidden.pdf"), "hidden.pdf");
        let long = format!("{}.pdf", "协".repeat(300));
        let d = display_name(&long);
        assert!(d.ends_with(".pdf") && d.chars().count() == FILE_NAME_MAX, "{d}");
    }
}
