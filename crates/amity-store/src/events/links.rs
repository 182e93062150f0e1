//! An event's links — co-organisers, invited partnerships, fields — loaded for a whole page at
//! once (three queries, never one per event) and replaced when an event is saved.

use std::collections::HashMap;

use amity_core::Result;
use amity_core::event::{CoOrganiser, Event, NewEvent};

use super::EventRow;
use crate::args::{Arg, bind_args, placeholders};
use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write};
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct CoRow {
    event_id: i64,
    unit_id: Option<i64>,
    partnership_id: Option<i64>,
    name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Link {
    event_id: i64,
    value: i64,
}

#[derive(sqlx::FromRow)]
struct FieldLink {
    event_id: i64,
    code: String,
}

impl Tx {
    /// The events of `rows`, each with its co-organisers (in order), invitations and fields.
    pub(crate) async fn event_links(&mut self, rows: Vec<EventRow>) -> Result<Vec<Event>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Arg> = rows.iter().map(|r| Arg::Int(r.id)).collect();
        let list = placeholders(1, ids.len());
        let co_sql = format!(
            "SELECT event_id, unit_id, partnership_id, name FROM event_co_organisers WHERE event_id IN ({list}) ORDER BY event_id, position"
        );
        let inv_sql =
            format!("SELECT event_id, partnership_id AS value FROM event_invitations WHERE event_id IN ({list}) ORDER BY partnership_id");
        let f_sql = format!(
            "SELECT ef.event_id, f.code FROM event_fields ef JOIN fields f ON f.id = ef.field_id WHERE ef.event_id IN ({list}) \
             ORDER BY f.position, f.id"
        );
        let cos = on_conn!(self, c => bind_args!(sqlx::query_as::<_, CoRow>(&co_sql), &ids).fetch_all(&mut *c).await).map_err(internal)?;
        let invs = on_conn!(self, c => bind_args!(sqlx::query_as::<_, Link>(&inv_sql), &ids).fetch_all(&mut *c).await).map_err(internal)?;
        let fields =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, FieldLink>(&f_sql), &ids).fetch_all(&mut *c).await).map_err(internal)?;
        let mut by_id: HashMap<i64, Event> = HashMap::new();
        let mut order = Vec::with_capacity(rows.len());
        for r in rows {
            let e = r.into_event()?;
            order.push(e.id);
            by_id.insert(e.id, e);
        }
        for c in cos {
            let co = match (c.unit_id, c.partnership_id, c.name) {
                (Some(u), None, None) => CoOrganiser::Unit(u),
                (None, Some(p), None) => CoOrganiser::Partnership(p),
                (None, None, Some(n)) => CoOrganiser::Name(n),
                _ => return Err(corrupt("co-organiser", &c.event_id.to_string())),
            };
            if let Some(e) = by_id.get_mut(&c.event_id) {
                e.co_organisers.push(co);
            }
        }
        for l in invs {
            if let Some(e) = by_id.get_mut(&l.event_id) {
                e.invited_partnership_ids.push(l.value);
            }
        }
        for f in fields {
            if let Some(e) = by_id.get_mut(&f.event_id) {
                e.fields.push(f.code);
            }
        }
        Ok(order.into_iter().filter_map(|id| by_id.remove(&id)).collect())
    }

    /// Replaces the event's co-organisers, invitations and fields.
    pub(crate) async fn link_event(&mut self, id: i64, e: &NewEvent) -> Result<()> {
        for table in ["event_co_organisers", "event_invitations", "event_fields"] {
            // `table` is one of the constants above, never input.
            let sql = format!("DELETE FROM {table} WHERE event_id = $1");
            on_conn!(self, c => sqlx::query(&sql).bind(id).execute(&mut *c).await.map(drop)).map_err(internal)?;
        }
        for (i, co) in e.co_organisers.iter().enumerate() {
            let (unit, partnership, name) = match co {
                CoOrganiser::Unit(u) => (Some(*u), None, None),
                CoOrganiser::Partnership(p) => (None, Some(*p), None),
                CoOrganiser::Name(n) => (None, None, Some(n.as_str())),
            };
            let position = i64::try_from(i).unwrap_or(i64::MAX);
            on_conn!(self, c => sqlx::query(
                "INSERT INTO event_co_organisers (event_id, position, unit_id, partnership_id, name) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(position)
                .bind(unit)
                .bind(partnership)
                .bind(name)
                .execute(&mut *c)
                .await
                .map(drop))
            .map_err(on_write("co_organisers"))?;
        }
        for p in &e.invited_partnership_ids {
            on_conn!(self, c => sqlx::query("INSERT INTO event_invitations (event_id, partnership_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*p)
                .execute(&mut *c)
                .await
                .map(drop))
            .map_err(on_write("invited_partnership_ids"))?;
        }
        self.link_field_codes("event_fields", "event_id", id, &e.fields).await
    }
}
