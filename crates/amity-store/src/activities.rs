//! The cooperation log: activities with their partnerships, fields and commitments, and the
//! aggregates that health and the coverage matrix are computed from (one query each).

mod bulk;
mod coverage;
mod crud;
mod figures;
mod last_done;
mod links;

pub use bulk::BulkActivity;

use amity_core::activity::{
    Activity, ActivityFilter, ActivityKind, ActivityStatus, Commitment, CommitmentStatus, NewActivity, NewCommitment,
};
use amity_core::{Error, Result};
use chrono::{DateTime, Utc};

use crate::args::{Arg, Where, bind_args};
use crate::codec::{day_text, parse_day, parse_partial};
use crate::columns::Columns;
use crate::dispatch::on_conn;
use crate::error::on_write;
use crate::tx::Tx;

pub(crate) const SELECT: &str = "SELECT a.id, a.kind, a.title, a.title_zh, a.start_on, a.end_on, a.status, a.owner_unit_id, \
                                 a.participants, a.summary, a.summary_zh, a.outcome, a.source_url, a.version, a.created_at, a.updated_at \
                                 FROM activities a";

/// An `activities` row as both databases return it.
#[derive(sqlx::FromRow)]
pub(crate) struct ActivityRow {
    id: i64,
    kind: String,
    title: String,
    title_zh: String,
    start_on: String,
    end_on: Option<String>,
    status: String,
    owner_unit_id: i64,
    participants: Option<i64>,
    summary: Option<String>,
    summary_zh: Option<String>,
    outcome: Option<String>,
    source_url: Option<String>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A `commitments` row.
#[derive(sqlx::FromRow)]
pub(crate) struct CommitmentRow {
    pub(crate) id: i64,
    pub(crate) activity_id: i64,
    pub(crate) what: String,
    pub(crate) who: String,
    pub(crate) due_on: String,
    pub(crate) status: String,
    pub(crate) version: i64,
}

/// The columns an activity's input sets (`activity_values` gives their values in this order).
pub(crate) const ACTIVITY: Columns = Columns {
    table: "activities",
    names: &[
        "kind",
        "title",
        "title_zh",
        "start_on",
        "end_on",
        "start_day",
        "end_day",
        "status",
        "owner_unit_id",
        "participants",
        "summary",
        "summary_zh",
        "outcome",
        "source_url",
        "search_key",
    ],
};

/// An activity's values for [`ACTIVITY`]'s columns: what an insert, an update and the bulk load write.
pub(crate) fn activity_values(a: &NewActivity) -> Vec<Arg> {
    let v = vec![
        Arg::Text(a.kind.as_str().into()),
        Arg::Text(a.title.clone()),
        Arg::Text(a.title_zh.clone()),
        Arg::Text(a.start_on.to_string()),
        Arg::OptText(a.end_on.map(|d| d.to_string())),
        Arg::Text(day_text(a.start_day)),
        // The last day its period can cover (migration 0024): the matrix's period test.
        Arg::Text(day_text(a.last_day())),
        Arg::Text(a.status.as_str().into()),
        Arg::Int(a.owner_unit_id),
        Arg::OptInt(a.participants),
        Arg::OptText(a.summary.clone()),
        Arg::OptText(a.summary_zh.clone()),
        Arg::OptText(a.outcome.clone()),
        Arg::OptText(a.source_url.clone()),
        Arg::Text(a.search_key.clone()),
    ];
    ACTIVITY.check(&v);
    v
}

/// What an activity's partnership links carry as `done_day` once it is done: the last day its
/// period can cover (`NewActivity::last_day`; migration 0020). Readers cap it at today.
pub(crate) fn done_day(a: &NewActivity) -> Option<String> {
    (a.status == ActivityStatus::Done).then(|| day_text(a.last_day()))
}

impl TryFrom<CommitmentRow> for Commitment {
    type Error = Error;

