//! The delegation list's filter as `WHERE` terms: direction, status, year, unit, country, partnership,
//! free text and country group.

use amity_core::delegation::DelegationFilter;

use crate::args::{Arg, Where};

/// The filter as `WHERE` terms on `delegations d`.
pub(super) fn where_clause(f: &DelegationFilter) -> Where {
    let mut w = Where::default();
    if let Some(d) = f.direction {
        w.add("d.direction = ?", Arg::Text(d.as_str().into()));
    }
    if let Some(s) = f.status {
        w.add("d.status = ?", Arg::Text(s.as_str().into()));
    }
    if let Some(y) = f.year {
        w.add("d.starts_on <= ?", Arg::Text(format!("{y:04}-12-31")));
        w.add("d.ends_on >= ?", Arg::Text(format!("{y:04}-01-01")));
    }
    if let Some(u) = f.unit {
        w.add("d.owner_unit_id = ?", Arg::Int(u));
    }
    if let Some(c) = &f.country {
        w.add(
            "(d.id IN (SELECT delegation_id FROM delegation_countries WHERE country = ?) OR d.id IN (SELECT dp.delegation_id \
             FROM delegation_partnerships dp JOIN partnerships p ON p.id = dp.partnership_id JOIN foreign_cities fc ON fc.id = p.city_id \
             WHERE fc.country = ?))",
            Arg::Text(c.to_ascii_uppercase()),
        );
        // The term has two placeholders: both stand for the same code.
        w.args.push(Arg::Text(c.to_ascii_uppercase()));
    }
    if let Some(p) = f.partnership {
        w.add("d.id IN (SELECT delegation_id FROM delegation_partnerships WHERE partnership_id = ?)", Arg::Int(p));
    }
    if let Some(q) = &f.q {
        w.add("d.search_key LIKE ? ESCAPE '\\'", Arg::Text(crate::dialect::contains_pattern(&amity_refdata::fold(q))));
    }
    if let Some(g) = f.group {
        // A country visited or sending, or a partnership named (the one `?` stands in both).
        let (countries, partnerships) = (crate::args::GROUP_COUNTRIES, crate::args::GROUP_PARTNERSHIPS);
        w.add(
            &format!(
                "(d.id IN (SELECT delegation_id FROM delegation_countries WHERE country IN ({countries})) \
                 OR d.id IN (SELECT delegation_id FROM delegation_partnerships WHERE partnership_id IN ({partnerships})))"
            ),
            Arg::Int(g),
        );
    }
    w
}
