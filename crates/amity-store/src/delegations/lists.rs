//! A delegation's lists: members (kept by id across edits, so their travel documents stay),
//! transport, stays, interpreters and itinerary (replaced whole on every edit).

use amity_core::Result;
use amity_core::delegation::{
    Delegation, Interpreter, ItineraryItem, Member, MemberRole, NewMember, Stay, Transport, TransportLeg, TransportMode,
};

use super::bad;
use crate::codec::{day_text, minute_text, parse_day, parse_local};
use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    name: String,
    name_native: Option<String>,
    title: Option<String>,
    rank: Option<String>,
    equivalent_post: Option<String>,
    organisation: Option<String>,
    role: String,
}

#[derive(sqlx::FromRow)]
struct TransportRow {
    leg: String,
    mode: String,
    number: Option<String>,
    from_place: Option<String>,
    to_place: Option<String>,
    departs_at: Option<String>,
    arrives_at: Option<String>,
    notes: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StayRow {
    name: String,
    address: Option<String>,
    check_in: String,
    check_out: String,
    notes: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ItineraryRow {
    starts_at: String,
    ends_at: Option<String>,
    place: Option<String>,
    activity: String,
    host: Option<String>,
    responsible_unit_id: Option<i64>,
}

impl Tx {
    /// Reads every list of the delegation into it.
    pub(super) async fn fill_lists(&mut self, d: &mut Delegation) -> Result<()> {
        let id = d.id;
        const MEMBERS: &str = "SELECT id, name, name_native, title, rank, equivalent_post, organisation, role FROM delegation_members \
                               WHERE delegation_id = $1 ORDER BY position, id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, MemberRow>(MEMBERS).bind(id).fetch_all(&mut *c).await).map_err(internal)?;
        d.members = rows
            .into_iter()
            .map(|r| {
                Ok(Member {
                    id: r.id,
                    role: MemberRole::parse(&r.role).ok_or_else(|| bad("member role", &r.role))?,
                    name: r.name,
                    name_native: r.name_native,
                    title: r.title,
                    rank: r.rank,
                    equivalent_post: r.equivalent_post,
                    organisation: r.organisation,
                })
            })
            .collect::<Result<_>>()?;
        const TRANSPORT: &str = "SELECT leg, mode, number, from_place, to_place, departs_at, arrives_at, notes FROM delegation_transport \
                                 WHERE delegation_id = $1 ORDER BY position, id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, TransportRow>(TRANSPORT).bind(id).fetch_all(&mut *c).await).map_err(internal)?;
        d.transport = rows
            .into_iter()
            .map(|r| {
                Ok(Transport {
                    leg: TransportLeg::parse(&r.leg).ok_or_else(|| bad("transport leg", &r.leg))?,
                    mode: TransportMode::parse(&r.mode).ok_or_else(|| bad("transport mode", &r.mode))?,
                    number: r.number,
                    from_place: r.from_place,
                    to_place: r.to_place,
                    departs_at: r.departs_at.as_deref().map(parse_local).transpose()?,
                    arrives_at: r.arrives_at.as_deref().map(parse_local).transpose()?,
                    notes: r.notes,
                })
            })
            .collect::<Result<_>>()?;
        const STAYS: &str =
            "SELECT name, address, check_in, check_out, notes FROM delegation_stays WHERE delegation_id = $1 ORDER BY position, id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, StayRow>(STAYS).bind(id).fetch_all(&mut *c).await).map_err(internal)?;
        d.accommodation = rows
            .into_iter()
            .map(|r| {
                Ok(Stay {
                    name: r.name,
                    address: r.address,
                    check_in: parse_day(&r.check_in)?,
                    check_out: parse_day(&r.check_out)?,
                    notes: r.notes,
                })
            })
            .collect::<Result<_>>()?;
        const INTERPRETERS: &str = "SELECT name, languages, organisation, phone FROM delegation_interpreters WHERE delegation_id = $1 \
                                    ORDER BY position, id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, (String, Option<String>, Option<String>, Option<String>)>(INTERPRETERS)
            .bind(id)
            .fetch_all(&mut *c)
            .await)
        .map_err(internal)?;
        d.interpreters =
            rows.into_iter().map(|(name, languages, organisation, phone)| Interpreter { name, languages, organisation, phone }).collect();
        const ITINERARY: &str = "SELECT starts_at, ends_at, place, activity, host, responsible_unit_id FROM delegation_itinerary \
                                 WHERE delegation_id = $1 ORDER BY position, id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, ItineraryRow>(ITINERARY).bind(id).fetch_all(&mut *c).await).map_err(internal)?;
        d.itinerary = rows
            .into_iter()
            .map(|r| {
                Ok(ItineraryItem {
                    starts_at: parse_local(&r.starts_at)?,
                    ends_at: r.ends_at.as_deref().map(parse_local).transpose()?,
                    place: r.place,
                    activity: r.activity,
                    host: r.host,
                    responsible_unit_id: r.responsible_unit_id,
                })
            })
            .collect::<Result<_>>()?;
        Ok(())
    }

    /// Keeps members with an id (updating them), adds the others, removes those no longer listed.
    pub(super) async fn write_members(&mut self, id: i64, members: &[NewMember]) -> Result<()> {
        let kept: Vec<i64> = members.iter().filter_map(|m| m.id).collect();
        let existing = on_conn!(self, c => sqlx::query_scalar::<_, i64>("SELECT id FROM delegation_members WHERE delegation_id = $1")
            .bind(id)
            .fetch_all(&mut *c)
            .await)
        .map_err(internal)?;
        for gone in existing.iter().filter(|e| !kept.contains(e)) {
            on_conn!(self, c => sqlx::query("DELETE FROM delegation_members WHERE id = $1").bind(*gone).execute(&mut *c).await.map(drop))
                .map_err(internal)?;
        }
        const UPDATE: &str = "UPDATE delegation_members SET position = $1, name = $2, name_native = $3, title = $4, rank = $5, \
                              equivalent_post = $6, organisation = $7, role = $8 WHERE id = $9 AND delegation_id = $10";
        const INSERT: &str = "INSERT INTO delegation_members (position, name, name_native, title, rank, equivalent_post, organisation, \
                              role, delegation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        // One bind list for both statements; a macro, as a closure would fix one backend's types.
        macro_rules! member {
            ($sql:expr, $pos:expr, $m:expr) => {
                sqlx::query($sql)
                    .bind($pos as i64)
                    .bind(&$m.name)
                    .bind(&$m.name_native)
                    .bind(&$m.title)
                    .bind(&$m.rank)
                    .bind(&$m.equivalent_post)
                    .bind(&$m.organisation)
                    .bind($m.role.as_str())
            };
        }
        for (pos, m) in members.iter().enumerate() {
            let done = match m.id {
                Some(mid) => on_conn!(self, c => member!(UPDATE, pos, m).bind(mid).bind(id).execute(&mut *c).await.map(drop)),
                None => on_conn!(self, c => member!(INSERT, pos, m).bind(id).execute(&mut *c).await.map(drop)),
            };
            done.map_err(internal)?;
        }
        Ok(())
    }

    /// Replaces transport, stays, interpreters and itinerary.
    pub(super) async fn write_lists(&mut self, id: i64, d: &amity_core::delegation::NewDelegation) -> Result<()> {
        for table in ["delegation_transport", "delegation_stays", "delegation_interpreters", "delegation_itinerary"] {
            let sql = format!("DELETE FROM {table} WHERE delegation_id = $1");
            on_conn!(self, c => sqlx::query(&sql).bind(id).execute(&mut *c).await.map(drop)).map_err(internal)?;
        }
        for (pos, t) in d.transport.iter().enumerate() {
            const SQL: &str = "INSERT INTO delegation_transport (delegation_id, position, leg, mode, number, from_place, to_place, \
                               departs_at, arrives_at, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
            on_conn!(self, c => sqlx::query(SQL)
                .bind(id)
                .bind(pos as i64)
                .bind(t.leg.as_str())
                .bind(t.mode.as_str())
                .bind(&t.number)
                .bind(&t.from_place)
                .bind(&t.to_place)
                .bind(t.departs_at.map(minute_text))
                .bind(t.arrives_at.map(minute_text))
                .bind(&t.notes)
                .execute(&mut *c).await.map(drop))
            .map_err(internal)?;
        }
        for (pos, s) in d.accommodation.iter().enumerate() {
            const SQL: &str = "INSERT INTO delegation_stays (delegation_id, position, name, address, check_in, check_out, notes) \
                               VALUES ($1, $2, $3, $4, $5, $6, $7)";
            on_conn!(self, c => sqlx::query(SQL)
                .bind(id)
                .bind(pos as i64)
                .bind(&s.name)
                .bind(&s.address)
                .bind(day_text(s.check_in))
                .bind(day_text(s.check_out))
                .bind(&s.notes)
                .execute(&mut *c).await.map(drop))
            .map_err(internal)?;
        }
        for (pos, i) in d.interpreters.iter().enumerate() {
            const SQL: &str = "INSERT INTO delegation_interpreters (delegation_id, position, name, languages, organisation, phone) \
                               VALUES ($1, $2, $3, $4, $5, $6)";
            on_conn!(self, c => sqlx::query(SQL)
                .bind(id)
                .bind(pos as i64)
                .bind(&i.name)
                .bind(&i.languages)
                .bind(&i.organisation)
                .bind(&i.phone)
                .execute(&mut *c).await.map(drop))
            .map_err(internal)?;
        }
        for (pos, i) in d.itinerary.iter().enumerate() {
            const SQL: &str = "INSERT INTO delegation_itinerary (delegation_id, position, starts_at, ends_at, place, activity, host, \
                               responsible_unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
            on_conn!(self, c => sqlx::query(SQL)
                .bind(id)
                .bind(pos as i64)
                .bind(minute_text(i.starts_at))
                .bind(i.ends_at.map(minute_text))
                .bind(&i.place)
                .bind(&i.activity)
                .bind(&i.host)
                .bind(i.responsible_unit_id)
                .execute(&mut *c).await.map(drop))
            .map_err(on_write("itinerary"))?;
        }
        Ok(())
    }
}
