//! Finding a person across every kind of record, previewing what an erasure takes, and erasing
//! it in one transaction with the audit log redacted (admins only).

use std::collections::BTreeSet;

use super::model::{ErasureInput, ErasureOutcome, PersonHeld, PersonKind, PersonRecord, PersonRef};
use super::redact::redact_entry;
use crate::Actor;
use crate::audit;
use crate::error::{Error, FieldError, Result};
use crate::store::prelude::*;

/// Most records of each kind a search lists.
const LIMIT: i64 = 50;

/// Records of every kind whose names or e-mail contain `q` (at least two characters).
pub async fn search<S: Store>(store: &S, actor: &Actor, q: &str) -> Result<Vec<PersonRecord>> {
    actor.require_admin()?;
    let q = q.trim();
    if q.chars().count() < 2 {
        return Err(Error::invalid("q", "search_too_short"));
    }
    store.read().await?.find_people(q, LIMIT).await
}

/// The selected records, checked: every bad one named as `records[i].kind` or `records[i].id`.
fn validate(input: &ErasureInput) -> Result<Vec<PersonRef>> {
    if input.records.is_empty() {
        return Err(Error::invalid("records", "required"));
    }
    let mut problems = Vec::new();
    let mut refs = BTreeSet::new();
    for (i, r) in input.records.iter().enumerate() {
        let kind = PersonKind::parse(r.kind.trim());
        if kind.is_none() {
            problems.push(FieldError::new(format!("records[{i}].kind"), "unknown_person_kind"));
        }
        let id = r.id.filter(|id| *id > 0);
        if id.is_none() {
            problems.push(FieldError::new(format!("records[{i}].id"), "required"));
        }
        if let (Some(kind), Some(id)) = (kind, id) {
            refs.insert(PersonRef { kind, id });
        }
    }
    if problems.is_empty() { Ok(refs.into_iter().collect()) } else { Err(Error::Validation(problems)) }
}

/// Reads every selected record inside `tx`; a missing one is `records[i].id` / `unknown_reference`.
async fn held<T: Tx>(tx: &mut T, input: &ErasureInput, refs: &[PersonRef]) -> Result<Vec<PersonHeld>> {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for r in refs {
        match tx.person_held(*r).await? {
            Some(h) => out.push(h),
            None => {
                let i = input.records.iter().position(|x| PersonKind::parse(x.kind.trim()) == Some(r.kind) && x.id == Some(r.id));
                missing.push(FieldError::new(format!("records[{}].id", i.unwrap_or(0)), "unknown_reference"));
            }
        }
    }
    if missing.is_empty() { Ok(out) } else { Err(Error::Validation(missing)) }
}

/// What erasing the selected records would erase (nothing is written).
pub async fn preview<S: Store>(store: &S, actor: &Actor, input: &ErasureInput) -> Result<Vec<PersonRecord>> {
    actor.require_admin()?;
    let refs = validate(input)?;
    let mut tx = store.read().await?;
    Ok(held(&mut tx, input, &refs).await?.into_iter().map(|h| h.record).collect())
}

/// Erases the selected records in one transaction: contacts are deleted, registrants and
/// delegation members keep their place (seats, party size) under the name [`super::redact::ERASED`]
/// with every other personal field emptied, travel documents go with their member; every audit
/// entry about the records or holding their values is redacted; one `erase` entry about `person`
/// records the counts, never the values.
pub async fn erase<S: Store>(store: &S, actor: &Actor, input: &ErasureInput) -> Result<ErasureOutcome> {
    actor.require_admin()?;
    let refs = validate(input)?;
    let now = store.now().instant;
    let mut tx = store.begin().await?;
    let people = held(&mut tx, input, &refs).await?;
    let subjects: Vec<(String, String)> = people.iter().flat_map(|h| h.subjects.iter().map(|s| (s.entity.clone(), s.id.clone()))).collect();
    let values: Vec<String> = people.iter().flat_map(|h| h.values.iter().cloned()).collect();
    let mut outcome = ErasureOutcome::default();
    let by = actor.label().to_string();
    for e in tx.audit_about(&subjects, &values).await? {
        if let Some(r) = redact_entry(&e, &people) {
            tx.redact_audit(&r, &by, "erasure on request", now).await?;
            outcome.redacted_entries += 1;
        }
    }
    for r in &refs {
        outcome.travel_documents += tx.erase_person(*r, now).await?;
        match r.kind {
            PersonKind::Contact => outcome.contacts += 1,
            PersonKind::Registrant => outcome.registrants += 1,
            PersonKind::DelegationMember => outcome.delegation_members += 1,
        }
    }
    audit::record(&mut tx, actor, "erase", "person", None, None::<&()>, Some(&outcome)).await?;
    tx.commit().await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::PersonRefInput;

    #[test]
    fn every_bad_record_is_named_by_its_place() {
        let input = ErasureInput {
            records: vec![PersonRefInput { kind: "contact".into(), id: Some(3) }, PersonRefInput { kind: "pen_pal".into(), id: None }],
        };
        let Err(Error::Validation(v)) = validate(&input) else { panic!("refused") };
        let fields: Vec<_> = v.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, [("records[1].kind", "unknown_person_kind"), ("records[1].id", "required")]);
        assert!(matches!(validate(&ErasureInput::default()), Err(Error::Validation(v)) if v[0].field == "records"));
    }
}
