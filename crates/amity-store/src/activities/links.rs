//! An activity's links: its partnerships, fields and commitments, loaded for a whole page at once
//! (three queries, never one per activity), and written when an activity is saved.

use std::collections::HashMap;

use amity_core::Result;
use amity_core::activity::{Activity, Commitment};

use super::{ActivityRow, CommitmentRow};
use crate::args::{Arg, bind_args, placeholders};
use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct Link {
    activity_id: i64,
    value: i64,
}

#[derive(sqlx::FromRow)]
struct FieldLink {
    activity_id: i64,
    code: String,
}

impl Tx {
    /// The activities of `rows`, each with its partnerships, fields (in field order) and commitments (by due day).
    pub(crate) async fn with_links(&mut self, rows: Vec<ActivityRow>) -> Result<Vec<Activity>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Arg> = rows.iter().map(|r| Arg::Int(r.id)).collect();
        let list = placeholders(1, ids.len());
        let p_sql = format!(
            "SELECT activity_id, partnership_id AS value FROM activity_partnerships WHERE activity_id IN ({list}) ORDER BY partnership_id"
        );
        let f_sql = format!(
            "SELECT af.activity_id, f.code FROM activity_fields af JOIN fields f ON f.id = af.field_id \
             WHERE af.activity_id IN ({list}) ORDER BY f.position, f.id"
        );
        let c_sql = format!(
            "SELECT id, activity_id, what, who, due_on, status, version FROM commitments WHERE activity_id IN ({list}) ORDER BY due_on, id"
        );
        let links = on_conn!(self, c => bind_args!(sqlx::query_as::<_, Link>(&p_sql), &ids).fetch_all(&mut *c).await).map_err(internal)?;
        let fields =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, FieldLink>(&f_sql), &ids).fetch_all(&mut *c).await).map_err(internal)?;
        let commitments =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, CommitmentRow>(&c_sql), &ids).fetch_all(&mut *c).await).map_err(internal)?;
        let mut by_id: HashMap<i64, Activity> = HashMap::new();
        let mut order = Vec::with_capacity(rows.len());
        for r in rows {
            order.push(r.id);
            let a = r.into_activity()?;
            by_id.insert(a.id, a);
        }
        for l in links {
            if let Some(a) = by_id.get_mut(&l.activity_id) {
                a.partnership_ids.push(l.value);
            }
        }
        for f in fields {
            if let Some(a) = by_id.get_mut(&f.activity_id) {
                a.fields.push(f.code);
            }
        }
        for c in commitments {
            let c = Commitment::try_from(c)?;
            if let Some(a) = by_id.get_mut(&c.activity_id) {
                a.commitments.push(c);
            }
        }
        Ok(order.into_iter().filter_map(|id| by_id.remove(&id)).collect())
    }

    /// Replaces the activity's partnerships and fields; each partnership link carries the
    /// activity's start day when it is done (`done_day`, for health's counts), else NULL.
    pub(crate) async fn link_activity(&mut self, id: i64, partnerships: &[i64], codes: &[String], done_day: Option<&str>) -> Result<()> {
        on_conn!(self, c => sqlx::query("DELETE FROM activity_partnerships WHERE activity_id = $1").bind(id).execute(&mut *c).await.map(drop))
            .map_err(internal)?;
        on_conn!(self, c => sqlx::query("DELETE FROM activity_fields WHERE activity_id = $1").bind(id).execute(&mut *c).await.map(drop))
            .map_err(internal)?;
        for p in partnerships {
            on_conn!(self, c => sqlx::query("INSERT INTO activity_partnerships (activity_id, partnership_id, done_day) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(*p)
                .bind(done_day)
                .execute(&mut *c)
                .await
                .map(drop))
            .map_err(on_write("partnership_ids"))?;
        }
        self.link_field_codes("activity_fields", "activity_id", id, codes).await
    }
}
