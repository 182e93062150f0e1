//! The order rows go in: every table after the tables its foreign keys reference, so each row's
//! references exist when it is inserted. References that cannot be ordered that way (a table
//! referencing itself, such as `units.parent_id`, or tables referencing each other in a cycle)
//! are "late": the row goes in with NULL there and the value is set once all rows are in.

use std::collections::{HashMap, HashSet};

use super::catalog::{ForeignKey, Table};

/// Indexes of `tables` (sorted by name) in insertion order: each table after every table it
/// references; ties go by name, and a cycle is broken at its first table by name.
pub(crate) fn insertion_order(tables: &[Table]) -> Vec<usize> {
    let index: HashMap<&str, usize> = tables.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let needs: Vec<Vec<usize>> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| t.foreign_keys.iter().filter_map(|fk| index.get(fk.table.as_str()).copied()).filter(|&d| d != i).collect())
        .collect();
    let mut placed = vec![false; tables.len()];
    let mut order = Vec::with_capacity(tables.len());
    while order.len() < tables.len() {
        let ready = (0..tables.len()).find(|&i| !placed[i] && needs[i].iter().all(|&d| placed[d]));
        let Some(next) = ready.or_else(|| (0..tables.len()).find(|&i| !placed[i])) else { break };
        placed[next] = true;
        order.push(next);
    }
    order
}

/// The single-column foreign keys of `table` whose referenced row may not be in yet when a row
/// of `table` is inserted: references to `table` itself and to tables not yet `done`.
pub(crate) fn late_references<'a>(table: &'a Table, done: &HashSet<&str>) -> Vec<&'a ForeignKey> {
    table.foreign_keys.iter().filter(|fk| fk.columns.len() == 1 && (fk.table == table.name || !done.contains(fk.table.as_str()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, references: &[&str]) -> Table {
        let foreign_keys = references
            .iter()
            .map(|r| ForeignKey { columns: vec![format!("{r}_id")], table: r.to_string(), references: vec!["id".into()] })
            .collect();
        Table {
            name: name.into(),
            columns: Vec::new(),
            primary_key: vec!["id".into()],
            foreign_keys,
            sequence: None,
            identity_always: false,
        }
    }

    fn names(tables: &[Table]) -> Vec<&str> {
        insertion_order(tables).into_iter().map(|i| tables[i].name.as_str()).collect()
    }

    #[test]
    fn parents_go_before_children_and_ties_by_name() {
        let tables = [
            table("fields", &[]),
            table("foreign_cities", &[]),
            table("partnership_fields", &["partnerships", "fields"]),
            table("partnerships", &["units", "foreign_cities"]),
            table("settings", &[]),
            table("units", &["units"]),
        ];
        assert_eq!(names(&tables), ["fields", "foreign_cities", "settings", "units", "partnerships", "partnership_fields"]);
    }

    #[test]
    fn a_cycle_is_broken_and_its_forward_reference_is_late() {
        let tables = [table("a", &["b"]), table("b", &["a"]), table("c", &["b"])];
        assert_eq!(names(&tables), ["a", "b", "c"]);
        let done = HashSet::new();
        assert_eq!(late_references(&tables[0], &done).len(), 1);
        let done: HashSet<&str> = ["a"].into();
        assert!(late_references(&tables[1], &done).is_empty());
    }

    #[test]
    fn a_self_reference_is_always_late() {
        let units = table("units", &["units"]);
        let done: HashSet<&str> = ["units"].into();
        assert_eq!(late_references(&units, &done).len(), 1);
    }
}
