//! Every date, time, number and sum of money as each language writes it: 19 Apr 2023 /
//! 2023年4月19日, 10 Jun 2023 09:00 (UTC+08:00), 1,234,567, 30,000 JPY. Pages, exports, feeds and
//! digests format through these, never with their own `format!`.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::Locale;
use amity_core::PartialDate;
use amity_core::activity::Activity;
use amity_core::calendar::When;
use amity_core::event::Event;

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A full date: `19 Apr 2023` or `2023年4月19日`.
pub fn date_long(l: Locale, d: NaiveDate) -> String {
    match l {
        Locale::En => format!("{} {} {}", d.day(), MONTHS_EN[d.month0() as usize], d.year()),
        Locale::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// A partial date at its own precision: `2004`, `Apr 1985`, `1985年4月`.
pub fn partial_date(l: Locale, d: &PartialDate) -> String {
    match (l, d) {
        (_, PartialDate::Day(day)) => date_long(l, *day),
        (Locale::En, PartialDate::Month(y, m)) => format!("{} {y}", MONTHS_EN[(*m as usize).saturating_sub(1) % 12]),
        (Locale::Zh, PartialDate::Month(y, m)) => format!("{y}年{m}月"),
        (Locale::En, PartialDate::Year(y)) => y.to_string(),
        (Locale::Zh, PartialDate::Year(y)) => format!("{y}年"),
    }
}

/// An integer with thousands separators (both languages group by three with commas in office use).
pub fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

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
pub fn event_when(l: Locale, e: &Event) -> String {
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

/// A visit's dates: `21 Apr 2023 – 23 Apr 2023`, or one day.
pub fn span(l: Locale, from: NaiveDate, to: NaiveDate) -> String {
    if from == to { date_long(l, from) } else { format!("{} – {}", date_long(l, from), date_long(l, to)) }
}

/// The activity's date or range, in the reader's language.
pub fn activity_when(l: Locale, a: &Activity) -> String {
    match a.end_on {
        Some(e) if e != a.start_on => format!("{} – {}", partial_date(l, &a.start_on), partial_date(l, &e)),
        _ => partial_date(l, &a.start_on),
    }
}
/// When the item falls, as a reader says it; timed items in the venue's time and in `office` time when they differ.
pub fn calendar_when(l: Locale, w: &When, office: Tz) -> String {
    match w {
        When::Day { day } => date_long(l, *day),
        When::Days { start, end } => l.t_with("calendar.when_range", &[("start", date_long(l, *start)), ("end", date_long(l, *end))]),
        When::Month { year, month } => l.t_with("calendar.when_month", &[("month", month_name(l, *year, *month))]),
        When::Year { year } => l.t_with("calendar.when_year", &[("year", year.to_string())]),
        When::ToBeSet { year } => l.t_with("calendar.when_to_be_set", &[("year", year.to_string())]),
        When::Timed { start, end, time_zone, .. } => {
            let venue: Tz = time_zone.parse().unwrap_or(office);
            let local = timed(l, start, end, venue);
            if venue.name() == office.name() {
                local
            } else {
                l.t_with("calendar.when_two_zones", &[("venue", local), ("office", timed(l, start, end, office))])
            }
        }
    }
}

fn timed(l: Locale, start: &DateTime<Utc>, end: &DateTime<Utc>, tz: Tz) -> String {
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let zone = s.format("%Z").to_string();
    if s.date_naive() == e.date_naive() {
        format!("{} {}–{} {zone}", date_long(l, s.date_naive()), s.format("%H:%M"), e.format("%H:%M"))
    } else {
        format!("{} {} – {} {} {zone}", date_long(l, s.date_naive()), s.format("%H:%M"), date_long(l, e.date_naive()), e.format("%H:%M"))
    }
}

/// "May 2026" / "2026年5月".
pub fn month_name(l: Locale, year: i32, month: u32) -> String {
    match NaiveDate::from_ymd_opt(year, month, 1) {
        Some(d) => partial_date(l, &amity_core::PartialDate::Month(d.year(), d.month())),
        None => year.to_string(),
    }
}

/// A sum of money as entered (`30000`, `3200.50`) with its currency: `30,000 JPY`.
pub fn money(value: &str, currency: &str) -> String {
    format!("{} {currency}", amity_core::money::group_thousands(value))
}

/// A sum in minor units with its currency, at the currency's precision: `1250.00`.
pub fn money_minor(minor: i64, currency: &str) -> String {
    amity_core::money::format_minor(minor, currency)
}

/// `1234567.5` → `1,234,567.5`.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2023, 4, 19).expect("valid");
        assert_eq!(date_long(Locale::En, d), "19 Apr 2023");
        assert_eq!(date_long(Locale::Zh, d), "2023年4月19日");
        assert_eq!(partial_date(Locale::Zh, &PartialDate::Month(1985, 4)), "1985年4月");
        assert_eq!(partial_date(Locale::En, &PartialDate::Year(2004)), "2004");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(number(4_335_989), "4,335,989");
        assert_eq!(number(85), "85");
        assert_eq!(number(-1000), "-1,000");
    }

    #[test]
    fn offsets_follow_daylight_saving() {
        let t = DateTime::parse_from_rfc3339("2023-06-10T01:00:00Z").expect("t").with_timezone(&Utc);
        assert_eq!(utc_offset(chrono_tz::America::Los_Angeles, t), "UTC-07:00");
        assert_eq!(in_zone(Locale::En, t, chrono_tz::America::Los_Angeles), "9 Jun 2023 18:00 (UTC-07:00)");
        assert_eq!(in_zone(Locale::Zh, t, chrono_tz::Asia::Shanghai), "2023年6月10日 09:00 (UTC+08:00)");
    }
}
