//! One column list per entity: the statements that insert and update its row are generated from
//! it, and its values come from one function in the entity's module (`…_values`), so an insert, an
//! update and a bulk load write the same columns in the same order — never a hand-numbered `$14`.

use crate::args::Arg;

/// The columns a record's input sets, in the order its `…_values` function gives them.
pub(crate) struct Columns {
    pub(crate) table: &'static str,
    pub(crate) names: &'static [&'static str],
}

impl Columns {
    /// `INSERT INTO table (names…, extra…, version, created_at, updated_at) VALUES ($1 … $n, 1,
    /// $n+1, $n+1) RETURNING id`: bind the values, then the `extra` columns' values, then the time.
    pub(crate) fn insert(&self, extra: &[&str]) -> String {
        let n = self.names.len() + extra.len();
        let cols: Vec<&str> = self.names.iter().chain(extra).copied().collect();
        format!(
            "INSERT INTO {} ({}, version, created_at, updated_at) VALUES ({}, 1, ${t}, ${t}) RETURNING id",
            self.table,
            cols.join(", "),
            crate::args::placeholders(1, n),
            t = n + 1
        )
    }

    /// `UPDATE table SET name = $1 …, updated_at = $n+1, version = version + 1 WHERE id = $n+2 AND
    /// version = $n+3`: bind the values, then the time, the id and the version read.
    pub(crate) fn update(&self) -> String {
        let n = self.names.len();
        let set: Vec<String> = self.names.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
        format!(
            "UPDATE {} SET {}, updated_at = ${}, version = version + 1 WHERE id = ${} AND version = ${}",
            self.table,
            set.join(", "),
            n + 1,
            n + 2,
            n + 3
        )
    }

    /// Checks, in debug builds, that a values function gave one value per column.
    pub(crate) fn check(&self, values: &[Arg]) {
        debug_assert_eq!(values.len(), self.names.len(), "{}: one value per column", self.table);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Columns = Columns { table: "things", names: &["a", "b"] };

    #[test]
    fn inserts_and_updates_number_their_values_after_the_columns() {
        assert_eq!(
            T.insert(&["status"]),
            "INSERT INTO things (a, b, status, version, created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $4) RETURNING id"
        );
        assert_eq!(T.update(), "UPDATE things SET a = $1, b = $2, updated_at = $3, version = version + 1 WHERE id = $4 AND version = $5");
    }
}
