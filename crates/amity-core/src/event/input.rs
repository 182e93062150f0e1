//! Validation of events (series: `series_model.rs`): every bad field named at once; local wall times turned into
//! UTC instants through the venue's IANA time zone.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{CoOrganiser, EventInput, EventKind, EventStatus, NewEvent};
use crate::error::{FieldError, Problems, Result};
use crate::validate::{NAME_MAX, NOTE_MAX, country_code, optional_text, optional_url, search_key};
use crate::{PartialDate, PartialDateError};

/// The largest capacity and edition accepted.
const COUNT_MAX: i64 = 1_000_000;

/// An IANA time zone name known to the tz database.
pub fn time_zone(field: &str, s: &str) -> Result<Tz, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    s.parse::<Tz>().map_err(|_| FieldError::new(field, "unknown_time_zone").with("value", crate::validate::truncate(s, 60)))
}

/// A local wall time: `YYYY-MM-DDTHH:MM[:SS]` (a space works too), or a day `YYYY-MM-DD`
/// (returned with `true`: a whole day).
pub fn local_time(field: &str, s: &str) -> Result<(NaiveDateTime, bool), FieldError> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok((d.and_time(NaiveTime::MIN), true));
    }
    for f in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Ok((t, false));
        }
    }
    Err(FieldError::new(field, "invalid_local_time"))
}

/// The instant a wall time names in a zone; a time skipped by a daylight-saving change is refused,
/// a repeated one means its first occurrence.
fn instant(field: &str, tz: Tz, t: NaiveDateTime) -> Result<DateTime<Utc>, FieldError> {
    match tz.from_local_datetime(&t) {
        LocalResult::Single(x) | LocalResult::Ambiguous(x, _) => Ok(x.with_timezone(&Utc)),
        LocalResult::None => Err(FieldError::new(field, "no_such_local_time")),
    }
}

/// Exact dates of an event as validated.
struct Exact {
    starts_local: NaiveDateTime,
    ends_local: NaiveDateTime,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    all_day: bool,
}

/// A start or end as the input gives it: a local wall time, or an instant with its offset (RFC 3339,
/// as a read answers `starts_at` and `ends_at`) turned into the venue's wall time. The instant
/// ending an all-day event is the end of its last day, so that day is the one before.
fn wall_time(field: &str, s: &str, tz: Option<Tz>, all_day: bool, is_end: bool) -> Result<(NaiveDateTime, bool), FieldError> {
    let local = local_time(field, s);
    let Some(instant) = local.is_err().then(|| DateTime::parse_from_rfc3339(s.trim()).ok()).flatten() else { return local };
    let Some(tz) = tz else { return local };
    let wall = instant.with_timezone(&tz).naive_local();
    if all_day && is_end && wall.time() == NaiveTime::MIN {
        return Ok((wall - Duration::days(1), false));
    }
    Ok((wall, false))
}

fn exact(p: &mut Problems, input: &EventInput, tz: Option<Tz>) -> Option<Exact> {
    let start = p.take(wall_time("starts_at", &input.starts_at, tz, input.all_day, false))?;
    let end =
        if input.ends_at.trim().is_empty() { Some(start) } else { p.take(wall_time("ends_at", &input.ends_at, tz, input.all_day, true)) }?;
    let all_day = input.all_day || (start.1 && end.1);
    let (starts_local, ends_local) =
        if all_day { (start.0.date().and_time(NaiveTime::MIN), end.0.date().and_time(NaiveTime::MIN)) } else { (start.0, end.0) };
    if ends_local < starts_local {
        p.push(FieldError::new("ends_at", "end_before_start"));
        return None;
    }
    let tz = tz?;
    let starts_at = p.take(instant("starts_at", tz, starts_local))?;
    // An all-day event ends when its last day does.
    let end_wall = if all_day { ends_local + Duration::days(1) } else { ends_local };
    let ends_at = p.take(instant("ends_at", tz, end_wall))?;
    Some(Exact { starts_local, ends_local, starts_at, ends_at, all_day })
}

