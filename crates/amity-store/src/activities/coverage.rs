//! The coverage matrix's aggregates: per partnership, done activities per field, with no field, and
//! each once; and the same figures over a set of partnerships, an activity naming several counted once.

use amity_core::Result;
use amity_core::activity::ActivityStatus;
use amity_core::coverage::CoverageCounts;
use chrono::NaiveDate;

use crate::codec::day_text;
use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

/// Done activities whose span overlaps the period `$1..=$2`: starting on or before `$2` and ending
/// on or after `$1`. `end_day` is the last day the activity's period can cover, at the precision
/// recorded (an activity dated "2022" ends 2022-12-31, so it is in a period from 2022-06-01; one
/// dated "2022-05" ends 2022-05-31 and is not; migration 0024), so both bounds use the index
/// `activities_end_day`. Dates are ISO text (`COLLATE "C"` on PostgreSQL), so text order is date order.
fn overlaps() -> String {
    format!("a.status = '{}' AND a.start_day <= $2 AND a.end_day >= $1", ActivityStatus::Done.as_str())
}

/// One column per field id (`field_id = id`), then the activities with no field (`field_id` NULL)
/// and the activities each once (marked `field_id = -1`). Field ids are i64 written into the text:
/// nothing can be injected.
fn pivot(field_ids: &[i64]) -> String {
    let mut columns: String = field_ids
        .iter()
        .enumerate()
        .map(|(i, id)| format!(", CAST(SUM(CASE WHEN field_id = {id} THEN n ELSE 0 END) AS BIGINT) AS f{i}"))
        .collect();
    columns.push_str(", CAST(SUM(CASE WHEN field_id IS NULL THEN n ELSE 0 END) AS BIGINT) AS no_field");
    columns.push_str(", CAST(SUM(CASE WHEN field_id = -1 THEN n ELSE 0 END) AS BIGINT) AS activities");
    columns
}

impl Tx {
    /// The matrix's SQL: the per-(partnership, field) counts grouped first — the grouping SQLite
    /// plans best — plus one count per partnership of its activities, then turned into one row per
    /// partnership with a column per field, so ~3,000 rows cross the driver instead of one per cell
    /// (see bench/RESULTS.md).
    /// The unary `+`s keep SQLite from walking every link through an index of
    /// `activity_partnerships` for the join or the GROUP BY: it reads the period's range of
    /// `activities_end_day` and each activity's links instead (`EXPLAIN QUERY PLAN`; 2.0 s → 0.1 s
    /// of CPU in the shell on the national file).
    pub fn coverage_sql(field_ids: &[i64]) -> String {
        let period = overlaps();
        format!(
            "SELECT partnership_id{} FROM (SELECT +ap.partnership_id AS partnership_id, af.field_id, COUNT(*) AS n FROM activities a \
             JOIN activity_partnerships ap ON ap.activity_id = +a.id LEFT JOIN activity_fields af ON af.activity_id = a.id \
             WHERE {period} GROUP BY +ap.partnership_id, af.field_id \
             UNION ALL SELECT +ap.partnership_id, CAST(-1 AS BIGINT), COUNT(*) FROM activities a JOIN activity_partnerships ap ON ap.activity_id = +a.id \
             WHERE {period} GROUP BY +ap.partnership_id) cells GROUP BY partnership_id",
            pivot(field_ids)
        )
    }

    pub(crate) async fn coverage(&mut self, from: NaiveDate, to: NaiveDate, field_ids: &[i64]) -> Result<Vec<CoverageCounts>> {
        let sql = Self::coverage_sql(field_ids);
        self.coverage_rows(&sql, from, to, field_ids.len()).await
    }

    /// The figures of `partnership_ids` together (all partnerships when `None`): an activity naming
    /// several of them counts once. `partnership_id` of the answer is 0. As in the matrix's SQL, the
    /// `+a.id` keeps SQLite reading the period's activities first, not walking every link.
    pub(crate) async fn coverage_together(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        field_ids: &[i64],
        partnership_ids: Option<&[i64]>,
    ) -> Result<CoverageCounts> {
        let period = overlaps();
        let only = match partnership_ids {
            Some([]) => return Ok(CoverageCounts { fields: vec![0; field_ids.len()], ..Default::default() }),
            // i64s written into the text: nothing can be injected.
            Some(ids) => format!(" AND ap.partnership_id IN ({})", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")),
            None => String::new(),
        };
        let sql = format!(
            "SELECT partnership_id{} FROM (SELECT CAST(0 AS BIGINT) AS partnership_id, af.field_id, COUNT(DISTINCT a.id) AS n FROM activities a \
             JOIN activity_partnerships ap ON ap.activity_id = +a.id LEFT JOIN activity_fields af ON af.activity_id = a.id \
             WHERE {period}{only} GROUP BY af.field_id \
             UNION ALL SELECT CAST(0 AS BIGINT), CAST(-1 AS BIGINT), COUNT(DISTINCT a.id) FROM activities a JOIN activity_partnerships ap ON ap.activity_id = +a.id \
             WHERE {period}{only}) cells GROUP BY partnership_id",
            pivot(field_ids)
        );
        let rows = self.coverage_rows(&sql, from, to, field_ids.len()).await?;
        Ok(rows.into_iter().next().unwrap_or_else(|| CoverageCounts { fields: vec![0; field_ids.len()], ..Default::default() }))
    }

    async fn coverage_rows(&mut self, sql: &str, from: NaiveDate, to: NaiveDate, n: usize) -> Result<Vec<CoverageCounts>> {
        use sqlx::Row;
        on_conn!(self, c => {
            let rows = sqlx::query(sql).bind(day_text(from)).bind(day_text(to)).fetch_all(&mut *c).await;
            rows.and_then(|rows| {
                rows.iter()
                    .map(|r| {
                        Ok(CoverageCounts {
                            partnership_id: r.try_get::<i64, _>(0)?,
                            fields: (1..=n).map(|i| r.try_get::<i64, _>(i)).collect::<Result<Vec<_>, _>>()?,
                            no_field: r.try_get::<i64, _>(n + 1)?,
                            activities: r.try_get::<i64, _>(n + 2)?,
                        })
                    })
                    .collect::<Result<Vec<_>, sqlx::Error>>()
            })
        })
        .map_err(internal)
    }
}
