//! Agreements ready to print: on their own pages and in the partner page's section.

use chrono::NaiveDate;

use crate::i18n::{Locale, date_long, partial_date};
use amity_core::agreement::{Agreement, EXPIRY_WARNING_DAYS};
use amity_core::file::FileInfo;

/// One file of an agreement.
pub struct FileRow {
    pub id: i64,
    pub name: String,
    pub size: String,
    pub kind: String,
}

impl FileRow {
    pub fn new(f: &FileInfo) -> Self {
        let kind = f.content_type.rsplit(['/', '.']).next().unwrap_or_default().to_uppercase();
        let kind = match kind.as_str() {
            "DOCUMENT" => "DOCX".to_string(),
            "SHEET" => "XLSX".to_string(),
            "PRESENTATION" => "PPTX".to_string(),
            "MSWORD" => "DOC".to_string(),
            "MS-EXCEL" => "XLS".to_string(),
            _ => kind,
        };
        Self { id: f.id, name: f.file_name.clone(), size: human_size(f.size), kind }
    }
}

/// A size as people read it: `812 B`, `45 KB`, `3.2 MB`.
pub fn human_size(bytes: i64) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < MB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        format!("{}.{} MB", bytes / MB, (bytes % MB) * 10 / MB)
    }
}

/// One agreement, ready to print.
pub struct AgreementRow {
    pub id: i64,
    pub partnership_id: i64,
    pub title: String,
    pub kind: String,
    pub signed: String,
    pub place: String,
    pub valid_until: String,
    /// Valid until a day within the warning period (and still current).
    pub expiring: bool,
    /// Its validity has ended.
    pub expired: bool,
    pub current: bool,
    pub languages: String,
    /// "Name (office)" per signatory, by side.
    pub signatories: Vec<(String, String)>,
    pub notes: String,
    /// (id, title) of the version it supersedes and of the one superseding it.
    pub supersedes: Option<(i64, String)>,
    pub superseded_by: Option<(i64, String)>,
    pub files: Vec<FileRow>,
}

impl AgreementRow {
    /// `all` are the partnership's agreements (to name the linked versions).
    pub fn new(l: Locale, a: &Agreement, all: &[Agreement], today: NaiveDate) -> Self {
        let title_of = |id: i64| (id, all.iter().find(|o| o.id == id).map(|o| o.title.clone()).unwrap_or_else(|| format!("#{id}")));
        let days_left = a.valid_until.map(|d| (d - today).num_days());
        Self {
            id: a.id,
            partnership_id: a.partnership_id,
            title: a.title.clone(),
            kind: l.t(&format!("agreement_kind.{}", a.kind)),
            signed: a.signed_on.map(|d| partial_date(l, &d)).unwrap_or_default(),
            place: a.signed_place.clone().unwrap_or_default(),
            valid_until: a.valid_until.map(|d| date_long(l, d)).unwrap_or_default(),
            expiring: a.is_current() && days_left.is_some_and(|n| (0..=EXPIRY_WARNING_DAYS).contains(&n)),
            expired: days_left.is_some_and(|n| n < 0),
            current: a.is_current(),
            languages: a.languages.join(&l.t("list.sep")),
            signatories: a
                .signatories
                .iter()
                .map(|s| {
                    let who = match &s.office {
                        Some(o) => format!("{} ({o})", s.name),
                        None => s.name.clone(),
                    };
                    (l.t(&format!("contact_side.{}", s.side)), who)
                })
                .collect(),
            notes: a.notes.clone().unwrap_or_default(),
            supersedes: a.supersedes_id.map(title_of),
            superseded_by: a.superseded_by_id.map(title_of),
            files: a.files.iter().map(FileRow::new).collect(),
        }
    }
}

/// The current versions of a partnership's agreements, for the partner page.
pub fn current_rows(l: Locale, all: &[Agreement], today: NaiveDate) -> Vec<AgreementRow> {
    all.iter().filter(|a| a.is_current()).map(|a| AgreementRow::new(l, a, all, today)).collect()
}
