//! iCalendar (RFC 5545) feeds of calendar items. Days are all-day events (DTSTART;VALUE=DATE, DTEND the
//! day after), timed items are in UTC (so no VTIMEZONE is needed and every client agrees), UIDs are
//! stable across regenerations. Items known only to a year have no day to put in a feed and are left
//! out (the agenda shows them); items known to a month span the month, marked transparent.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventLike};

use crate::calendar_text;
use crate::i18n::Locale;
use amity_core::calendar::{CalendarItem, ItemKind, When};

/// The domain part of every UID.
const UID_DOMAIN: &str = "amity.calendar";

/// The feed `name` of `items`, as the text of a `text/calendar` response.
pub fn feed(l: Locale, name: &str, items: &[CalendarItem], office: Tz, now: DateTime<Utc>) -> String {
    let mut cal = Calendar::new();
    cal.name(name);
    cal.append_property(icalendar::Property::new("PRODID", "-//Amity//Protocol calendar//EN"));
    for item in items {
        if let Some(event) = event(l, item, office, now) {
            cal.push(event);
        }
    }
    cal.done().to_string()
}

fn all_day(e: &mut Event, first: NaiveDate, last: NaiveDate) {
    e.starts(first);
    e.ends(last + Duration::days(1));
}

fn event(l: Locale, item: &CalendarItem, office: Tz, now: DateTime<Utc>) -> Option<Event> {
    let mut e = Event::new();
    e.uid(&format!("{}@{UID_DOMAIN}", item.uid()));
    e.timestamp(now);
    e.summary(&calendar_text::title(l, item));
    match &item.when {
        When::Day { day } => all_day(&mut e, *day, *day),
        When::Days { start, end } => all_day(&mut e, *start, *end),
        When::Month { .. } => {
            all_day(&mut e, item.when.first_day(), item.when.last_day());
            e.append_property(icalendar::Property::new("TRANSP", "TRANSPARENT"));
            e.description(&calendar_text::when(l, &item.when, office));
        }
        When::Year { .. } | When::ToBeSet { .. } => return None,
        When::Timed { start, end, .. } => {
            e.starts(*start);
            e.ends(*end);
            e.description(&calendar_text::when(l, &item.when, office));
        }
    }
    if matches!(item.kind, ItemKind::NationalDay | ItemKind::PartnershipAnniversary | ItemKind::DiplomaticAnniversary) {
        e.append_property(icalendar::Property::new("TRANSP", "TRANSPARENT"));
    }
    e.append_property(icalendar::Property::new("CATEGORIES", item.kind.as_str()));
    Some(e.done())
}
