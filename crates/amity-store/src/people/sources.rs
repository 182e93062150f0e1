//! The kinds of record that hold a person, as data: how each is found, which of its values are
//! personal, which audit entries are about it, and how it is erased. A new kind (a service
//! requester) is one more [`Source`] in [`SOURCES`] and one more `PersonKind`.

use amity_core::person::PersonKind;

/// What a statement of an erasure binds, in order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Bind {
    /// The record's id.
    Id,
    /// The placeholder text (`[erased]`).
    Erased,
    /// The moment of the erasure.
    Now,
}

/// One statement of an erasure; `counts` marks the one whose affected rows are travel documents.
pub(crate) struct Step {
    pub sql: &'static str,
    pub binds: &'static [Bind],
    pub counts_documents: bool,
}

/// One kind of record holding a person. Every query selects the same shapes:
/// `find`/`one`: `(id, name, other name, email, context, travel documents)`; `values`: one text
/// column; `subjects`: `(entity, id)` of the audit entries about the record.
pub(crate) struct Source {
    pub kind: PersonKind,
    /// Records whose names or e-mail match: `$1` the folded pattern, `$2` the lower-case pattern, `$3` the limit.
    pub find: &'static str,
    /// The record with id `$1`.
    pub one: &'static str,
    /// Every personal value of record `$1` (NULLs are skipped).
    pub values: &'static str,
    /// The audit subjects of record `$1`.
    pub subjects: &'static str,
    /// The entity under which the record itself is audited (`contact`, or `delegation` for a member).
    pub entity: &'static str,
    /// For a record audited inside its parent: the array key of its parent's JSON.
    pub within: Option<&'static str>,
    /// The personal keys of the record's audited JSON.
    pub fields: &'static [&'static str],
    /// The erasure, in order.
    pub erase: &'static [Step],
}

macro_rules! contact_select {
    () => {
        "SELECT c.id, c.name_native, c.name_romanised, c.email, COALESCE(fc.name_en, ''), CAST(0 AS BIGINT) \
     FROM contacts c JOIN partnerships p ON p.id = c.partnership_id JOIN foreign_cities fc ON fc.id = p.city_id"
    };
}
macro_rules! registrant_select {
    () => {
        "SELECT r.id, NULLIF(r.name, ''), NULLIF(r.name_zh, ''), r.email, \
     CASE WHEN e.title_en <> '' THEN e.title_en ELSE e.title_zh END, CAST(0 AS BIGINT) \
     FROM event_registrations r JOIN events e ON e.id = r.event_id"
    };
}
macro_rules! member_select {
    () => {
        "SELECT m.id, m.name, m.name_native, CAST(NULL AS TEXT), CASE WHEN d.title <> '' THEN d.title ELSE d.title_zh END, \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM travel_documents t WHERE t.member_id = m.id) \
     FROM delegation_members m JOIN delegations d ON d.id = m.delegation_id"
    };
}

