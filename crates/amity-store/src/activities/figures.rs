//! The aggregates: per-partnership figures for health (from what the activity writes keep, see
//! `last_done`) and overdue commitments (the coverage matrix's counts are in `coverage`).

use std::collections::HashMap;

use amity_core::Result;
use amity_core::activity::{ActivityFigures, Commitment, CommitmentStatus, OverdueCommitment};
use chrono::NaiveDate;

use super::CommitmentRow;
use super::last_done::LastDone;
use crate::codec::{day_text, parse_day};
use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct WindowRow {
    partnership_id: i64,
    done_12: i64,
    done_24: i64,
}

#[derive(sqlx::FromRow)]
struct Count {
    partnership_id: i64,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct OverdueRow {
    #[sqlx(flatten)]
    commitment: CommitmentRow,
    title: String,
    title_zh: String,
}

impl Tx {
    pub(crate) async fn figures(
        &mut self,
        today: NaiveDate,
        since_12: NaiveDate,
        since_24: NaiveDate,
        only: Option<i64>,
    ) -> Result<Vec<ActivityFigures>> {
        // One partnership (the partner page) or all (health, attention): the same queries, narrowed.
        // The id is an i64, so writing it into the text cannot inject anything.
        let one = only.map(|id| format!(" AND ap.partnership_id = {id}")).unwrap_or_default();
        // What the activity writes keep (`last_done`): the latest done day per partnership and
        // per (partnership, field), and the done day on each link, so that no query here joins the
        // log's activities (bench/RESULTS.md). A done day is the last day the activity's period can
        // cover (migration 0020), counted as today while that is later: an activity that has begun
        // counts from min(its last day, today); one that starts after today does not count yet.
        // Where a kept day is after today, that partnership's links are read instead.
        let windowed = format!(
            "SELECT ap.partnership_id, CAST(SUM(CASE WHEN ap.done_day > $2 THEN 1 ELSE 0 END) AS BIGINT) AS done_12, \
             CAST(COUNT(*) AS BIGINT) AS done_24 FROM activity_partnerships ap \
             WHERE ap.done_day > $3 AND ap.done_day <= $1{one} GROUP BY ap.partnership_id"
        );
        let overdue = format!(
            "SELECT ap.partnership_id, CAST(COUNT(*) AS BIGINT) AS n FROM commitments c \
             JOIN activity_partnerships ap ON ap.activity_id = c.activity_id \
             WHERE c.status = '{}' AND c.due_on < $1{} GROUP BY ap.partnership_id",
            CommitmentStatus::Open.as_str(),
            one
        );
        // Links whose done day is after today but whose activity has begun count as today: in
        // both windows. Few links are after today, so this reads a short range of the done_day
        // index; the unary `+` keeps SQLite from walking the partnership index for the GROUP BY
        // instead (a scan of every link: 396 ms against 1 ms on the national file).
        let running = format!(
            "SELECT +ap.partnership_id AS partnership_id, CAST(COUNT(*) AS BIGINT) AS n FROM activity_partnerships ap \
             JOIN activities a ON a.id = ap.activity_id WHERE ap.done_day > $1 AND a.start_day <= $1{one} GROUP BY +ap.partnership_id"
        );
        let (t, s12, s24) = (day_text(today), day_text(since_12), day_text(since_24));
        let rows = self.recency(&t, only).await?;
        let mut counts =
            on_conn!(self, c => sqlx::query_as::<_, WindowRow>(&windowed).bind(&t).bind(&s12).bind(&s24).fetch_all(&mut *c).await)
                .map_err(internal)?;
        let begun = on_conn!(self, c => sqlx::query_as::<_, Count>(&running).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        counts.extend(begun.into_iter().map(|b| WindowRow { partnership_id: b.partnership_id, done_12: b.n, done_24: b.n }));
        let fields = self.breadth(&t, &s24, only).await?;
        let late = on_conn!(self, c => sqlx::query_as::<_, Count>(&overdue).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        let mut out: HashMap<i64, ActivityFigures> = HashMap::new();
        for r in rows {
            // The kept day is the period's last day: never later than today.
            let last_done = Some(parse_day(&r.last_day)?.min(today));
            let last_done_on = amity_core::PartialDate::parse(&r.last_on).ok();
            out.insert(
                r.partnership_id,
                ActivityFigures { partnership_id: r.partnership_id, last_done, last_done_on, ..Default::default() },
            );
        }
        for w in counts {
            let e =
                out.entry(w.partnership_id).or_insert_with(|| ActivityFigures { partnership_id: w.partnership_id, ..Default::default() });
            e.done_12 += w.done_12;
            e.done_24 += w.done_24;
        }
        for f in fields {
            out.entry(f.partnership_id)
                .or_insert_with(|| ActivityFigures { partnership_id: f.partnership_id, ..Default::default() })
                .fields_24 = f.n;
        }
        for l in late {
            out.entry(l.partnership_id)
                .or_insert_with(|| ActivityFigures { partnership_id: l.partnership_id, ..Default::default() })
                .overdue_commitments = l.n;
        }
        let mut v: Vec<ActivityFigures> = out.into_values().collect();
        v.sort_by_key(|f| f.partnership_id);
        Ok(v)
    }

    /// Each partnership's latest done day (the caller caps it at `today`, `t`) and that activity's
    /// date as recorded: the kept maxima where they are not after today, else the maxima of its
    /// done activities that have begun by today, read from its links.
    async fn recency(&mut self, t: &str, only: Option<i64>) -> Result<Vec<LastDone>> {
        let (mut out, later): (Vec<LastDone>, Vec<LastDone>) =
            self.last_done(only).await?.into_iter().partition(|r| r.last_day.as_str() <= t);
        for chunk in later.chunks(1_000) {
            // i64 ids written into the text: nothing can be injected.
            let ids = chunk.iter().map(|r| r.partnership_id.to_string()).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT ap.partnership_id, MAX(ap.done_day) AS last_day, MAX(a.start_on) AS last_on \
                 FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id \
                 WHERE ap.done_day IS NOT NULL AND a.start_day <= $1 AND ap.partnership_id IN ({ids}) GROUP BY ap.partnership_id"
            );
            out.extend(on_conn!(self, c => sqlx::query_as::<_, LastDone>(&sql).bind(t).fetch_all(&mut *c).await).map_err(internal)?);
        }
        Ok(out)
    }

    /// The distinct fields of each partnership's done activities in (`s24`, `t`]: the kept
    /// (partnership, field) pairs whose latest day falls there — except for a partnership with a
    /// pair kept after `t`, whose links are read instead (an activity that has begun by `t` and
    /// ends after it counts as `t`).
    async fn breadth(&mut self, t: &str, s24: &str, only: Option<i64>) -> Result<Vec<Count>> {
        // i64 ids written into the text: nothing can be injected.
        let one = only.map(|id| format!(" AND partnership_id = {id}")).unwrap_or_default();
        // Not `DISTINCT`: that leads SQLite to walk the whole table instead of the `last_day` range.
        let later_sql = format!("SELECT partnership_id FROM partnership_field_last_done WHERE last_day > $1{one}");
        let mut later = on_conn!(self, c => sqlx::query_scalar::<_, i64>(&later_sql).bind(t).fetch_all(&mut *c).await).map_err(internal)?;
        later.sort_unstable();
        later.dedup();
        let ids = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        let not_later = if later.is_empty() { String::new() } else { format!(" AND partnership_id NOT IN ({})", ids(&later)) };
        let kept = format!(
            "SELECT partnership_id, CAST(COUNT(*) AS BIGINT) AS n FROM partnership_field_last_done \
             WHERE last_day > $1 AND last_day <= $2{one}{not_later} GROUP BY partnership_id"
        );
        let mut out =
            on_conn!(self, c => sqlx::query_as::<_, Count>(&kept).bind(s24).bind(t).fetch_all(&mut *c).await).map_err(internal)?;
        for chunk in later.chunks(1_000) {
            let sql = format!(
                "SELECT partnership_id, CAST(COUNT(*) AS BIGINT) AS n FROM (SELECT ap.partnership_id, af.field_id \
                 FROM activity_partnerships ap JOIN activity_fields af ON af.activity_id = ap.activity_id \
                 JOIN activities a ON a.id = ap.activity_id \
                 WHERE ap.done_day > $1 AND a.start_day <= $2 AND ap.partnership_id IN ({}) GROUP BY ap.partnership_id, af.field_id) pf \
                 GROUP BY partnership_id",
                ids(chunk)
            );
            out.extend(on_conn!(self, c => sqlx::query_as::<_, Count>(&sql).bind(s24).bind(t).fetch_all(&mut *c).await).map_err(internal)?);
        }
        Ok(out)
    }

    pub(crate) async fn overdue(&mut self, today: NaiveDate) -> Result<Vec<OverdueCommitment>> {
        let open = CommitmentStatus::Open.as_str();
        let sql = format!(
            "SELECT c.id, c.activity_id, c.what, c.who, c.due_on, c.status, c.version, a.title, a.title_zh FROM commitments c \
             JOIN activities a ON a.id = c.activity_id WHERE c.status = '{open}' AND c.due_on < $1 ORDER BY c.due_on, c.id"
        );
        let links_sql = format!(
            "SELECT DISTINCT ap.activity_id, ap.partnership_id FROM activity_partnerships ap \
             JOIN commitments c ON c.activity_id = ap.activity_id WHERE c.status = '{open}' AND c.due_on < $1 \
             ORDER BY ap.activity_id, ap.partnership_id"
        );
        let t = day_text(today);
        let rows = on_conn!(self, c => sqlx::query_as::<_, OverdueRow>(&sql).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        let links = on_conn!(self, c => sqlx::query_as::<_, (i64, i64)>(&links_sql).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        let mut by_activity: HashMap<i64, Vec<i64>> = HashMap::new();
        for (a, p) in links {
            by_activity.entry(a).or_default().push(p);
        }
        rows.into_iter()
            .map(|r| {
                let commitment = Commitment::try_from(r.commitment)?;
                let partnership_ids = by_activity.get(&commitment.activity_id).cloned().unwrap_or_default();
                Ok(OverdueCommitment { commitment, activity_title: r.title, activity_title_zh: r.title_zh, partnership_ids })
            })
            .collect()
    }
}
