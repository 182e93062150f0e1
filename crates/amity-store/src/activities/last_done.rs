//! What health reads instead of the whole log (migration 0011): each partnership's latest done
//! activity (`partnership_last_done`), the latest done day of each (partnership, field) pair
//! (`partnership_field_last_done`), and the done day on each activity–partnership link
//! (`activity_partnerships.done_day`, written by `link_activity`). A done day is the last day
//! the activity's period can cover (migration 0020: "2022" is 2022-12-31); readers cap it at today. Every activity write keeps
//! them in its own transaction: an insert can only raise a latest day, so it is merged in; an
//! update or a delete can lower one (a date moved back, done → planned, a partnership or field
//! unlinked), so the partnerships it named before and after are recomputed from their links.

use amity_core::Result;

use crate::args::{Arg, bind_args, placeholders};
use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

/// Partnerships recomputed per statement.
const CHUNK: usize = 500;

/// A partnership's latest done day and its date as recorded.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct LastDone {
    pub(crate) partnership_id: i64,
    pub(crate) last_day: String,
    pub(crate) last_on: String,
}

/// "Greater of the kept and the new value" in an upsert (`MAX(a, b)` is spelled differently on
/// the two databases; this is the same text on both).
fn greater(column: &str, table: &str) -> String {
    format!("{column} = CASE WHEN excluded.{column} > {table}.{column} THEN excluded.{column} ELSE {table}.{column} END")
}

impl Tx {
    /// The partnerships an activity names now.
    pub(crate) async fn activity_partnership_ids(&mut self, activity_id: i64) -> Result<Vec<i64>> {
        const SQL: &str = "SELECT partnership_id FROM activity_partnerships WHERE activity_id = $1";
        on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(activity_id).fetch_all(&mut *c).await).map_err(internal)
    }

    /// Merges the done activities with ids `first..=last` (one new activity, or a bulk batch)
    /// into the kept latest days: each is raised where such an activity is later. Reads their
    /// links, so call it after `link_activity`.
    pub(crate) async fn raise_last_done(&mut self, first: i64, last: i64) -> Result<()> {
        let partnerships = format!(
            "INSERT INTO partnership_last_done (partnership_id, last_day, last_on) \
             SELECT ap.partnership_id, MAX(ap.done_day), MAX(a.start_on) FROM activity_partnerships ap \
             JOIN activities a ON a.id = ap.activity_id \
             WHERE ap.activity_id >= $1 AND ap.activity_id <= $2 AND ap.done_day IS NOT NULL GROUP BY ap.partnership_id \
             ON CONFLICT (partnership_id) DO UPDATE SET {}, {}",
            greater("last_day", "partnership_last_done"),
            greater("last_on", "partnership_last_done")
        );
        let pairs = format!(
            "INSERT INTO partnership_field_last_done (partnership_id, field_id, last_day) \
             SELECT ap.partnership_id, af.field_id, MAX(ap.done_day) FROM activity_partnerships ap \
             JOIN activity_fields af ON af.activity_id = ap.activity_id \
             WHERE ap.activity_id >= $1 AND ap.activity_id <= $2 AND ap.done_day IS NOT NULL GROUP BY ap.partnership_id, af.field_id \
             ON CONFLICT (partnership_id, field_id) DO UPDATE SET {}",
            greater("last_day", "partnership_field_last_done")
        );
        for sql in [partnerships, pairs] {
            on_conn!(self, c => sqlx::query(&sql).bind(first).bind(last).execute(&mut *c).await.map(drop)).map_err(internal)?;
        }
        Ok(())
    }

    /// Recomputes the kept latest days of these partnerships from their links (after an update
    /// or a delete that may have lowered them).
    pub(crate) async fn recompute_last_done(&mut self, partnership_ids: &[i64]) -> Result<()> {
        let mut ids: Vec<i64> = partnership_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(CHUNK) {
            let args: Vec<Arg> = chunk.iter().map(|id| Arg::Int(*id)).collect();
            let list = placeholders(1, chunk.len());
            let statements = [
                format!("DELETE FROM partnership_last_done WHERE partnership_id IN ({list})"),
                format!("DELETE FROM partnership_field_last_done WHERE partnership_id IN ({list})"),
                format!(
                    "INSERT INTO partnership_last_done (partnership_id, last_day, last_on) \
                     SELECT ap.partnership_id, MAX(ap.done_day), MAX(a.start_on) FROM activity_partnerships ap \
                     JOIN activities a ON a.id = ap.activity_id WHERE ap.done_day IS NOT NULL AND ap.partnership_id IN ({list}) \
                     GROUP BY ap.partnership_id"
                ),
                format!(
                    "INSERT INTO partnership_field_last_done (partnership_id, field_id, last_day) \
                     SELECT ap.partnership_id, af.field_id, MAX(ap.done_day) FROM activity_partnerships ap \
                     JOIN activity_fields af ON af.activity_id = ap.activity_id \
                     WHERE ap.done_day IS NOT NULL AND ap.partnership_id IN ({list}) GROUP BY ap.partnership_id, af.field_id"
                ),
            ];
            for sql in &statements {
                on_conn!(self, c => bind_args!(sqlx::query(sql), &args).execute(&mut *c).await.map(drop)).map_err(internal)?;
            }
        }
        Ok(())
    }

    /// The kept latest done days: of one partnership, or of all that have one.
    pub(crate) async fn last_done(&mut self, only: Option<i64>) -> Result<Vec<LastDone>> {
        const ALL: &str = "SELECT partnership_id, last_day, last_on FROM partnership_last_done";
        const ONE: &str = "SELECT partnership_id, last_day, last_on FROM partnership_last_done WHERE partnership_id = $1";
        match only {
            Some(id) => on_conn!(self, c => sqlx::query_as::<_, LastDone>(ONE).bind(id).fetch_all(&mut *c).await),
            None => on_conn!(self, c => sqlx::query_as::<_, LastDone>(ALL).fetch_all(&mut *c).await),
        }
        .map_err(internal)
    }
}
