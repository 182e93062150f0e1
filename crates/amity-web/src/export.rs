//! Spreadsheet-safe exports: CSV with every cell guarded against formula injection.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A cell as a spreadsheet will not run it: text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe (OWASP's advice for CSV injection).
pub fn safe_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// A CSV download: a UTF-8 byte-order mark (so spreadsheet programs read Chinese correctly),
/// a header row and guarded cells.
pub fn csv_response(filename: &str, header_row: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Response {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut result = w.write_record(header_row);
    for row in rows {
        if result.is_err() {
            break;
        }
        result = w.write_record(row.iter().map(|c| safe_cell(c)));
    }
    let bytes = match (result, w.into_inner()) {
        (Ok(()), Ok(b)) => b,
        _ => return crate::error::ApiError::from(amity_core::Error::Internal("CSV writing failed".into())).into_response(),
    };
    let disposition =
        format!("attachment; filename=\"{}\"", filename.replace(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '-', "_"));
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_plain_text_is_kept() {
        assert_eq!(safe_cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("济南"), "济南");
        assert_eq!(safe_cell(""), "");
    }
}
