//! The partnership list: filters, sort and paging turned into one query (plus a count), and the
//! focus fields of a page loaded in one more query rather than one per row.

use amity_core::partnership::{PartnershipFilter, PartnershipSort};
use amity_core::validate::sort_key as fold;

use crate::dialect::contains_pattern;

use crate::args::{Arg, Where};

/// The filter's terms and arguments, numbered from `$1`.
pub(crate) fn where_clause(filter: &PartnershipFilter) -> Where {
    let mut w = Where::default();
    let mut add = |term: &str, arg: Arg| w.add(term, arg);
    if let Some(country) = filter.country.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        add("c.country = ?", Arg::Text(country.to_ascii_uppercase()));
    }
    if let Some(kind) = filter.kind {
        add("p.kind = ?", Arg::Text(kind.as_str().into()));
    }
    if let Some(status) = filter.status {
        add("p.status = ?", Arg::Text(status.as_str().into()));
    }
    if let Some(unit) = filter.unit {
        add("p.home_unit_id = ?", Arg::Int(unit));
    }
    if let Some(group) = filter.group {
        add("c.country IN (SELECT country FROM country_group_members WHERE group_id = ?)", Arg::Int(group));
    }
    if let Some(q) = filter.q.as_deref().map(fold).filter(|q| !q.is_empty()) {
        add("c.search_key LIKE ? ESCAPE '\\'", Arg::Text(contains_pattern(&q)));
    }
    w
}

/// The `ORDER BY` for a sort (by name when none is asked for); ties always break by id so
/// pages never overlap. `(x IS NULL)` puts rows without a date last on both databases.
pub(crate) fn order_by(sort: Option<PartnershipSort>) -> &'static str {
    match sort.unwrap_or(PartnershipSort::Name) {
        PartnershipSort::Name => " ORDER BY c.sort_key, p.id",
        PartnershipSort::NameZh => " ORDER BY c.sort_key_zh, c.sort_key, p.id",
        PartnershipSort::Country => " ORDER BY c.country, c.sort_key, p.id",
        PartnershipSort::Established => " ORDER BY (p.established IS NULL), p.established, p.id",
        PartnershipSort::EstablishedDesc => " ORDER BY (p.established IS NULL), p.established DESC, p.id",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amity_core::partnership::PartnershipKind;

    #[test]
    fn filters_number_their_placeholders_in_order() {
        let filter = PartnershipFilter { country: Some("jp".into()), unit: Some(3), q: Some(" Sacra ".into()), ..Default::default() };
        let w = where_clause(&filter);
        let args = &w.args;
        assert_eq!(w.clause(), " WHERE c.country = $1 AND p.home_unit_id = $2 AND c.search_key LIKE $3 ESCAPE '\\'");
        assert!(matches!(&args[0], Arg::Text(c) if c == "JP"));
        assert!(matches!(&args[2], Arg::Text(p) if p == "%sacra%"));
    }

    #[test]
    fn the_group_filter_matches_the_countries_of_the_group() {
        let w = where_clause(&PartnershipFilter { kind: Some(PartnershipKind::SisterCity), group: Some(7), ..Default::default() });
        let args = &w.args;
        assert_eq!(w.clause(), " WHERE p.kind = $1 AND c.country IN (SELECT country FROM country_group_members WHERE group_id = $2)");
        assert!(matches!(&args[1], Arg::Int(7)));
    }

    #[test]
    fn no_filter_means_no_where_clause() {
        assert_eq!(where_clause(&PartnershipFilter::default()).clause(), "");
    }
}
