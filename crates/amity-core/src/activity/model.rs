//! What an activity of the cooperation log is: kind, dates, partnerships, fields, owner unit,
//! status (planned or done), and the follow-up commitments made at it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::PartialDate;
use crate::list::Paging;

crate::choice!(
    /// What kind of cooperation an activity is.
    ActivityKind {
        InboundVisit = "inbound_visit",
        OutboundVisit = "outbound_visit",
        Meeting = "meeting",
        OnlineMeeting = "online_meeting",
        Letter = "letter",
        StudentExchange = "student_exchange",
        TeacherExchange = "teacher_exchange",
        DoctorExchange = "doctor_exchange",
        ExpertExchange = "expert_exchange",
        TradeMission = "trade_mission",
        Donation = "donation",
        Exhibition = "exhibition",
        EventParticipation = "event_participation",
        ProjectMilestone = "project_milestone",
        Other = "other",
    }
);

crate::choice!(
    /// Planned (preparation, not yet cooperation) or done.
    ActivityStatus {
        Planned = "planned",
        Done = "done",
    }
);

crate::choice!(
    /// Where a follow-up commitment stands.
    CommitmentStatus {
        Open = "open",
        Done = "done",
        Dropped = "dropped",
    }
);

/// A follow-up commitment made at an activity.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Commitment {
    pub id: i64,
    pub activity_id: i64,
    /// What was promised.
    pub what: String,
    /// Who is to do it (a person, a unit, the partner).
    pub who: String,
    pub due_on: NaiveDate,
    pub status: CommitmentStatus,
    pub version: i64,
}

/// An activity as stored, with its partnerships, fields and commitments.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: i64,
    pub kind: ActivityKind,
    /// The title in English (or the original language); empty when only the Chinese is given.
    pub title: String,
    /// The title in Chinese; empty when not given.
    pub title_zh: String,
    /// The day (or month, or year) it happened or will happen.
    pub start_on: PartialDate,
    /// The last day of a range, when it lasted longer.
    pub end_on: Option<PartialDate>,
    pub status: ActivityStatus,
    pub owner_unit_id: i64,
    pub partnership_ids: Vec<i64>,
    /// Codes of the cooperation fields.
    pub fields: Vec<String>,
    pub participants: Option<i64>,
    pub summary: Option<String>,
    /// The summary in Chinese.
    pub summary_zh: Option<String>,
    pub outcome: Option<String>,
    pub source_url: Option<String>,
    pub commitments: Vec<Commitment>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An activity as a form, the API or an import gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ActivityInput {
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub kind: String,
    /// The title in English (or the original language); this or `title_zh` is required.
    pub title: String,
    /// The title in Chinese.
    pub title_zh: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub start_on: String,
    pub end_on: String,
    /// `planned` or `done`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub status: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub owner_unit_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub partnership_ids: Vec<i64>,
    pub fields: Vec<String>,
    pub participants: Option<i64>,
    pub summary: String,
    pub summary_zh: String,
    pub outcome: String,
    pub source_url: String,
    /// Commitments to add with a new activity (ignored on update; manage them one by one).
    pub commitments: Vec<CommitmentInput>,
    /// Required on update.
    pub version: Option<i64>,
}

/// A commitment as entered.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CommitmentInput {
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub what: String,
    pub who: String,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub due_on: String,
    /// `open` (default), `done` or `dropped`.
    pub status: String,
    /// Required when changing a commitment.
    pub version: Option<i64>,
}

/// A validated activity, ready to store.
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub kind: ActivityKind,
    pub title: String,
    pub title_zh: String,
    pub start_on: PartialDate,
    pub end_on: Option<PartialDate>,
    /// First day of `start_on` (`YYYY-MM-DD`), for periods and ordering.
    pub start_day: NaiveDate,
    pub status: ActivityStatus,
    pub owner_unit_id: i64,
    pub partnership_ids: Vec<i64>,
    pub fields: Vec<String>,
    pub participants: Option<i64>,
    pub summary: Option<String>,
    pub summary_zh: Option<String>,
    pub outcome: Option<String>,
    pub source_url: Option<String>,
    pub search_key: String,
}

impl Activity {
    /// The title in the reader's language (`zh` for Chinese), else the other.
    pub fn title_in(&self, zh: bool) -> &str {
        crate::bilingual::pick(zh, &self.title, &self.title_zh)
    }

    /// The summary in the reader's language, else the other.
    pub fn summary_in(&self, zh: bool) -> Option<&str> {
        crate::bilingual::pick_opt(zh, self.summary.as_deref(), self.summary_zh.as_deref())
    }
}

impl NewActivity {
    /// The last day its period can cover: the end's last day, else the start's ("2022" → 31
    /// December 2022). Health measures recency from it (capped at the office's today when read),
    /// so no partner turns quiet or dormant early.
    pub fn last_day(&self) -> NaiveDate {
        self.end_on.unwrap_or(self.start_on).last_day()
    }
}

/// A validated commitment.
#[derive(Debug, Clone)]
pub struct NewCommitment {
    pub what: String,
    pub who: String,
    pub due_on: NaiveDate,
    pub status: CommitmentStatus,
}

/// Filters of the activity list.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub partnership: Option<i64>,
    pub unit: Option<i64>,
    pub kind: Option<ActivityKind>,
    pub status: Option<ActivityStatus>,
    pub field: Option<String>,
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
    pub q: Option<String>,
    /// Id of a country group: only records naming a partnership in its member countries.
    pub group: Option<i64>,
    pub paging: Paging,
}

/// Per-partnership figures the health rule needs, computed by one query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityFigures {
    pub partnership_id: i64,
    /// The latest day a done activity that has begun can cover — its period's last day, but never
    /// after today (a "2026" activity done this year counts as today) — for the rule.
    pub last_done: Option<NaiveDate>,
    /// The same activity's date as recorded (a year stays a year: never shown as 1 January).
    pub last_done_on: Option<PartialDate>,
    /// Done activities since the 12-month and 24-month marks.
    pub done_12: i64,
    pub done_24: i64,
    /// Distinct fields of done activities in the last 24 months.
    pub fields_24: i64,
    /// Open commitments whose due day has passed.
    pub overdue_commitments: i64,
}

/// One overdue commitment with what it belongs to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueCommitment {
    pub commitment: Commitment,
    pub activity_title: String,
    /// The activity's title in Chinese (empty when not given).
    pub activity_title_zh: String,
    pub partnership_ids: Vec<i64>,
}
