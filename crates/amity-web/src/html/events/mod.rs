//! Event pages: the list with filters and its CSV/XLSX exports, the record (local and partner time zones, status actions,
//! report, logged activities, budget, history), the form, series, registrations with check-in, and the
//! participant exports (CSV, XLSX, a printable signed list by country, name badges).

mod budget;
mod exports;
mod form;
mod list;
mod list_export;
mod registrations;
mod series;
mod show;

pub use budget::{add_budget_line, delete_budget_line};
pub use exports::{badges, participants_csv, participants_xlsx, sign_sheet};
pub use form::{create, delete, edit_form, new_form, update};
pub use list::list;
pub use list_export::{list_csv, list_xlsx};
pub use registrations::{add_registration, check_in, edit_registration, registration_status, registrations, update_registration};
pub use series::{create_series, edit_series, series, update_series};
pub use show::{save_report, set_status, show};

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::Opt;
use crate::i18n::{Locale, date_long, partial_date};
use amity_core::event::{Event, EventKind, EventStatus};

/// A wall time in the reader's language: `10 Jun 2023 09:00` / `2023年6月10日 09:00`.
pub fn wall(l: Locale, t: NaiveDateTime, with_time: bool) -> String {
    if with_time { format!("{} {}", date_long(l, t.date()), t.format("%H:%M")) } else { date_long(l, t.date()) }
}

/// `UTC+08:00` for an instant in a zone.
pub fn utc_offset(tz: Tz, t: DateTime<Utc>) -> String {
    let secs = tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// An instant as the wall time of a zone, with its offset.
pub fn in_zone(l: Locale, t: DateTime<Utc>, tz: Tz) -> String {
    format!("{} ({})", wall(l, t.with_timezone(&tz).naive_local(), true), utc_offset(tz, t))
}

/// When the event takes place, at the venue: a range of wall times, whole days, or the planned
/// year or month with "date to be set".
pub fn when(l: Locale, e: &Event) -> String {
    match (e.starts_local, e.ends_local, e.planned_on) {
        (Some(s), Some(x), _) => {
            let timed = !e.all_day;
            if s == x {
                wall(l, s, timed)
            } else if s.date() == x.date() && timed {
                format!("{} – {}", wall(l, s, true), x.format("%H:%M"))
            } else {
                format!("{} – {}", wall(l, s, timed), wall(l, x, timed))
            }
        }
        (_, _, Some(d)) => l.t_with("events.date_tbd", &[("date", partial_date(l, &d))]),
        _ => String::new(),
    }
}

/// The title in the reader's language, with the other beside it when both exist.
pub fn both_titles(l: Locale, e: &Event) -> String {
    let (first, second) = if l.is_zh() { (&e.title_zh, &e.title_en) } else { (&e.title_en, &e.title_zh) };
    match (first.is_empty(), second.is_empty()) {
        (false, false) => format!("{first} · {second}"),
        (true, _) => second.clone(),
        (false, true) => first.clone(),
    }
}

/// Options of the kind select.
pub fn kind_opts(l: Locale, current: &str) -> Vec<Opt> {
    EventKind::ALL
        .iter()
        .map(|k| Opt { selected: k.as_str() == current.trim(), value: k.as_str().into(), label: l.t(&format!("event_kind.{k}")) })
        .collect()
}

/// Options of the status select.
pub fn status_opts(l: Locale, current: &str) -> Vec<Opt> {
    EventStatus::ALL
        .iter()
        .map(|k| Opt { selected: k.as_str() == current.trim(), value: k.as_str().into(), label: l.t(&format!("event_status.{k}")) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_daylight_saving() {
        let t = DateTime::parse_from_rfc3339("2023-06-10T01:00:00Z").expect("t").with_timezone(&Utc);
        assert_eq!(utc_offset(chrono_tz::America::Los_Angeles, t), "UTC-07:00");
        assert_eq!(in_zone(Locale::En, t, chrono_tz::America::Los_Angeles), "9 Jun 2023 18:00 (UTC-07:00)");
        assert_eq!(in_zone(Locale::Zh, t, chrono_tz::Asia::Shanghai), "2023年6月10日 09:00 (UTC+08:00)");
    }
}