/// Every source, in the order search lists them.
pub(crate) static SOURCES: [Source; 3] = [
    Source {
        kind: PersonKind::Contact,
        find: concat!(
            contact_select!(),
            " WHERE c.search_key LIKE $1 ESCAPE '\\' OR LOWER(COALESCE(c.email, '')) LIKE $2 ESCAPE '\\' ORDER BY c.id LIMIT $3"
        ),
        one: concat!(contact_select!(), " WHERE c.id = $1"),
        values: "SELECT name_native FROM contacts WHERE id = $1 UNION ALL SELECT name_romanised FROM contacts WHERE id = $1 \
                 UNION ALL SELECT email FROM contacts WHERE id = $1 UNION ALL SELECT phone FROM contacts WHERE id = $1",
        subjects: "SELECT CAST('contact' AS TEXT), CAST(id AS TEXT) FROM contacts WHERE id = $1",
        entity: "contact",
        within: None,
        fields: &["name_native", "name_romanised", "title", "organisation", "email", "phone", "languages", "notes"],
        erase: &[Step { sql: "DELETE FROM contacts WHERE id = $1", binds: &[Bind::Id], counts_documents: false }],
    },
    Source {
        kind: PersonKind::Registrant,
        find: concat!(
            registrant_select!(),
            " WHERE LOWER(r.name) LIKE $1 ESCAPE '\\' OR LOWER(r.name) LIKE $2 ESCAPE '\\' OR r.name_zh LIKE $2 ESCAPE '\\' \
              OR LOWER(COALESCE(r.email, '')) LIKE $2 ESCAPE '\\' ORDER BY r.id LIMIT $3"
        ),
        one: concat!(registrant_select!(), " WHERE r.id = $1"),
        values: "SELECT name FROM event_registrations WHERE id = $1 UNION ALL SELECT name_zh FROM event_registrations WHERE id = $1 \
                 UNION ALL SELECT email FROM event_registrations WHERE id = $1 UNION ALL SELECT phone FROM event_registrations WHERE id = $1",
        subjects: "SELECT CAST('registration' AS TEXT), CAST(id AS TEXT) FROM event_registrations WHERE id = $1",
        entity: "registration",
        within: None,
        fields: &["name", "name_zh", "organisation", "role", "arrival", "departure", "accommodation", "dietary", "email", "phone", "notes"],
        erase: &[Step {
            sql: "UPDATE event_registrations SET name = $2, name_zh = '', organisation = NULL, role = NULL, arrival = NULL, \
                  departure = NULL, accommodation = NULL, dietary = NULL, email = NULL, phone = NULL, notes = NULL, sort_key = $2, \
                  version = version + 1, updated_at = $3 WHERE id = $1",
            binds: &[Bind::Id, Bind::Erased, Bind::Now],
            counts_documents: false,
        }],
    },
    Source {
        kind: PersonKind::DelegationMember,
        find: concat!(
            member_select!(),
            " WHERE LOWER(m.name) LIKE $1 ESCAPE '\\' OR LOWER(m.name) LIKE $2 ESCAPE '\\' OR LOWER(COALESCE(m.name_native, '')) LIKE $2 ESCAPE '\\' \
              ORDER BY m.id LIMIT $3"
        ),
        one: concat!(member_select!(), " WHERE m.id = $1"),
        values: "SELECT name FROM delegation_members WHERE id = $1 UNION ALL SELECT name_native FROM delegation_members WHERE id = $1 \
                 UNION ALL SELECT number FROM travel_documents WHERE member_id = $1",
        subjects: "SELECT CAST('delegation' AS TEXT), CAST(delegation_id AS TEXT) FROM delegation_members WHERE id = $1 \
                   UNION ALL SELECT CAST('travel_document' AS TEXT), CAST(id AS TEXT) FROM travel_documents WHERE member_id = $1",
        entity: "delegation",
        within: Some("members"),
        fields: &["name", "name_native", "title", "rank", "equivalent_post", "organisation"],
        erase: &[
            Step { sql: "DELETE FROM travel_documents WHERE member_id = $1", binds: &[Bind::Id], counts_documents: true },
            Step {
                sql: "UPDATE delegations SET version = version + 1, updated_at = $2 \
                      WHERE id = (SELECT delegation_id FROM delegation_members WHERE id = $1)",
                binds: &[Bind::Id, Bind::Now],
                counts_documents: false,
            },
            Step {
                sql: "UPDATE delegation_members SET name = $2, name_native = NULL, title = NULL, rank = NULL, equivalent_post = NULL, \
                      organisation = NULL WHERE id = $1",
                binds: &[Bind::Id, Bind::Erased],
                counts_documents: false,
            },
        ],
    },
];

/// The source of `kind` (every kind has one; a test checks it).
pub(crate) fn source(kind: PersonKind) -> amity_core::Result<&'static Source> {
    SOURCES.iter().find(|s| s.kind == kind).ok_or_else(|| amity_core::Error::Internal(format!("no source for {kind:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_person_has_exactly_one_source() {
        for kind in PersonKind::ALL {
            assert_eq!(SOURCES.iter().filter(|s| s.kind == kind).count(), 1, "{kind:?}");
        }
    }
}