fn planned(p: &mut Problems, s: &str) -> Option<PartialDate> {
    if s.trim().is_empty() {
        p.push(FieldError::new("planned_on", "date_required"));
        return None;
    }
    p.take(PartialDate::parse(s).map_err(|e| match e {
        PartialDateError::Format => FieldError::new("planned_on", "invalid_partial_date"),
        PartialDateError::NoSuchDate => FieldError::new("planned_on", "no_such_date"),
    }))
}

fn unique(ids: &[i64]) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

fn count(p: &mut Problems, field: &str, v: Option<i64>, min: i64) -> Option<i64> {
    let v = v?;
    if (min..=COUNT_MAX).contains(&v) {
        Some(v)
    } else {
        p.push(FieldError::new(field, "out_of_range").with("min", min).with("max", COUNT_MAX));
        None
    }
}

fn co_organisers(p: &mut Problems, input: &EventInput) -> Vec<CoOrganiser> {
    let mut out: Vec<CoOrganiser> = unique(&input.co_organiser_unit_ids).into_iter().map(CoOrganiser::Unit).collect();
    out.extend(unique(&input.co_organiser_partnership_ids).into_iter().map(CoOrganiser::Partnership));
    for (i, name) in input.co_organiser_names.iter().enumerate() {
        if let Some(Some(n)) = p.take(optional_text(&format!("co_organiser_names[{i}]"), name, NAME_MAX))
            && !out.contains(&CoOrganiser::Name(n.clone()))
        {
            out.push(CoOrganiser::Name(n));
        }
    }
    out
}