    fn try_from(r: CommitmentRow) -> Result<Self> {
        let status = CommitmentStatus::parse(&r.status).ok_or_else(|| Error::Internal(format!("stored status {:?}", r.status)))?;
        Ok(Commitment {
            id: r.id,
            activity_id: r.activity_id,
            what: r.what,
            who: r.who,
            due_on: parse_day(&r.due_on)?,
            status,
            version: r.version,
        })
    }
}

impl ActivityRow {
    /// The activity without its links (filled in by `links`).
    fn into_activity(self) -> Result<Activity> {
        let bad = |what: &str, v: &str| Error::Internal(format!("stored {what} {v:?}"));
        Ok(Activity {
            id: self.id,
            kind: ActivityKind::parse(&self.kind).ok_or_else(|| bad("kind", &self.kind))?,
            title: self.title,
            title_zh: self.title_zh,
            start_on: parse_partial(&self.start_on)?,
            end_on: self.end_on.as_deref().map(parse_partial).transpose()?,
            status: ActivityStatus::parse(&self.status).ok_or_else(|| bad("status", &self.status))?,
            owner_unit_id: self.owner_unit_id,
            partnership_ids: Vec::new(),
            fields: Vec::new(),
            participants: self.participants,
            summary: self.summary,
            summary_zh: self.summary_zh,
            outcome: self.outcome,
            source_url: self.source_url,
            commitments: Vec::new(),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// The filter as `WHERE` terms on `activities a`.
pub(crate) fn where_clause(f: &ActivityFilter) -> Where {
    let mut w = Where::default();
    if let Some(p) = f.partnership {
        w.add("a.id IN (SELECT activity_id FROM activity_partnerships WHERE partnership_id = ?)", Arg::Int(p));
    }
    if let Some(u) = f.unit {
        w.add("a.owner_unit_id = ?", Arg::Int(u));
    }
    if let Some(k) = f.kind {
        w.add("a.kind = ?", Arg::Text(k.as_str().into()));
    }
    if let Some(s) = f.status {
        w.add("a.status = ?", Arg::Text(s.as_str().into()));
    }
    if let Some(code) = &f.field {
        w.add(
            "a.id IN (SELECT af.activity_id FROM activity_fields af JOIN fields fl ON fl.id = af.field_id WHERE fl.code = ?)",
            Arg::Text(code.clone()),
        );
    }
    if let Some(d) = f.from {
        w.add("a.start_day >= ?", Arg::Text(day_text(d)));
    }
    if let Some(d) = f.to {
        w.add("a.start_day <= ?", Arg::Text(day_text(d)));
    }
    if let Some(q) = &f.q {
        w.add("a.search_key LIKE ? ESCAPE '\\'", Arg::Text(crate::dialect::contains_pattern(&amity_refdata::fold(q))));
    }
    if let Some(g) = f.group {
        w.add(
            &format!(
                "a.id IN (SELECT activity_id FROM activity_partnerships WHERE partnership_id IN ({}))",
                crate::args::GROUP_PARTNERSHIPS
            ),
            Arg::Int(g),
        );
    }
    w
}

impl Tx {
    pub(crate) async fn insert_activity_row(&mut self, a: &NewActivity, now: DateTime<Utc>) -> Result<i64> {
        let mut args = activity_values(a);
        args.push(Arg::Time(now));
        let sql = ACTIVITY.insert(&[]);
        on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&sql), &args).fetch_one(&mut *c).await)
            .map_err(on_write("owner_unit_id"))
    }

    pub(crate) async fn update_activity_row(&mut self, id: i64, a: &NewActivity, version: i64, now: DateTime<Utc>) -> Result<bool> {
        let mut args = activity_values(a);
        args.extend([Arg::Time(now), Arg::Int(id), Arg::Int(version)]);
        let sql = ACTIVITY.update();
        let n = on_conn!(self, c => bind_args!(sqlx::query(&sql), &args).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(n.map_err(on_write("owner_unit_id"))? > 0)
    }

    pub(crate) async fn insert_commitment_row(&mut self, activity_id: i64, c: &NewCommitment, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO commitments (activity_id, what, who, due_on, status, version, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id";
        let id = on_conn!(self, conn => sqlx::query_scalar::<_, i64>(SQL)
            .bind(activity_id)
            .bind(&c.what)
            .bind(&c.who)
            .bind(day_text(c.due_on))
            .bind(c.status.as_str())
            .bind(now)
            .fetch_one(&mut *conn)
            .await)
        .map_err(on_write("activity_id"))?;
        Ok(id)
    }
}
