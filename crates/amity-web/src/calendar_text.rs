//! How a calendar item reads in each language: its title ("Trinidad and Tobago: Independence Day" /
//! "特立尼达和多巴哥国庆日", "30th anniversary of the partnership with Sacramento" / "与萨克拉门托结好30周年"),
//! when it falls at the precision known, and where a reader goes to act on it.

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use crate::html::partnerships::view::country_name;
use crate::i18n::{Locale, date_long};
use amity_core::calendar::{CalendarItem, ItemKind, When};

/// The item's title in the reader's language.
pub fn title(l: Locale, item: &CalendarItem) -> String {
    let country = || item.country.as_deref().map(|c| country_name(l, c)).unwrap_or_default();
    let years = item.years.unwrap_or_default().to_string();
    match item.kind {
        ItemKind::NationalDay => national_day(l, item.country.as_deref().unwrap_or("")),
        ItemKind::PartnershipAnniversary => {
            let city = if l.is_zh() { item.city_zh.clone().or_else(|| item.city_en.clone()) } else { item.city_en.clone() };
            l.t_with("calendar.title_partnership_anniversary", &[("years", years), ("city", city.unwrap_or_default())])
        }
        ItemKind::DiplomaticAnniversary => l.t_with("calendar.title_diplomatic_anniversary", &[("years", years), ("country", country())]),
        ItemKind::CommitmentDue => l.t_with("calendar.title_commitment_due", &[("what", item.title.clone().unwrap_or_default())]),
        _ => record_title(l, item),
    }
}

/// A record's own title, in Chinese for Chinese readers when it has one.
fn record_title(l: Locale, item: &CalendarItem) -> String {
    let zh = item.title_zh.as_ref().filter(|t| !t.is_empty());
    match (l.is_zh(), zh) {
        (true, Some(t)) => t.clone(),
        _ => item.title.clone().or_else(|| item.title_zh.clone()).unwrap_or_default(),
    }
}

/// "Trinidad and Tobago: Independence Day" / "特立尼达和多巴哥国庆日" (Chinese offices name every country's day so).
pub fn national_day(l: Locale, iso2: &str) -> String {
    let Some(c) = amity_refdata::country(iso2) else { return iso2.to_string() };
    match (&c.national_day, l.is_zh()) {
        (Some(d), true) => d.name_zh(c),
        (Some(d), false) => format!("{}: {}", c.name_en, d.name_en),
        (None, _) => country_name(l, iso2),
    }
}

/// When the item falls, as a reader says it; timed items in the venue's time and in `office` time when they differ.
pub fn when(l: Locale, w: &When, office: Tz) -> String {
    match w {
        When::Day { day } => date_long(l, *day),
        When::Days { start, end } => l.t_with("calendar.when_range", &[("start", date_long(l, *start)), ("end", date_long(l, *end))]),
        When::Month { year, month } => l.t_with("calendar.when_month", &[("month", month_name(l, *year, *month))]),
        When::Year { year } => l.t_with("calendar.when_year", &[("year", year.to_string())]),
        When::ToBeSet { year } => l.t_with("calendar.when_to_be_set", &[("year", year.to_string())]),
        When::Timed { start, end, time_zone } => {
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

fn timed(l: Locale, start: &chrono::DateTime<chrono::Utc>, end: &chrono::DateTime<chrono::Utc>, tz: Tz) -> String {
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
        Some(d) => crate::i18n::partial_date(l, &amity_core::PartialDate::Month(d.year(), d.month())),
        None => year.to_string(),
    }
}

/// Where the reader goes from the item: the record, or the partner's page.
pub fn link(item: &CalendarItem) -> Option<String> {
    match item.kind {
        ItemKind::CommitmentDue => item.parent_id.map(|id| format!("/activities/{id}")),
        ItemKind::Event => item.record_id.map(|id| format!("/events/{id}")),
        ItemKind::Delegation => item.record_id.map(|id| format!("/delegations/{id}")),
        ItemKind::AgreementExpiry => item.partnership_id.map(|id| format!("/partnerships/{id}")),
        ItemKind::PartnershipAnniversary => item.partnership_id.map(|id| format!("/partnerships/{id}")),
        ItemKind::NationalDay | ItemKind::DiplomaticAnniversary => item.country.as_ref().map(|c| format!("/partnerships?country={c}")),
    }
}

/// "today", "tomorrow", "in 14 days".
pub fn due(l: Locale, days: i64) -> String {
    match days {
        0 => l.t("calendar.due_today"),
        1 => l.t("calendar.due_tomorrow"),
        n => l.t_with("calendar.due_in_days", &[("days", n.to_string())]),
    }
}
