//! iCalendar (RFC 5545) feeds of calendar items. Days are all-day events (DTSTART;VALUE=DATE, DTEND the
//! day after), timed items are in UTC (so no VTIMEZONE is needed and every client agrees), UIDs are
//! stable across regenerations. Items known only to a year have no day to put in a feed and are left
//! out (the agenda shows them); items known to a month span the month, marked transparent.
//!
//! The text is written directly (content lines escaped and folded at 75 octets as §3.1 and §3.3.11
//! say): a three-year private feed holds thousands of events, and a general-purpose builder that
//! keeps each component's properties in maps costs several times the whole computation.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

use crate::calendar_text;
use crate::i18n::Locale;
use amity_core::calendar::{CalendarItem, ItemKind, When};

/// The domain part of every UID.
const UID_DOMAIN: &str = "amity.calendar";

/// The longest content line, in octets, before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// The feed `name` of `items`, as the text of a `text/calendar` response.
pub fn feed(l: Locale, name: &str, items: &[CalendarItem], office: Tz, now: DateTime<Utc>) -> String {
    let mut out = Lines { text: String::with_capacity(256 * items.len() + 256), line: String::with_capacity(256) };
    out.raw("BEGIN:VCALENDAR");
    out.raw("VERSION:2.0");
    out.raw("PRODID:-//Amity//Protocol calendar//EN");
    out.raw("CALSCALE:GREGORIAN");
    out.text("NAME", name);
    out.text("X-WR-CALNAME", name);
    let stamp = format!("DTSTAMP:{}", utc(now));
    for item in items {
        event(&mut out, l, item, office, &stamp);
    }
    out.raw("END:VCALENDAR");
    out.text
}

fn event(out: &mut Lines, l: Locale, item: &CalendarItem, office: Tz, stamp: &str) {
    let (first, last, describe) = match &item.when {
        When::Day { day } => (Start::Day(*day), Start::Day(*day + Duration::days(1)), false),
        When::Days { start, end } => (Start::Day(*start), Start::Day(*end + Duration::days(1)), false),
        When::Month { .. } => (Start::Day(item.when.first_day()), Start::Day(item.when.last_day() + Duration::days(1)), true),
        When::Year { .. } | When::ToBeSet { .. } => return,
        When::Timed { start, end, .. } => (Start::At(*start), Start::At(*end), true),
    };
    out.raw("BEGIN:VEVENT");
    out.line.clear();
    let _ = write!(out.line, "UID:{}@{UID_DOMAIN}", item.uid());
    out.end_line();
    out.raw(stamp);
    out.text("SUMMARY", &calendar_text::title(l, item));
    first.write(out, "DTSTART");
    last.write(out, "DTEND");
    if describe {
        out.text("DESCRIPTION", &crate::i18n::calendar_when(l, &item.when, office));
    } else if !item.interest.is_empty() {
        out.text("DESCRIPTION", &calendar_text::why(l, item));
    }
    let background = matches!(item.when, When::Month { .. })
        || matches!(item.kind, ItemKind::NationalDay | ItemKind::PartnershipAnniversary | ItemKind::DiplomaticAnniversary);
    if background {
        out.raw("TRANSP:TRANSPARENT");
    }
    out.text("CATEGORIES", item.kind.as_str());
    out.raw("END:VEVENT");
}

/// A start or end: a whole day, or an instant written in UTC.
enum Start {
    Day(NaiveDate),
    At(DateTime<Utc>),
}

impl Start {
    fn write(&self, out: &mut Lines, name: &str) {
        out.line.clear();
        let _ = match self {
            Start::Day(d) => write!(out.line, "{name};VALUE=DATE:{:04}{:02}{:02}", d.year(), d.month(), d.day()),
            Start::At(t) => write!(out.line, "{name}:{}", utc(*t)),
        };
        out.end_line();
    }
}

/// `YYYYMMDDTHHMMSSZ`.
fn utc(t: DateTime<Utc>) -> String {
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
}

/// Content lines being written: each ends in CRLF and is folded at 75 octets, never inside a character.
struct Lines {
    text: String,
    /// The line being put together (kept to spare an allocation per line).
    line: String,
}

impl Lines {
    /// A line whose value needs no escaping (names, dates, codes Amity makes).
    fn raw(&mut self, line: &str) {
        fold(&mut self.text, line);
    }

    /// Writes out the line put together in `self.line`.
    fn end_line(&mut self) {
        fold(&mut self.text, &self.line);
    }

    /// A TEXT property: backslash, semicolon, comma and line breaks escaped (§3.3.11).
    fn text(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        if !value.contains(|c: char| matches!(c, '\\' | ';' | ',') || c.is_control()) {
            self.line.push_str(value);
        } else {
            for ch in value.chars() {
                match ch {
                    '\\' => self.line.push_str("\\\\"),
                    ';' => self.line.push_str("\\;"),
                    ',' => self.line.push_str("\\,"),
                    '\n' => self.line.push_str("\\n"),
                    c if c.is_control() => {}
                    c => self.line.push(c),
                }
            }
        }
        self.end_line();
    }
}

/// Appends `line` to `text` folded at 75 octets (a CRLF and a space before each continuation) and ends it.
fn fold(text: &mut String, line: &str) {
    if line.len() <= LINE_OCTETS {
        text.push_str(line);
    } else {
        let mut octets = 0;
        for ch in line.chars() {
            if octets + ch.len_utf8() > LINE_OCTETS {
                text.push_str("\r\n ");
                octets = 1;
            }
            text.push(ch);
            octets += ch.len_utf8();
        }
    }
    text.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use amity_core::calendar::CalendarItem;

    fn unfolded(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = Lines { text: String::new(), line: String::new() };
        let summary = "与萨克拉门托结好三十周年纪念活动暨经贸合作交流会，".repeat(4);
        out.text("SUMMARY", &summary);
        for line in out.text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
        }
        assert_eq!(unfolded(&out.text), format!("SUMMARY:{summary}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        let mut out = Lines { text: String::new(), line: String::new() };
        out.text("SUMMARY", "Forum; trade, culture\\science\nday two");
        assert_eq!(out.text, "SUMMARY:Forum\\; trade\\, culture\\\\science\\nday two\r\n");
    }

    #[test]
    fn all_day_items_end_the_day_after_and_year_only_items_are_left_out() {
        let day = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap_or_default();
        let mut national = CalendarItem::new(ItemKind::NationalDay, When::Day { day });
        national.country = Some("TT".into());
        let to_be_set = CalendarItem::new(ItemKind::Event, When::ToBeSet { year: 2026 });
        let text = feed(Locale::En, "Amity", &[national, to_be_set], chrono_tz::Asia::Shanghai, Utc::now());
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1, "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20260831\r\nDTEND;VALUE=DATE:20260901\r\n"), "{text}");
        assert!(text.contains("TRANSP:TRANSPARENT"), "{text}");
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    }
}
