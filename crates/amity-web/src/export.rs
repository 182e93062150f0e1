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
}
