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
    done_12: i64,
    done_24: i64,
}

#[derive(sqlx::FromRow)]
struct Count {
    partnership_id: i64,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct Cell {
    partnership_id: i64,
    field_id: i64,
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
        let recency = format!(
            "SELECT ap.partnership_id, MAX(CASE WHEN a.start_day <= $1 THEN a.start_day END) AS last_done, \
             CAST(SUM(CASE WHEN a.start_day > $2 AND a.start_day <= $1 THEN 1 ELSE 0 END) AS BIGINT) AS done_12, \
             CAST(SUM(CASE WHEN a.start_day > $3 AND a.start_day <= $1 THEN 1 ELSE 0 END) AS BIGINT) AS done_24 \
             FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id WHERE a.status = '{done}'{} GROUP BY ap.partnership_id",
            one
        );
        let breadth = format!(
            "SELECT ap.partnership_id, CAST(COUNT(DISTINCT af.field_id) AS BIGINT) AS n FROM activity_partnerships ap \
             JOIN activities a ON a.id = ap.activity_id JOIN activity_fields af ON af.activity_id = a.id \
             WHERE a.status = '{done}' AND a.start_day > $1 AND a.start_day <= $2{} GROUP BY ap.partnership_id",
            one
        );
        let overdue = format!(
            "SELECT ap.partnership_id, CAST(COUNT(*) AS BIGINT) AS n FROM commitments c \
             JOIN activity_partnerships ap ON ap.activity_id = c.activity_id \
             WHERE c.status = '{}' AND c.due_on < $1{} GROUP BY ap.partnership_id",
            CommitmentStatus::Open.as_str(),
            one
        );
        let (t, s12, s24) = (day_text(today), day_text(since_12), day_text(since_24));
        let rows = on_conn!(self, c => sqlx::query_as::<_, FigureRow>(&recency).bind(&t).bind(&s12).bind(&s24).fetch_all(&mut *c).await)
            .map_err(internal)?;
        let fields =
            on_conn!(self, c => sqlx::query_as::<_, Count>(&breadth).bind(&s24).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        let late = on_conn!(self, c => sqlx::query_as::<_, Count>(&overdue).bind(&t).fetch_all(&mut *c).await).map_err(internal)?;
        let mut out: HashMap<i64, ActivityFigures> = HashMap::new();
        for r in rows {
            let last_done = r.last_done.as_deref().map(parse_day).transpose()?;
            out.insert(
                r.partnership_id,
                ActivityFigures {
                    partnership_id: r.partnership_id,
                    last_done,
                    done_12: r.done_12,
                    done_24: r.done_24,
                    ..Default::default()
                },
            );
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

    pub(crate) async fn coverage(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(i64, i64, i64)>> {
        let sql = format!(
            "SELECT ap.partnership_id, af.field_id, CAST(COUNT(*) AS BIGINT) AS n FROM activities a \
             JOIN activity_partnerships ap ON ap.activity_id = a.id JOIN activity_fields af ON af.activity_id = a.id \
             WHERE a.status = '{}' AND a.start_day >= $1 AND a.start_day <= $2 GROUP BY ap.partnership_id, af.field_id",
            ActivityStatus::Done.as_str()
        );
        let cells = on_conn!(self, c => sqlx::query_as::<_, Cell>(&sql).bind(day_text(from)).bind(day_text(to)).fetch_all(&mut *c).await)
            .map_err(internal)?;
        Ok(cells.into_iter().map(|c| (c.partnership_id, c.field_id, c.n)).collect())
    }

    pub(crate) async fn overdue(&mut self, today: NaiveDate) -> Result<Vec<OverdueCommitment>> {
        let sql = format!(
            "SELECT c.id, c.activity_id, c.what, c.who, c.due_on, c.status, c.version, a.title FROM commitments c \
             JOIN activities a ON a.id = c.activity_id WHERE c.status = '{}' AND c.due_on < $1 ORDER BY c.due_on, c.id",
            CommitmentStatus::Open.as_str()
        );
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, OverdueRow>(&sql).bind(day_text(today)).fetch_all(&mut *c).await).map_err(internal)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let commitment = Commitment::try_from(r.commitment)?;
            let partnership_ids = self.activity_partnership_ids(commitment.activity_id).await?;
            out.push(OverdueCommitment { commitment, activity_title: r.title, partnership_ids });
        }
        Ok(out)
    }

    async fn activity_partnership_ids(&mut self, activity_id: i64) -> Result<Vec<i64>> {
        const SQL: &str = "SELECT partnership_id FROM activity_partnerships WHERE activity_id = $1 ORDER BY partnership_id";
        on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(activity_id).fetch_all(&mut *c).await).map_err(internal)
    }
}
