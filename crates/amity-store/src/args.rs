//! Values bound to queries assembled at run time (list filters), in placeholder order, and the
//! macro that binds them to any sqlx builder on either backend.

use chrono::{DateTime, Utc};

/// A value bound to a query assembled at run time, in placeholder order.
pub(crate) enum Arg {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
    Bool(bool),
    Time(DateTime<Utc>),
    OptTime(Option<DateTime<Utc>>),
}

/// Binds `args` in order to a `query`, `query_as` or `query_scalar` builder.
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                $crate::args::Arg::Text(s) => q.bind(s.as_str()),
                $crate::args::Arg::OptText(s) => q.bind(s.as_deref()),
                $crate::args::Arg::Int(i) => q.bind(*i),
                $crate::args::Arg::OptInt(i) => q.bind(*i),
                $crate::args::Arg::Bool(b) => q.bind(*b),
                $crate::args::Arg::Time(t) => q.bind(*t),
                $crate::args::Arg::OptTime(t) => q.bind(*t),
            };
        }
        q
    }};
}
pub(crate) use bind_args;

/// `$first, $first+1, …` for `n` values.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// The member countries of a country group, as a sub-query whose one `?` is the group's id.
pub(crate) const GROUP_COUNTRIES: &str = "SELECT gm.country FROM country_group_members gm WHERE gm.group_id = ?";

/// The partnerships whose foreign city lies in a country of a group, as a sub-query whose one `?`
/// is the group's id. Every list's group filter is built on these two (see docs/ARCHITECTURE.md).
pub(crate) const GROUP_PARTNERSHIPS: &str = "SELECT gp.id FROM partnerships gp JOIN foreign_cities gc ON gc.id = gp.city_id \
     WHERE gc.country IN (SELECT gm.country FROM country_group_members gm WHERE gm.group_id = ?)";

/// Filter terms joined with `AND`, each `?` numbered after the arguments already pushed.
#[derive(Default)]
pub(crate) struct Where {
    terms: Vec<String>,
    pub(crate) args: Vec<Arg>,
}

impl Where {
    /// Adds a term whose one `?` stands for `arg`.
    pub(crate) fn add(&mut self, term: &str, arg: Arg) {
        self.args.push(arg);
        self.terms.push(term.replace('?', &format!("${}", self.args.len())));
    }

    /// ` LIMIT $n OFFSET $m` for a page, its two values pushed after the filter's: every list pages
    /// this way.
    pub(crate) fn page(&mut self, paging: &amity_core::Paging) -> String {
        self.args.extend([Arg::Int(paging.limit()), Arg::Int(paging.offset())]);
        format!(" LIMIT ${} OFFSET ${}", self.args.len() - 1, self.args.len())
    }

    /// ` WHERE a AND b …`, or nothing without terms.
    pub(crate) fn clause(&self) -> String {
        if self.terms.is_empty() { String::new() } else { format!(" WHERE {}", self.terms.join(" AND ")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_number_their_placeholders_in_order() {
        let mut w = Where::default();
        assert_eq!(w.clause(), "");
        w.add("a = ?", Arg::Int(1));
        w.add("b >= ?", Arg::Text("x".into()));
        assert_eq!(w.clause(), " WHERE a = $1 AND b >= $2");
        assert_eq!(w.page(&amity_core::Paging::default()), " LIMIT $3 OFFSET $4");
        assert_eq!(w.args.len(), 4);
        assert_eq!(placeholders(2, 3), "$2, $3, $4");
    }
}