impl NewEvent {
    /// Validates an event's own fields; `status` is the status it will have (which decides whether an
    /// exact date is required). References are checked against the store by the service.
    pub fn validate(input: &EventInput, status: EventStatus) -> Result<Self> {
        let mut p = Problems::default();
        let kind = p.take_or(EventKind::parse_field("kind", &input.kind), EventKind::ALL[0]);
        let title_en = p.take_default(optional_text("title_en", &input.title_en, NAME_MAX)).unwrap_or_default();
        let title_zh = p.take_default(optional_text("title_zh", &input.title_zh, NAME_MAX)).unwrap_or_default();
        if input.title_en.trim().is_empty() && input.title_zh.trim().is_empty() {
            p.push(FieldError::new("title_en", "title_required"));
        }
        let description = p.take_default(optional_text("description", &input.description, NOTE_MAX));
        // The zone steers the reading of the exact times, so it stays optional until the end.
        let tz = p.take(time_zone("time_zone", &input.time_zone));
        let has_exact = !input.starts_at.trim().is_empty();
        let (ex, planned_on) = if has_exact {
            (exact(&mut p, input, tz), None)
        } else {
            if status.needs_exact_dates() {
                p.push(FieldError::new("starts_at", "exact_date_required").with("status", status));
            }
            if !input.ends_at.trim().is_empty() {
                p.push(FieldError::new("starts_at", "required"));
            }
            (None, planned(&mut p, &input.planned_on))
        };
        // A refused date leaves neither; the fallback is never seen, as finish() then fails.
        let (first_day, last_day) = match (&ex, &planned_on) {
            (Some(e), _) => (e.starts_local.date(), e.ends_local.date()),
            (None, Some(d)) => (d.first_day(), d.last_day()),
            (None, None) => Default::default(),
        };
        let venue = p.take_default(optional_text("venue", &input.venue, NAME_MAX));
        if input.organiser_unit_id.is_none() {
            p.push(FieldError::new("organiser_unit_id", "required"));
        }
        let co = co_organisers(&mut p, input);
        let fields = crate::field::codes(&mut p, &input.fields);
        let country = if input.country_code.trim().is_empty() { None } else { p.take(country_code("country_code", &input.country_code)) };
        let capacity = count(&mut p, "capacity", input.capacity, 1);
        let edition = count(&mut p, "edition", input.edition, 1);
        if input.edition.is_some() && input.series_id.is_none() {
            p.push(FieldError::new("series_id", "required_with_edition"));
        }
        let source_url = p.take_default(optional_url("source_url", &input.source_url));
        p.finish()?;
        let key = search_key([title_en.as_str(), title_zh.as_str(), venue.as_deref().unwrap_or("")]);
        Ok(NewEvent {
            series_id: input.series_id,
            edition,
            kind,
            title_en,
            title_zh,
            description,
            planned_on,
            starts_local: ex.as_ref().map(|e| e.starts_local),
            ends_local: ex.as_ref().map(|e| e.ends_local),
            starts_at: ex.as_ref().map(|e| e.starts_at),
            ends_at: ex.as_ref().map(|e| e.ends_at),
            all_day: ex.as_ref().is_some_and(|e| e.all_day),
            time_zone: tz.unwrap_or(Tz::UTC).name().to_string(),
            first_day,
            last_day,
            venue,
            organiser_unit_id: input.organiser_unit_id.unwrap_or_default(),
            co_organisers: co,
            invited_partnership_ids: unique(&input.invited_partnership_ids),
            fields,
            country_code: country,
            capacity,
            public: input.public,
            status,
            source_url,
            search_key: key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn valid() -> EventInput {
        EventInput {
            kind: "forum".into(),
            title_en: "World Sister City Forum".into(),
            starts_at: "2023-06-10T09:00".into(),
            ends_at: "2023-06-10T17:30".into(),
            time_zone: "Asia/Shanghai".into(),
            organiser_unit_id: Some(1),
            ..Default::default()
        }
    }

    fn fields(e: Error) -> Vec<(String, String)> {
        match e {
            Error::Validation(v) => v.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_jinan_morning_is_the_previous_evening_in_utc() {
        let e = NewEvent::validate(&valid(), EventStatus::Confirmed).expect("valid");
        assert_eq!(e.starts_at.map(|t| t.to_rfc3339()), Some("2023-06-10T01:00:00+00:00".into()));
        assert_eq!((e.first_day.to_string(), e.last_day.to_string()), ("2023-06-10".into(), "2023-06-10".into()));
    }

    #[test]
    fn an_end_before_the_start_names_ends_at() {
        let mut i = valid();
        i.ends_at = "2023-06-09T10:00".into();
        assert_eq!(
            fields(NewEvent::validate(&i, EventStatus::Planned).expect_err("refused")),
            [("ends_at".into(), "end_before_start".into())]
        );
    }

    #[test]
    fn a_time_zone_that_does_not_exist_names_time_zone() {
        let mut i = valid();
        i.time_zone = "Asia/Jinan".into();
        assert_eq!(
            fields(NewEvent::validate(&i, EventStatus::Planned).expect_err("refused")),
            [("time_zone".into(), "unknown_time_zone".into())]
        );
    }

    #[test]
    fn a_year_only_date_is_allowed_while_planned_but_not_once_confirmed() {
        let mut i = valid();
        i.starts_at.clear();
        i.ends_at.clear();
        i.planned_on = "2023".into();
        let e = NewEvent::validate(&i, EventStatus::Planned).expect("planned");
        assert_eq!((e.first_day.to_string(), e.last_day.to_string()), ("2023-01-01".into(), "2023-12-31".into()));
        assert!(e.starts_at.is_none());
        let errs = fields(NewEvent::validate(&i, EventStatus::Confirmed).expect_err("refused"));
        assert_eq!(errs, [("starts_at".into(), "exact_date_required".into())]);
    }

    #[test]
    fn a_wall_time_skipped_by_daylight_saving_is_refused() {
        let mut i = valid();
        i.time_zone = "America/Los_Angeles".into();
        i.starts_at = "2023-03-12T02:30".into();
        i.ends_at = "2023-03-12T05:00".into();
        let errs = fields(NewEvent::validate(&i, EventStatus::Planned).expect_err("refused"));
        assert_eq!(errs, [("starts_at".into(), "no_such_local_time".into())]);
    }

    #[test]
    fn day_only_dates_make_an_all_day_event_that_ends_with_its_last_day() {
        let mut i = valid();
        i.starts_at = "2023-06-10".into();
        i.ends_at = "2023-06-11".into();
        let e = NewEvent::validate(&i, EventStatus::Planned).expect("valid");
        assert!(e.all_day);
        assert_eq!(e.ends_at.map(|t| t.to_rfc3339()), Some("2023-06-11T16:00:00+00:00".into()));
    }
}
