//! The aggregates: per-partnership figures for health, the coverage matrix's counts, overdue
//! commitments. Each is one grouped query over the whole log.

use std::collections::HashMap;

use amity_core::Result;
use amity_core::activity::{ActivityFigures, ActivityStatus, Commitment, CommitmentStatus, OverdueCommitment};
use chrono::NaiveDate;

use super::{CommitmentRow, day_text, parse_day};
use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct FigureRow {
    partnership_id: i64,
    last_done: Option<String>,
    /// `start_on` text sorts like its first day, with a fuller date after a year-only one of the same year.
    last_done_on: Option<String>,
    done_12: i64,
    done_24: i64,
}

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
}

impl Tx {
    pub(crate) async fn figures(
        &mut self,
        today: NaiveDate,
        since_12: NaiveDate,
        since_24: NaiveDate,
        only: Option<i64>,
    ) -> Result<Vec<ActivityFigures>> {
        let done = ActivityStatus::Done.as_str();
        // One partnership (the partner page) or all (health, attention): the same queries, narrowed.
        // The id is an i64, so writing it into the text cannot inject anything.
        let one = only.map(|id| format!(" AND ap.partnership_id = {id}")).unwrap_or_default();
        // The latest done day needs the whole history; the counts need only the 24-month window,
        // so they are grouped per (partnership, activity) over the `start_day` range first —
        // grouping by partnership alone lures planners into walking every link (bench/RESULTS.md).
        let recency = format!(
            "SELECT ap.partnership_id, MAX(a.start_day) AS last_done, MAX(a.start_on) AS last_done_on, CAST(0 AS BIGINT) AS done_12, CAST(0 AS BIGINT) AS done_24 \
             FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id \
             WHERE a.status = '{done}' AND a.start_day <= $1{one} GROUP BY ap.partnership_id"
        );
        let windowed = format!(
            "SELECT partnership_id, CAST(SUM(CASE WHEN start_day > $2 THEN 1 ELSE 0 END) AS BIGINT) AS done_12, \
             CAST(COUNT(*) AS BIGINT) AS done_24 FROM (SELECT ap.partnership_id, a.id, a.start_day FROM activities a \
             JOIN activity_partnerships ap ON ap.activity_id = a.id WHERE a.status = '{done}' AND a.start_day > $3 \
             AND a.start_day <= $1{one} GROUP BY ap.partnership_id, a.id, a.start_day) w GROUP BY partnership_id"
        );
        let breadth = format!(
            "SELECT partnership_id, CAST(COUNT(*) AS BIGINT) AS n FROM (SELECT ap.partnership_id, af.field_id FROM activities a \
             JOIN activity_partnerships ap ON ap.activity_id = a.id JOIN activity_fields af ON af.activity_id = a.id \
             WHERE a.status = '{done}' AND a.start_day > $1 AND a.start_day <= $2{one} \
             GROUP BY ap.partnership_id, af.field_id) pf GROUP BY partnership_id"
        );
        let overdue = format!(
            "SELECT ap.partnership_id, CAST(COUNT(*) AS BIGINT) AS n FROM commitments c \
             JOIN activity_partnerships ap ON ap.activity_id = c.activity_id \
             WHERE c.status = '{}' AND c.due_on < $1{} GROUP BY ap.partnership_id",
            CommitmentStatus::Open.as_str(),
            one
        );
        let (t, s12, s24) = (day_text(today), day_text(since_12), day_text(since_24));
        let rows = on_conn!(self, c => sqlx::query_as::<_, FigureRow>(&recency).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        let counts = on_conn!(self, c => sqlx::query_as::<_, WindowRow>(&windowed).bind(&t).bind(&s12).bind(&s24).fetch_all(&mut *c).await)
            .map_err(internal)?;
        let fields =
            on_conn!(self, c => sqlx::query_as::<_, Count>(&breadth).bind(&s24).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        let late = on_conn!(self, c => sqlx::query_as::<_, Count>(&overdue).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        let mut out: HashMap<i64, ActivityFigures> = HashMap::new();
        for r in rows {
            let last_done = r.last_done.as_deref().map(parse_day).transpose()?;
            let last_done_on = r.last_done_on.as_deref().and_then(|s| amity_core::PartialDate::parse(s).ok());
            out.insert(
                r.partnership_id,
                ActivityFigures {
                    partnership_id: r.partnership_id,
                    last_done,
                    last_done_on,
                    done_12: r.done_12,
                    done_24: r.done_24,
                    ..Default::default()
                },
            );
        }
        for w in counts {
            let e =
                out.entry(w.partnership_id).or_insert_with(|| ActivityFigures { partnership_id: w.partnership_id, ..Default::default() });
            e.done_12 = w.done_12;
            e.done_24 = w.done_24;
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

    /// The matrix's SQL: the per-(partnership, field) counts grouped first — the grouping
    /// SQLite plans best, over the `start_day` range — then turned into one row per partnership
    /// with a column per field, so ~3,000 rows cross the driver instead of one per cell (see
    /// bench/RESULTS.md). The field ids are i64 written into the text: nothing can be injected.
    pub fn coverage_sql(field_ids: &[i64]) -> String {
        let columns: String = field_ids
            .iter()
            .enumerate()
            .map(|(i, id)| format!(", CAST(SUM(CASE WHEN field_id = {id} THEN n ELSE 0 END) AS BIGINT) AS f{i}"))
            .collect();
        format!(
            "SELECT partnership_id{columns} FROM (SELECT ap.partnership_id, af.field_id, COUNT(*) AS n FROM activities a \
             JOIN activity_partnerships ap ON ap.activity_id = a.id JOIN activity_fields af ON af.activity_id = a.id \
             WHERE a.status = '{}' AND a.start_day >= $1 AND a.start_day <= $2 GROUP BY ap.partnership_id, af.field_id) cells \
             GROUP BY partnership_id",
            ActivityStatus::Done.as_str()
        )
    }

    pub(crate) async fn coverage(&mut self, from: NaiveDate, to: NaiveDate, field_ids: &[i64]) -> Result<Vec<(i64, Vec<i64>)>> {
        use sqlx::Row;
        let sql = Self::coverage_sql(field_ids);
        let n = field_ids.len();
        let rows = on_conn!(self, c => {
            let rows = sqlx::query(&sql).bind(day_text(from)).bind(day_text(to)).fetch_all(&mut *c).await;
            rows.and_then(|rows| {
                rows.iter()
                    .map(|r| Ok((r.try_get::<i64, _>(0)?, (1..=n).map(|i| r.try_get::<i64, _>(i)).collect::<Result<Vec<_>, _>>()?)))
                    .collect::<Result<Vec<_>, sqlx::Error>>()
            })
        })
        .map_err(internal)?;
        Ok(rows)
    }

    pub(crate) async fn overdue(&mut self, today: NaiveDate) -> Result<Vec<OverdueCommitment>> {
        let open = CommitmentStatus::Open.as_str();
        let sql = format!(
            "SELECT c.id, c.activity_id, c.what, c.who, c.due_on, c.status, c.version, a.title FROM commitments c \
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
                Ok(OverdueCommitment { commitment, activity_title: r.title, partnership_ids })
            })
            .collect()
    }
}
