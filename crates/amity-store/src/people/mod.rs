//! `PersonStore`: finding, reading and erasing the records that hold a person, driven by the
//! sources in `sources.rs` (one per kind of record).

mod sources;

use amity_core::Result;
use amity_core::audit::AuditEntry;
use amity_core::person::redact::ERASED;
use amity_core::person::{AuditSubject, PersonHeld, PersonKind, PersonRecord, PersonRef, PersonStore};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::args::{Arg, bind_args};
use crate::dialect::contains_pattern;
use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;
use sources::{Bind, SOURCES, Source, source};

/// `(id, name, other name, email, context, travel documents)` as every source selects it.
type Row = (i64, Option<String>, Option<String>, Option<String>, String, i64);

fn record(kind: PersonKind, (id, a, b, email, context, docs): Row) -> PersonRecord {
    let names: Vec<String> = [a, b].into_iter().flatten().filter(|n| !n.trim().is_empty()).collect();
    PersonRecord { kind, id, name: names.join(" / "), email, context, travel_documents: docs }
}

impl Tx {
    async fn rows_of(&mut self, sql: &str, args: &[Arg]) -> Result<Vec<Row>> {
        on_conn!(self, c => bind_args!(sqlx::query_as::<_, Row>(sql), args).fetch_all(&mut *c).await).map_err(internal)
    }

    async fn held(&mut self, s: &Source, id: i64) -> Result<Option<PersonHeld>> {
        let Some(row) = self.rows_of(s.one, &[Arg::Int(id)]).await?.into_iter().next() else { return Ok(None) };
        let values: Vec<Option<String>> =
            on_conn!(self, c => sqlx::query_scalar::<_, Option<String>>(s.values).bind(id).fetch_all(&mut *c).await).map_err(internal)?;
        let subjects: Vec<(String, String)> =
            on_conn!(self, c => sqlx::query_as::<_, (String, String)>(s.subjects).bind(id).fetch_all(&mut *c).await).map_err(internal)?;
        let subjects = subjects
            .into_iter()
            .map(|(entity, sid)| {
                let own = entity == s.entity;
                AuditSubject {
                    within: if own { s.within.map(|k| (k.to_string(), id)) } else { None },
                    fields: if own { s.fields.iter().map(|f| f.to_string()).collect() } else { vec!["number".to_string()] },
                    entity,
                    id: sid,
                }
            })
            .collect();
        let values = values.into_iter().flatten().filter(|v| !v.trim().is_empty()).collect();
        Ok(Some(PersonHeld { record: record(s.kind, row), values, subjects }))
    }
}

#[async_trait]
impl PersonStore for Tx {
    async fn find_people(&mut self, needle: &str, limit: i64) -> Result<Vec<PersonRecord>> {
        let folded = contains_pattern(&amity_refdata::fold(needle));
        let lower = contains_pattern(&needle.to_lowercase());
        let mut out = Vec::new();
        for s in &SOURCES {
            let args = [Arg::Text(folded.clone()), Arg::Text(lower.clone()), Arg::Int(limit)];
            out.extend(self.rows_of(s.find, &args).await?.into_iter().map(|r| record(s.kind, r)));
        }
        Ok(out)
    }

    async fn person_held(&mut self, r: PersonRef) -> Result<Option<PersonHeld>> {
        self.held(source(r.kind)?, r.id).await
    }

    async fn erase_person(&mut self, r: PersonRef, now: DateTime<Utc>) -> Result<u64> {
        let mut documents = 0;
        for step in source(r.kind)?.erase {
            let args: Vec<Arg> = step
                .binds
                .iter()
                .map(|b| match b {
                    Bind::Id => Arg::Int(r.id),
                    Bind::Erased => Arg::Text(ERASED.to_string()),
                    Bind::Now => Arg::Time(now),
                })
                .collect();
            let done = on_conn!(self, c => bind_args!(sqlx::query(step.sql), &args).execute(&mut *c).await.map(|r| r.rows_affected()))
                .map_err(internal)?;
            if step.counts_documents {
                documents += done;
            }
        }
        Ok(documents)
    }

    async fn audit_about(&mut self, subjects: &[(String, String)], values: &[String]) -> Result<Vec<AuditEntry>> {
        let mut terms = Vec::new();
        let mut args = Vec::new();
        for (entity, id) in subjects {
            terms.push(format!("(entity = ${} AND entity_id = ${})", args.len() + 1, args.len() + 2));
            args.push(Arg::Text(entity.clone()));
            args.push(Arg::Text(id.clone()));
        }
        for v in values.iter().filter(|v| v.trim().chars().count() >= 2) {
            let n = args.len() + 1;
            terms.push(format!("before_json LIKE ${n} ESCAPE '\\' OR after_json LIKE ${n} ESCAPE '\\'"));
            args.push(Arg::Text(contains_pattern(v)));
        }
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        crate::audit::entries_where(self, &terms.join(" OR "), &args).await
    }
}
