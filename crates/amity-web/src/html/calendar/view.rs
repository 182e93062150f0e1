//! Calendar items ready to print, and the month grid they are laid out on.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;

use crate::calendar_text;
use crate::i18n::Locale;
use crate::view::country_name;
use amity_core::calendar::{CalendarItem, Reminder, When};

/// One item as a line of the calendar.
pub struct ItemRow {
    pub kind: &'static str,
    pub kind_label: String,
    pub title: String,
    pub when: String,
    pub link: String,
    pub country: String,
    pub low_confidence: bool,
    /// Why a national day is on the calendar ("country group: Caribbean"); empty otherwise.
    pub why: String,
}

impl ItemRow {
    pub fn new(l: Locale, office: Tz, item: &CalendarItem) -> Self {
        Self {
            kind: item.kind.as_str(),
            kind_label: l.t(&format!("calendar.kind_{}", item.kind)),
            title: calendar_text::title(l, item),
            when: crate::i18n::calendar_when(l, &item.when, office),
            link: calendar_text::link(item).unwrap_or_default(),
            country: item.country.as_deref().map(|c| country_name(l, c)).unwrap_or_default(),
            low_confidence: item.low_confidence,
            why: calendar_text::why(l, item),
        }
    }
}

/// A reminder as a line: "… in 14 days — nothing planned yet" / "— a celebration is planned".
pub struct ReminderRow {
    pub item: ItemRow,
    pub due: String,
    /// The due text where the date does not already say it: empty for an occasion known only by
    /// its year or month (its date reads "In 2028 (date not recorded)"; "in 2028" again adds nothing).
    pub due_after_date: String,
    pub prepared: bool,
    pub readiness: String,
}

impl ReminderRow {
    pub fn new(l: Locale, office: Tz, r: &Reminder) -> Self {
        Self {
            item: ItemRow::new(l, office, &r.item),
            due: calendar_text::due(l, r),
            due_after_date: match r.item.when {
                When::Year { .. } | When::Month { .. } => String::new(),
                _ => calendar_text::due(l, r),
            },
            prepared: r.prepared,
            readiness: calendar_text::readiness(l, r),
        }
    }
}

/// A day of the month grid.
pub struct DayCell {
    pub day: u32,
    pub date: String,
    pub in_month: bool,
    pub today: bool,
    pub items: Vec<ItemRow>,
}

/// The weeks (Monday first) covering `month_start`'s month, with the dated items on their days; items
/// that fall somewhere in the month or year without a known day are returned apart.
pub fn month_grid(
    l: Locale,
    office: Tz,
    month_start: NaiveDate,
    today: NaiveDate,
    items: &[CalendarItem],
) -> (Vec<Vec<DayCell>>, Vec<ItemRow>) {
    let first = month_start - Duration::days(i64::from(month_start.weekday().num_days_from_monday()));
    let month_end = amity_core::PartialDate::Month(month_start.year(), month_start.month()).last_day();
    let last = month_end + Duration::days(6 - i64::from(month_end.weekday().num_days_from_monday()));
    let mut by_day: BTreeMap<NaiveDate, Vec<ItemRow>> = BTreeMap::new();
    let mut undated = Vec::new();
    for item in items {
        if !item.when.is_dated() {
            undated.push(ItemRow::new(l, office, item));
            continue;
        }
        let (from, to) = (item.when.first_day().max(first), item.when.last_day().min(last));
        let mut d = from;
        while d <= to {
            by_day.entry(d).or_default().push(ItemRow::new(l, office, item));
            d += Duration::days(1);
        }
    }
    let mut weeks = Vec::new();
    let mut d = first;
    while d <= last {
        let week = (0..7)
            .map(|i| {
                let day = d + Duration::days(i);
                DayCell {
                    day: day.day(),
                    date: crate::i18n::date_long(l, day),
                    in_month: day.month() == month_start.month(),
                    today: day == today,
                    items: by_day.remove(&day).unwrap_or_default(),
                }
            })
            .collect();
        weeks.push(week);
        d += Duration::days(7);
    }
    (weeks, undated)
}

/// The agenda: items grouped under the month their first day falls in ("May 2026").
pub fn agenda(l: Locale, office: Tz, items: &[CalendarItem]) -> Vec<(String, Vec<ItemRow>)> {
    let mut groups: Vec<(String, Vec<ItemRow>)> = Vec::new();
    for item in items {
        let d = item.when.first_day();
        let head = match item.when {
            When::Year { .. } | When::ToBeSet { .. } => crate::i18n::calendar_when(l, &When::Year { year: d.year() }, office),
            _ => crate::i18n::month_name(l, d.year(), d.month()),
        };
        match groups.last_mut() {
            Some((h, rows)) if *h == head => rows.push(ItemRow::new(l, office, item)),
            _ => groups.push((head, vec![ItemRow::new(l, office, item)])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use amity_core::calendar::ItemKind;

    fn row(when: When, days_until: i64) -> ReminderRow {
        let r = Reminder { item: CalendarItem::new(ItemKind::PartnershipAnniversary, when), days_until, prepared: false };
        ReminderRow::new(Locale::En, chrono_tz::Asia::Shanghai, &r)
    }

    #[test]
    fn a_year_or_month_only_occasion_does_not_say_its_period_twice_on_the_calendar() {
        // "In 2028 (date not recorded)" already says when: no ", in 2028" after it.
        let year = row(When::Year { year: 2028 }, 0);
        assert_eq!((year.due.as_str(), year.due_after_date.as_str()), ("in 2028", ""));
        let month = row(When::Month { year: 2028, month: 5 }, 0);
        assert_eq!(month.due_after_date, "");
        let day = row(When::Day { day: NaiveDate::from_ymd_opt(2028, 5, 20).expect("day") }, 14);
        assert_eq!(day.due_after_date, "in 14 days");
    }
}
