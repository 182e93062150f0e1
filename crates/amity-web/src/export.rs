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

/// One CSV cell: guarded by [`safe_cell`], and quoted (inner quotes doubled) when it holds a
/// separator of either kind — a comma, or the semicolon spreadsheet programs split on in many
/// locales — a quote or a line break, so no part of it can become a cell of its own.
pub fn csv_cell(s: &str) -> String {
    let s = safe_cell(s);
    if s.contains([',', ';', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// A CSV download: a UTF-8 byte-order mark (so spreadsheet programs read Chinese correctly),
/// a header row and guarded cells.
pub fn csv_response(filename: &str, header_row: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Response {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: Vec<String>| {
        out.push_str(&cells.join(","));
        out.push('\n');
    };
    line(header_row.iter().map(|h| csv_cell(h)).collect());
    for row in rows {
        line(row.iter().map(|c| csv_cell(c)).collect());
    }
    let disposition =
        format!("attachment; filename=\"{}\"", filename.replace(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '-', "_"));
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disposition)], out).into_response()
}

/// An XLSX workbook with one sheet: a bold header row, numbers as numbers, text guarded like CSV.
pub fn xlsx(sheet: &str, header_row: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    // Sheet names are at most 31 characters and cannot hold []:*?/\.
    let name: String = sheet.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    ws.set_name(if name.is_empty() { "Amity" } else { &name })?;
    let bold = Format::new().set_bold();
    for (c, h) in header_row.iter().enumerate() {
        ws.write_string_with_format(0, u16::try_from(c).unwrap_or(u16::MAX), h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell.parse::<f64>() {
                Ok(n) if !cell.is_empty() && cell.chars().all(|ch| ch.is_ascii_digit() || ch == '-' || ch == '.') => {
                    ws.write_number(r, c, n)?
                }
                _ => ws.write_string(r, c, safe_cell(cell))?,
            };
        }
    }
    book.save_to_buffer()
}

/// An XLSX download of [`xlsx`]: the workbook with its content type and an ASCII file name.
pub fn xlsx_response(filename: &str, sheet: &str, header_row: &[String], rows: &[Vec<String>]) -> Response {
    let bytes = match xlsx(sheet, header_row, rows) {
        Ok(b) => b,
        Err(e) => return crate::error::ApiError::from(amity_core::Error::Internal(e.to_string())).into_response(),
    };
    let disposition =
        format!("attachment; filename=\"{}\"", filename.replace(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '-', "_"));
    (
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
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

    #[test]
    fn a_cell_with_a_semicolon_or_a_comma_is_quoted_and_still_defused() {
        assert_eq!(csv_cell(";=1+1"), "\";=1+1\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("=1;2"), "\"'=1;2\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("济南"), "济南");
    }
}
