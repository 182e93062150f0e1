//! Recognising a file's kind from its first bytes (its "magic"), and from its name's extension and
//! declared type. Nothing outside this list is accepted: no HTML, SVG, scripts or executables.

/// The kinds of file Amity keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    /// Word (OOXML, a ZIP archive).
    Docx,
    /// Excel (OOXML, a ZIP archive).
    Xlsx,
    /// PowerPoint (OOXML, a ZIP archive).
    Pptx,
    /// Legacy Word (an OLE compound file).
    Doc,
    /// Legacy Excel (an OLE compound file).
    Xls,
}

impl FileKind {
    /// Every kind.
    pub const ALL: [FileKind; 10] = [
        FileKind::Pdf,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Pptx,
        FileKind::Doc,
        FileKind::Xls,
    ];

    /// The media type the file is served with.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileKind::Doc => "application/msword",
            FileKind::Xls => "application/vnd.ms-excel",
        }
    }

    /// The extensions a name of this kind may end with.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg"],
            FileKind::Gif => &["gif"],
            FileKind::Webp => &["webp"],
            FileKind::Docx => &["docx"],
            FileKind::Xlsx => &["xlsx"],
            FileKind::Pptx => &["pptx"],
            FileKind::Doc => &["doc"],
            FileKind::Xls => &["xls"],
        }
    }

    /// Whether browsers may show it inline (pictures); everything else is downloaded.
    pub fn is_image(self) -> bool {
        matches!(self, FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Webp)
    }

    /// The kind served with this media type.
    pub fn from_mime(mime: &str) -> Option<Self> {
        let m = mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let m = if m == "image/jpg" || m == "image/pjpeg" { "image/jpeg".to_string() } else { m };
        Self::ALL.into_iter().find(|k| k.mime() == m)
    }

    /// The kind a file name's extension names.
    pub fn from_name(name: &str) -> Option<Self> {
        let (_, ext) = name.rsplit_once('.')?;
        let ext = ext.to_ascii_lowercase();
        Self::ALL.into_iter().find(|k| k.extensions().contains(&ext.as_str()))
    }

    /// Whether `bytes` start the way files of this kind do.
    pub fn matches(self, bytes: &[u8]) -> bool {
        const ZIP: &[u8] = b"PK\x03\x04";
        const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        match self {
            FileKind::Pdf => bytes.starts_with(b"%PDF-"),
            FileKind::Png => bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
            FileKind::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            FileKind::Gif => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
            FileKind::Webp => bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP",
            // An OOXML package is a ZIP whose parts live under word/, xl/ or ppt/.
            FileKind::Docx => bytes.starts_with(ZIP) && contains(bytes, b"word/"),
            FileKind::Xlsx => bytes.starts_with(ZIP) && contains(bytes, b"xl/"),
            FileKind::Pptx => bytes.starts_with(ZIP) && contains(bytes, b"ppt/"),
            FileKind::Doc | FileKind::Xls => bytes.starts_with(OLE),
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Why a file's kind is refused: its name and declared type name no allowed kind
/// (`file_type_not_allowed`), or its bytes are not what they claim (`file_type_mismatch`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SniffError {
    NotAllowed,
    Mismatch,
}

/// The kind of an upload: what its name's extension (or, without one, its declared type) claims,
/// checked against the declared type and the bytes. A declared `application/octet-stream` (what
/// browsers send when they do not know) claims nothing.
pub fn sniff(name: &str, declared: &str, bytes: &[u8]) -> Result<FileKind, SniffError> {
    let declared = declared.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let vague = declared.is_empty() || declared == "application/octet-stream";
    let by_type = FileKind::from_mime(&declared);
    if !vague && by_type.is_none() {
        return Err(SniffError::NotAllowed);
    }
    let claimed = match (FileKind::from_name(name), by_type) {
        (Some(k), Some(t)) if k != t => return Err(SniffError::Mismatch),
        (Some(k), _) => k,
        (None, Some(t)) if !name.contains('.') => t,
        _ => return Err(SniffError::NotAllowed),
    };
    if claimed.matches(bytes) { Ok(claimed) } else { Err(SniffError::Mismatch) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];

    #[test]
    fn each_kind_is_recognised_by_its_first_bytes() {
        assert_eq!(sniff("a.pdf", "application/pdf", b"%PDF-1.7\n"), Ok(FileKind::Pdf));
        assert_eq!(sniff("photo.PNG", "image/png", PNG), Ok(FileKind::Png));
        assert_eq!(sniff("p.jpg", "image/jpeg", &[0xFF, 0xD8, 0xFF, 0xE0]), Ok(FileKind::Jpeg));
        assert_eq!(sniff("g.gif", "", b"GIF89a...."), Ok(FileKind::Gif));
        assert_eq!(sniff("w.webp", "image/webp", b"RIFF\x10\0\0\0WEBPVP8 "), Ok(FileKind::Webp));
        assert_eq!(sniff("协议.docx", "application/octet-stream", b"PK\x03\x04....word/document.xml"), Ok(FileKind::Docx));
        assert_eq!(sniff("plan.xlsx", "", b"PK\x03\x04....xl/workbook.xml"), Ok(FileKind::Xlsx));
        assert_eq!(sniff("old.doc", "application/msword", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Ok(FileKind::Doc));
        assert_eq!(sniff("upload", "application/pdf", b"%PDF-1.4"), Ok(FileKind::Pdf));
    }

    #[test]
    fn html_svg_executables_and_liars_are_refused() {
        assert_eq!(sniff("a.pdf", "application/pdf", b"<html><script>alert(1)</script>"), Err(SniffError::Mismatch));
        assert_eq!(sniff("a.html", "text/html", b"<html>"), Err(SniffError::NotAllowed));
        assert_eq!(sniff("logo.svg", "image/svg+xml", b"<svg/>"), Err(SniffError::NotAllowed));
        assert_eq!(sniff("setup.exe", "application/octet-stream", b"MZ\x90\0"), Err(SniffError::NotAllowed));
        assert_eq!(sniff("a.png", "application/pdf", PNG), Err(SniffError::Mismatch));
        assert_eq!(sniff("a.docx", "", b"PK\x03\x04....xl/workbook.xml"), Err(SniffError::Mismatch));
        assert_eq!(sniff("noext", "", b"%PDF-"), Err(SniffError::NotAllowed));
        assert_eq!(sniff("a.pdf.exe", "application/pdf", b"%PDF-"), Err(SniffError::NotAllowed));
    }
}
