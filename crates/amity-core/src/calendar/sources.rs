//! The calendar's computed sources, as pure functions of the records: national days of partner
//! countries, partnership anniversaries and anniversaries of diplomatic relations every fifth year
//! (逢五逢十), and commitments falling due.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use super::model::{CalendarItem, ItemKind, When};
use super::store_types::{DiplomaticRelation, DueCommitment, PartnershipAnchor};
use crate::PartialDate;
use crate::partnership::PartnershipStatus;

/// The home country and its regions: no national day of their own on a partner calendar.
pub(super) const HOME_AND_REGIONS: [&str; 4] = ["CN", "HK", "MO", "TW"];

/// Anniversaries are marked every this many years.
pub const ROUND_YEARS: i32 = 5;

/// The countries of current partners (partnerships not ended) that have a national day on the calendar:
/// each once, sorted, without the home country and its regions.
pub fn partner_countries(countries: Vec<String>) -> BTreeSet<String> {
    countries.into_iter().filter(|c| !HOME_AND_REGIONS.contains(&c.as_str())).collect()
}

/// National days of `countries` in the years `from`..=`to` touch. A national day without a fixed date
/// falls on the day the office set for that year (`set_days`), else it is "to be set" that year.
pub fn national_days(
    countries: &BTreeSet<String>,
    set_days: &HashMap<(String, i32), NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<CalendarItem> {
    let mut out = Vec::new();
    for iso2 in countries {
        let Some(day) = amity_refdata::country(iso2).and_then(|c| c.national_day.as_ref()) else { continue };
        for year in from.year()..=to.year() {
            let when = match (day.month_day, set_days.get(&(iso2.clone(), year))) {
                (_, Some(set)) => When::Day { day: *set },
                (Some((m, d)), None) => match NaiveDate::from_ymd_opt(year, m, d) {
                    Some(day) => When::Day { day },
                    None => continue,
                },
                (None, None) => When::ToBeSet { year },
            };
            if !when.overlaps(from, to) {
                continue;
            }
            let mut item = CalendarItem::new(ItemKind::NationalDay, when);
            item.country = Some(iso2.clone());
            item.low_confidence = day.confidence == amity_refdata::Confidence::Low;
            out.push(item);
        }
    }
    out
}

/// Where the `years`-th anniversary of `established` falls in its year: the same day (29 February
/// becomes 28 February in common years), the same month, or only the year — never an invented day.
pub fn anniversary_when(established: &PartialDate, year: i32) -> Option<When> {
    Some(match established {
        PartialDate::Day(d) => {
            let day = NaiveDate::from_ymd_opt(year, d.month(), d.day()).or_else(|| NaiveDate::from_ymd_opt(year, d.month(), 28))?;
            When::Day { day }
        }
        PartialDate::Month(_, m) => When::Month { year, month: *m },
        PartialDate::Year(_) => When::Year { year },
    })
}

/// Round anniversaries (every fifth year) of `established` whose year lies in `from`..=`to`'s years
/// and whose days overlap the range: (years, when).
fn round_anniversaries(established: &PartialDate, from: NaiveDate, to: NaiveDate) -> Vec<(i32, When)> {
    let base = established.year();
    (from.year()..=to.year())
        .filter_map(|year| {
            let years = year - base;
            if years <= 0 || years % ROUND_YEARS != 0 {
                return None;
            }
            anniversary_when(established, year).filter(|w| w.overlaps(from, to)).map(|w| (years, w))
        })
        .collect()
}

/// Round anniversaries of partnerships (active or suspended: a relationship that ended is not celebrated,
/// one not yet established has no date).
pub fn partnership_anniversaries(partnerships: &[PartnershipAnchor], from: NaiveDate, to: NaiveDate) -> Vec<CalendarItem> {
    let mut out = Vec::new();
    for p in partnerships.iter().filter(|p| matches!(p.status, PartnershipStatus::Active | PartnershipStatus::Suspended)) {
        let Some(established) = &p.established else { continue };
        for (years, when) in round_anniversaries(established, from, to) {
            let mut item = CalendarItem::new(ItemKind::PartnershipAnniversary, when);
            item.country = Some(p.country.clone());
            item.partnership_id = Some(p.id);
            item.unit_id = Some(p.home_unit_id);
            item.city_en = Some(p.city_en.clone());
            item.city_zh = p.city_zh.clone();
            item.years = Some(years);
            out.push(item);
        }
    }
    out
}

/// Round anniversaries of the home country's diplomatic relations with the countries the office entered.
pub fn diplomatic_anniversaries(relations: &[DiplomaticRelation], from: NaiveDate, to: NaiveDate) -> Vec<CalendarItem> {
    let mut out = Vec::new();
    for r in relations {
        for (years, when) in round_anniversaries(&r.established, from, to) {
            let mut item = CalendarItem::new(ItemKind::DiplomaticAnniversary, when);
            item.country = Some(r.country.clone());
            item.years = Some(years);
            out.push(item);
        }
    }
    out
}

/// Open commitments falling due in the range, on their due day.
pub fn commitments_due(due: &[DueCommitment]) -> Vec<CalendarItem> {
    due.iter()
        .map(|c| {
            let mut item = CalendarItem::new(ItemKind::CommitmentDue, When::Day { day: c.due_on });
            item.record_id = Some(c.id);
            item.parent_id = Some(c.activity_id);
            item.unit_id = Some(c.unit_id);
            item.partnership_id = c.partnership_id;
            item.country = c.country.clone();
            item.title = Some(c.what.clone());
            item
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    fn anchor(id: i64, country: &str, established: Option<&str>, status: PartnershipStatus) -> PartnershipAnchor {
        PartnershipAnchor {
            id,
            home_unit_id: 1,
            country: country.into(),
            city_en: format!("City {id}"),
            city_zh: None,
            established: established.map(|e| PartialDate::parse(e).expect("date")),
            status,
        }
    }

    #[test]
    fn anniversaries_fall_every_fifth_year_at_the_precision_recorded() {
        let ps = [
            anchor(1, "US", Some("1984-06-14"), PartnershipStatus::Active),
            anchor(2, "JP", Some("1983-05"), PartnershipStatus::Active),
            anchor(3, "DE", Some("2016"), PartnershipStatus::Suspended),
            anchor(4, "FR", Some("2001-03-01"), PartnershipStatus::Active),
            anchor(5, "IT", Some("2016-03-01"), PartnershipStatus::Ended),
            anchor(6, "GB", None, PartnershipStatus::Active),
        ];
        let items = partnership_anniversaries(&ps, day(2026, 1, 1), day(2028, 12, 31));
        let got: Vec<(i64, i32, When)> =
            items.iter().map(|i| (i.partnership_id.expect("id"), i.years.expect("years"), i.when.clone())).collect();
        assert_eq!(
            got,
            vec![
                (2, 45, When::Month { year: 2028, month: 5 }),
                (3, 10, When::Year { year: 2026 }),
                (4, 25, When::Day { day: day(2026, 3, 1) }),
            ],
            "the 1984 partnership has no round year in 2026-2028; ended or undated ones have none"
        );
    }

    #[test]
    fn a_29_february_anniversary_falls_on_28_february_in_a_common_year() {
        let ps = [anchor(1, "US", Some("2004-02-29"), PartnershipStatus::Active)];
        let items = partnership_anniversaries(&ps, day(2029, 1, 1), day(2029, 12, 31));
        assert_eq!(items.len(), 1);
        assert_eq!((items[0].years, items[0].when.clone()), (Some(25), When::Day { day: day(2029, 2, 28) }));
    }

    #[test]
    fn national_days_cover_partner_countries_but_not_china_or_its_regions() {
        let countries = partner_countries(["TT", "CN", "HK", "GB"].map(String::from).to_vec());
        assert_eq!(countries.iter().map(String::as_str).collect::<Vec<_>>(), ["GB", "TT"]);
        let mut set = HashMap::new();
        let items = national_days(&countries, &set, day(2026, 1, 1), day(2026, 12, 31));
        let tt = items.iter().find(|i| i.country.as_deref() == Some("TT")).expect("Trinidad and Tobago");
        assert_eq!(tt.when, When::Day { day: day(2026, 8, 31) });
        let gb = items.iter().find(|i| i.country.as_deref() == Some("GB")).expect("United Kingdom");
        assert_eq!(gb.when, When::ToBeSet { year: 2026 }, "the United Kingdom's day moves: to be set until the office enters it");
        set.insert(("GB".to_string(), 2026), day(2026, 6, 13));
        let items = national_days(&countries, &set, day(2026, 1, 1), day(2026, 12, 31));
        let gb = items.iter().find(|i| i.country.as_deref() == Some("GB")).expect("United Kingdom");
        assert_eq!(gb.when, When::Day { day: day(2026, 6, 13) });
    }

    #[test]
    fn diplomatic_anniversaries_count_from_the_date_entered() {
        let rel = DiplomaticRelation {
            country: "TT".into(),
            established: PartialDate::parse("1974-06-20").expect("date"),
            basis: None,
            source_url: None,
            updated_at: chrono::Utc::now(),
        };
        let items = diplomatic_anniversaries(&[rel], day(2024, 1, 1), day(2024, 12, 31));
        assert_eq!(items.len(), 1);
        assert_eq!((items[0].years, items[0].when.clone()), (Some(50), When::Day { day: day(2024, 6, 20) }));
        assert!(diplomatic_anniversaries(&[], day(2024, 1, 1), day(2024, 12, 31)).is_empty());
    }
}
