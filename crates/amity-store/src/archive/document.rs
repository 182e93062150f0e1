//! Reading an export back: the document is parsed completely before anything is written (so a
//! truncated or malformed one writes nothing), and a parse error names the table and row where
//! it broke.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::error::{ArchiveError, Result};
use super::{FORMAT, VERSION};

/// A parsed export.
#[derive(Debug, Deserialize)]
pub(crate) struct Document {
    format: String,
    version: u32,
    pub schema: String,
    /// The highest id each table's sequence had handed out; absent in hand-made documents.
    #[serde(default)]
    pub sequences: BTreeMap<String, i64>,
    pub tables: Tables,
}

/// The tables of a document by name.
#[derive(Debug)]
pub(crate) struct Tables(pub BTreeMap<String, TableData>);

/// One table of a document.
#[derive(Debug, Deserialize)]
pub(crate) struct TableData {
    pub columns: Vec<String>,
    pub rows: Rows,
}

/// The rows of one table, each a list of values in the order of `columns`.
#[derive(Debug)]
pub(crate) struct Rows(pub Vec<Vec<Value>>);

thread_local! {
    /// Where the parser is (table, row index): serde's own errors only know line and column.
    static AT: RefCell<(Option<String>, Option<usize>)> = const { RefCell::new((None, None)) };
}

impl Document {
    /// Parses a whole document from `input` and checks its format and version.
    pub fn read(input: impl Read) -> Result<Document> {
        AT.with(|at| *at.borrow_mut() = (None, None));
        let parsed: Result<Document, serde_json::Error> = serde_json::from_reader(std::io::BufReader::new(input));
        let doc = parsed.map_err(|e| {
            if e.is_io() {
                return ArchiveError::Io { context: "cannot read the document".into(), source: e.into() };
            }
            let at = AT.with(|at| match &*at.borrow() {
                (Some(table), Some(row)) => format!("table {table}, row {row} (line {}, column {})", e.line(), e.column()),
                (Some(table), None) => format!("table {table} (line {}, column {})", e.line(), e.column()),
                _ => format!("line {}, column {}", e.line(), e.column()),
            });
            ArchiveError::Malformed { at, reason: reason(&e) }
        })?;
        if doc.format != FORMAT {
            return Err(malformed("the start", format!("format is {:?}, not {FORMAT:?}", doc.format)));
        }
        if doc.version != VERSION {
            return Err(malformed("the start", format!("version {} is not {VERSION}, the version this Amity reads", doc.version)));
        }
        Ok(doc)
    }
}

/// serde's message without its trailing " at line L column C" (the location is given separately).
fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// A [`ArchiveError::Malformed`] at `at`.
pub(crate) fn malformed(at: impl Into<String>, reason: impl Into<String>) -> ArchiveError {
    ArchiveError::Malformed { at: at.into(), reason: reason.into() }
}

impl<'de> Deserialize<'de> for Tables {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TablesVisitor;
        impl<'de> Visitor<'de> for TablesVisitor {
            type Value = Tables;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of tables")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tables, A::Error> {
                let mut tables = BTreeMap::new();
                while let Some(name) = map.next_key::<String>()? {
                    AT.with(|at| *at.borrow_mut() = (Some(name.clone()), None));
                    let data: TableData = map.next_value()?;
                    if let Some(row) = data.rows.0.iter().position(|r| r.len() != data.columns.len()) {
                        AT.with(|at| at.borrow_mut().1 = Some(row));
                        return Err(de::Error::custom(format!(
                            "a row has a different number of values than the {} columns",
                            data.columns.len()
                        )));
                    }
                    if tables.insert(name.clone(), data).is_some() {
                        return Err(de::Error::custom(format!("table {name} appears twice")));
                    }
                }
                AT.with(|at| *at.borrow_mut() = (None, None));
                Ok(Tables(tables))
            }
        }
        d.deserialize_map(TablesVisitor)
    }
}

impl<'de> Deserialize<'de> for Rows {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RowsVisitor;
        impl<'de> Visitor<'de> for RowsVisitor {
            type Value = Rows;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of rows")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rows, A::Error> {
                let mut rows = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                loop {
                    AT.with(|at| at.borrow_mut().1 = Some(rows.len()));
                    match seq.next_element::<Vec<Value>>()? {
                        Some(row) => rows.push(row),
                        None => break,
                    }
                }
                AT.with(|at| at.borrow_mut().1 = None);
                Ok(Rows(rows))
            }
        }
        d.deserialize_seq(RowsVisitor)
    }
}
