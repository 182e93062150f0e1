//! How a calendar item reads in each language: its title ("Trinidad and Tobago: Independence Day" /
//! "特立尼达和多巴哥国庆日", "30th anniversary of the partnership with Sacramento" / "与萨克拉门托结好30周年"),
//! and where a reader goes to act on it (when it falls is written by `i18n::calendar_when`).

use crate::i18n::Locale;
use crate::view::country_name;
use amity_core::calendar::{CalendarItem, InterestReason, ItemKind, Reminder, When};

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

/// Where the reader goes from the item: the record, the celebration planned for a national day, or the partner's page.
pub fn link(item: &CalendarItem) -> Option<String> {
    match item.kind {
        ItemKind::NationalDay if item.celebration_id.is_some() => item.celebration_id.map(|id| format!("/events/{id}")),
        ItemKind::CommitmentDue => item.parent_id.map(|id| format!("/activities/{id}")),
        ItemKind::Event => item.record_id.map(|id| format!("/events/{id}")),
        ItemKind::Delegation => item.record_id.map(|id| format!("/delegations/{id}")),
        ItemKind::AgreementExpiry => item.partnership_id.map(|id| format!("/partnerships/{id}")),
        ItemKind::PartnershipAnniversary => item.partnership_id.map(|id| format!("/partnerships/{id}")),
        ItemKind::NationalDay | ItemKind::DiplomaticAnniversary => item.country.as_ref().map(|c| format!("/partnerships?country={c}")),
    }
}

/// Why a national day is on the calendar: "partner country", "country group: Caribbean", "listed by the
/// office" …, joined; empty for other items.
pub fn why(l: Locale, item: &CalendarItem) -> String {
    let parts: Vec<String> = item
        .interest
        .iter()
        .map(|i| match i.reason {
            InterestReason::Group => {
                let name = if l.is_zh() { i.group_name_zh.as_ref().or(i.group_name_en.as_ref()) } else { i.group_name_en.as_ref() };
                l.t_with("calendar.why_group", &[("group", name.cloned().unwrap_or_default())])
            }
            reason => l.t(&format!("calendar.why_{reason}")),
        })
        .collect();
    parts.join(&l.t("list.sep"))
}

/// What is being done about a reminder's occasion: "a celebration is planned" for a national day with
/// its celebration, else "something planned" or "nothing planned yet".
pub fn readiness(l: Locale, r: &Reminder) -> String {
    if r.item.kind == ItemKind::NationalDay && r.item.celebration_id.is_some() {
        l.t("calendar.celebration_planned")
    } else if r.prepared {
        l.t("calendar.prepared")
    } else {
        l.t("calendar.unprepared")
    }
}

/// When a reminder's occasion comes: "today", "tomorrow", "in 14 days"; "in 2028" or "in May 2028"
/// for one known only by its year or month (never a count of days to the period's first day).
pub fn due(l: Locale, r: &Reminder) -> String {
    match r.item.when {
        When::Year { year } => l.t_with("calendar.due_in_year", &[("year", year.to_string())]),
        When::Month { year, month } => l.t_with("calendar.due_in_month", &[("month", crate::i18n::month_name(l, year, month))]),
        _ => due_in_days(l, r.days_until),
    }
}

/// "today", "tomorrow", "in 14 days".
fn due_in_days(l: Locale, days: i64) -> String {
    match days {
        0 => l.t("calendar.due_today"),
        1 => l.t("calendar.due_tomorrow"),
        n => l.t_with("calendar.due_in_days", &[("days", n.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reminder(when: When, days_until: i64) -> Reminder {
        Reminder { item: CalendarItem::new(ItemKind::PartnershipAnniversary, when), days_until, prepared: false }
    }

    #[test]
    fn a_reminder_known_by_its_year_or_month_says_so_in_both_languages_never_a_count_of_days() {
        let year = reminder(When::Year { year: 2028 }, 22);
        assert_eq!(due(Locale::En, &year), "in 2028");
        assert_eq!(due(Locale::Zh, &year), "2028年内");
        let may = reminder(When::Month { year: 2028, month: 5 }, 0);
        assert_eq!(due(Locale::En, &may), "in May 2028");
        assert_eq!(due(Locale::Zh, &may), "2028年5月内");
        assert_eq!(due(Locale::En, &reminder(When::Day { day: chrono::NaiveDate::MIN }, 14)), "in 14 days");
    }

    #[test]
    fn a_national_day_says_why_it_is_there_and_whether_its_celebration_is_planned() {
        use amity_core::calendar::Interest;
        let mut r = reminder(When::Day { day: chrono::NaiveDate::MIN }, 14);
        r.item.kind = ItemKind::NationalDay;
        assert_eq!(readiness(Locale::En, &r), "nothing planned yet");
        assert_eq!(readiness(Locale::Zh, &r), "尚无安排");
        r.prepared = true;
        r.item.celebration_id = Some(7);
        assert_eq!(readiness(Locale::En, &r), "a celebration is planned");
        assert_eq!(readiness(Locale::Zh, &r), "已安排庆祝活动");
        assert_eq!(link(&r.item).as_deref(), Some("/events/7"));
        let group = Interest {
            reason: InterestReason::Group,
            group_code: Some("caribbean".into()),
            group_name_en: Some("Caribbean".into()),
            group_name_zh: Some("加勒比地区".into()),
        };
        let listed = Interest { reason: InterestReason::Listed, group_code: None, group_name_en: None, group_name_zh: None };
        r.item.interest = vec![group, listed];
        assert_eq!(why(Locale::En, &r.item), "country group: Caribbean, listed by the office");
        assert_eq!(why(Locale::Zh, &r.item), "国别组：加勒比地区、外办关注国家");
    }
}
