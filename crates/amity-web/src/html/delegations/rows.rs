//! The delegation form's repeated rows (`members[0].name`, `itinerary[2].starts_at` …): parsed
//! from the posted pairs, blank rows dropped, and turned into the service's input.

use std::collections::BTreeMap;

use crate::form_fields::number;
use amity_core::delegation::{Delegation, InterpreterInput, ItineraryInput, MemberInput, StayInput, TransportInput};
use amity_core::error::Problems;

/// One row of any list, as posted: field name → text.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub values: BTreeMap<String, String>,
    /// Messages of this row's errors, for display beside it.
    pub errors: Vec<String>,
}

impl Row {
    /// The value of a field, or empty.
    pub fn v(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    /// Whether `option` is the row's value of `field` (for selects).
    pub fn is(&self, field: &str, option: &str) -> bool {
        self.v(field) == option
    }

    fn of(pairs: &[(&str, String)]) -> Self {
        Self { values: pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(), errors: Vec::new() }
    }

    fn blank(&self, texts: &[&str]) -> bool {
        texts.iter().all(|f| self.v(f).trim().is_empty())
    }
}

/// The text fields that make a row of each list non-blank (choices with defaults do not count).
pub const MEMBER_TEXTS: &[&str] = &["name", "name_native", "title", "rank", "equivalent_post", "organisation"];
pub const TRANSPORT_TEXTS: &[&str] = &["number", "from_place", "to_place", "departs_at", "arrives_at", "notes"];
pub const STAY_TEXTS: &[&str] = &["name", "address", "check_in", "check_out", "notes"];
pub const INTERPRETER_TEXTS: &[&str] = &["name", "languages", "organisation", "phone"];
pub const ITINERARY_TEXTS: &[&str] = &["starts_at", "ends_at", "place", "activity", "host"];

/// Rows named `list[i].field` among the pairs, in index order, blank ones dropped.
pub fn rows(pairs: &[(String, String)], list: &str, texts: &[&str]) -> Vec<Row> {
    let prefix = format!("{list}[");
    let mut by_index: BTreeMap<usize, Row> = BTreeMap::new();
    for (k, v) in pairs {
        let Some(rest) = k.strip_prefix(&prefix) else { continue };
        let Some((i, field)) = rest.split_once("].") else { continue };
        let Ok(i) = i.parse::<usize>() else { continue };
        if i < 1_000 {
            by_index.entry(i).or_default().values.insert(field.to_string(), v.clone());
        }
    }
    by_index.into_values().filter(|r| !r.blank(texts)).collect()
}

/// Adds `n` blank rows (with the given defaults) for the reader to fill in.
pub fn with_blanks(mut rows: Vec<Row>, n: usize, defaults: &[(&str, &str)]) -> Vec<Row> {
    for _ in 0..n {
        rows.push(Row::of(&defaults.iter().map(|(k, v)| (*k, v.to_string())).collect::<Vec<_>>()));
    }
    rows
}

fn s(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn t(v: Option<chrono::NaiveDateTime>) -> String {
    v.map(|t| t.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default()
}

/// The stored lists as form rows.
pub fn from_delegation(d: &Delegation) -> [Vec<Row>; 5] {
    let members = d
        .members
        .iter()
        .map(|m| {
            Row::of(&[
                ("id", m.id.to_string()),
                ("name", m.name.clone()),
                ("name_native", s(&m.name_native)),
                ("title", s(&m.title)),
                ("rank", s(&m.rank)),
                ("equivalent_post", s(&m.equivalent_post)),
                ("organisation", s(&m.organisation)),
                ("role", m.role.as_str().into()),
            ])
        })
        .collect();
    let transport = d
        .transport
        .iter()
        .map(|x| {
            Row::of(&[
                ("leg", x.leg.as_str().into()),
                ("mode", x.mode.as_str().into()),
                ("number", s(&x.number)),
                ("from_place", s(&x.from_place)),
                ("to_place", s(&x.to_place)),
                ("departs_at", t(x.departs_at)),
                ("arrives_at", t(x.arrives_at)),
                ("notes", s(&x.notes)),
            ])
        })
        .collect();
    let stays = d
        .accommodation
        .iter()
        .map(|x| {
            Row::of(&[
                ("name", x.name.clone()),
                ("address", s(&x.address)),
                ("check_in", x.check_in.to_string()),
                ("check_out", x.check_out.to_string()),
                ("notes", s(&x.notes)),
            ])
        })
        .collect();
    let interpreters = d
        .interpreters
        .iter()
        .map(|x| {
            Row::of(&[
                ("name", x.name.clone()),
                ("languages", s(&x.languages)),
                ("organisation", s(&x.organisation)),
                ("phone", s(&x.phone)),
            ])
        })
        .collect();
    let itinerary = d
        .itinerary
        .iter()
        .map(|x| {
            Row::of(&[
                ("starts_at", t(Some(x.starts_at))),
                ("ends_at", t(x.ends_at)),
                ("place", s(&x.place)),
                ("activity", x.activity.clone()),
                ("host", s(&x.host)),
                ("responsible_unit_id", x.responsible_unit_id.map(|u| u.to_string()).unwrap_or_default()),
            ])
        })
        .collect();
    [members, transport, stays, interpreters, itinerary]
}

fn num(p: &mut Problems, r: &Row, field: &str, path: &str) -> Option<i64> {
    p.take(number(&format!("{path}.{field}"), r.v(field))).flatten()
}

/// The members as the service takes them.
pub fn members(rows: &[Row], p: &mut Problems) -> Vec<MemberInput> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| MemberInput {
            id: num(p, r, "id", &format!("members[{i}]")),
            name: r.v("name").into(),
            name_native: r.v("name_native").into(),
            title: r.v("title").into(),
            rank: r.v("rank").into(),
            equivalent_post: r.v("equivalent_post").into(),
            organisation: r.v("organisation").into(),
            role: r.v("role").into(),
        })
        .collect()
}

/// The journeys as the service takes them.
pub fn transport(rows: &[Row]) -> Vec<TransportInput> {
    rows.iter()
        .map(|r| TransportInput {
            leg: r.v("leg").into(),
            mode: r.v("mode").into(),
            number: r.v("number").into(),
            from_place: r.v("from_place").into(),
            to_place: r.v("to_place").into(),
            departs_at: r.v("departs_at").into(),
            arrives_at: r.v("arrives_at").into(),
            notes: r.v("notes").into(),
        })
        .collect()
}

/// The stays as the service takes them.
pub fn stays(rows: &[Row]) -> Vec<StayInput> {
    rows.iter()
        .map(|r| StayInput {
            name: r.v("name").into(),
            address: r.v("address").into(),
            check_in: r.v("check_in").into(),
            check_out: r.v("check_out").into(),
            notes: r.v("notes").into(),
        })
        .collect()
}

/// The interpreters as the service takes them.
pub fn interpreters(rows: &[Row]) -> Vec<InterpreterInput> {
    rows.iter()
        .map(|r| InterpreterInput {
            name: r.v("name").into(),
            languages: r.v("languages").into(),
            organisation: r.v("organisation").into(),
            phone: r.v("phone").into(),
        })
        .collect()
}

/// The itinerary as the service takes it.
pub fn itinerary(rows: &[Row], p: &mut Problems) -> Vec<ItineraryInput> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| ItineraryInput {
            starts_at: r.v("starts_at").into(),
            ends_at: r.v("ends_at").into(),
            place: r.v("place").into(),
            activity: r.v("activity").into(),
            host: r.v("host").into(),
            responsible_unit_id: num(p, r, "responsible_unit_id", &format!("itinerary[{i}]")),
        })
        .collect()
}

/// Hangs each error message on the row it names (`list[i].…`).
pub fn attach_errors(rows: &mut [Row], list: &str, errors: &crate::html::FormErrors) {
    for (i, r) in rows.iter_mut().enumerate() {
        let prefix = format!("{list}[{i}].");
        r.errors = errors.items.iter().filter(|(f, _)| f.starts_with(&prefix)).map(|(_, m)| m.clone()).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_pairs_become_rows_in_order_and_blank_rows_are_dropped() {
        let pairs: Vec<(String, String)> = [
            ("members[1].name", "B"),
            ("members[0].name", "A"),
            ("members[0].role", "head"),
            ("members[2].name", ""),
            ("members[2].role", "member"),
            ("title", "x"),
            ("members[x].name", "bad index"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let r = rows(&pairs, "members", MEMBER_TEXTS);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].v("name"), r[0].v("role"), r[1].v("name")), ("A", "head", "B"));
    }
}
