//! Countries of interest: the calendar shows the national days of partner countries and of every
//! country the office cares about — members of country groups flagged "show on the calendar", countries
//! of planned or confirmed events not yet over and of delegations not yet completed, and a list the
//! office keeps. An event counts until its last day has passed in the office's time zone (a plan known
//! only by its year or month until that period's last day), so a plan left "planned" after its dates
//! does not keep its country on the calendar for ever; every event has a day, so none is undated.
//! Each national day says why it is there, and links to a national-day celebration planned for it.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use super::model::{CalendarItem, ItemKind};
use super::sources::HOME_AND_REGIONS;
use crate::error::{Error, FieldError, Result};
use crate::event::EventKind;
use crate::store::{CalendarInterestStore, Store, Tx};
use crate::{Actor, audit};

crate::choice!(
    /// Why a country's national day is on the calendar.
    InterestReason {
        Partner = "partner",
        Group = "group",
        Event = "event",
        Delegation = "delegation",
        Listed = "listed",
    }
);

/// One reason a national day is on the calendar; a `group` reason names the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interest {
    pub reason: InterestReason,
    /// The group's code and names (`group` only).
    pub group_code: Option<String>,
    pub group_name_en: Option<String>,
    pub group_name_zh: Option<String>,
}

impl Interest {
    fn because(reason: InterestReason) -> Self {
        Self { reason, group_code: None, group_name_en: None, group_name_zh: None }
    }
}

/// A country the office listed on the calendar, who listed it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListedCountry {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub added_by: Option<i64>,
    /// The display name of the user who listed it.
    pub added_by_name: Option<String>,
    pub added_at: DateTime<Utc>,
}

/// A member country of a group flagged "show on the calendar".
#[derive(Debug, Clone)]
pub struct GroupMember {
    pub group_code: String,
    pub name_en: String,
    pub name_zh: String,
    pub country: String,
}

/// A planned or confirmed event naming a country, with the days it covers (a year-only plan covers its year).
#[derive(Debug, Clone)]
pub struct OpenEvent {
    pub id: i64,
    pub kind: EventKind,
    pub country: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// What the countries of interest are read from.
#[derive(Debug, Clone, Default)]
pub struct InterestSources {
    pub partners: Vec<String>,
    pub groups: Vec<GroupMember>,
    pub events: Vec<OpenEvent>,
    pub delegations: Vec<String>,
    pub listed: Vec<ListedCountry>,
    /// The office's today: an event whose last day is before it no longer gives a reason (it still
    /// links a national day to its celebration).
    pub today: NaiveDate,
}

impl InterestSources {
    /// Reads every source in the open unit of work.
    pub async fn read_in<T: Tx>(tx: &mut T) -> Result<Self> {
        Ok(Self {
            partners: tx.partner_countries().await?,
            groups: tx.calendar_group_members().await?,
            events: tx.open_event_countries().await?,
            delegations: tx.open_delegation_countries().await?,
            listed: tx.list_calendar_countries().await?,
            today: tx.now().office_today,
        })
    }

    /// Each country whose national day the calendar shows, with why: partner country first, then its
    /// groups, events, delegations, the office's list. The home country and its regions are left out.
    pub fn reasons(&self) -> BTreeMap<String, Vec<Interest>> {
        let mut why: BTreeMap<String, Vec<Interest>> = BTreeMap::new();
        let mut add = |country: &str, interest: Interest| {
            if HOME_AND_REGIONS.contains(&country) {
                return;
            }
            let list = why.entry(country.to_string()).or_default();
            if !list.contains(&interest) {
                list.push(interest);
            }
        };
        self.partners.iter().for_each(|c| add(c, Interest::because(InterestReason::Partner)));
        for g in &self.groups {
            let interest = Interest {
                reason: InterestReason::Group,
                group_code: Some(g.group_code.clone()),
                group_name_en: Some(g.name_en.clone()),
                group_name_zh: Some(g.name_zh.clone()),
            };
            add(&g.country, interest);
        }
        self.events.iter().filter(|e| e.last_day >= self.today).for_each(|e| add(&e.country, Interest::because(InterestReason::Event)));
        self.delegations.iter().for_each(|c| add(c, Interest::because(InterestReason::Delegation)));
        self.listed.iter().for_each(|c| add(&c.country, Interest::because(InterestReason::Listed)));
        why
    }

    /// Marks each national day of `items` with why it is there and the planned or confirmed
    /// national-day celebration of that country in the same year (the one nearest the day).
    pub fn explain(&self, items: &mut [CalendarItem], why: &BTreeMap<String, Vec<Interest>>) {
        for item in items.iter_mut().filter(|i| i.kind == ItemKind::NationalDay) {
            let Some(country) = item.country.clone() else { continue };
            item.interest = why.get(&country).cloned().unwrap_or_default();
            let day = item.when.first_day();
            let (start, end) = (year_start(day.year()), year_start(day.year() + 1).pred_opt().unwrap_or(day));
            item.celebration_id = self
                .events
                .iter()
                .filter(|e| e.kind == EventKind::NationalDayCelebration && e.country == country)
                .filter(|e| e.first_day <= end && e.last_day >= start)
                .min_by_key(|e| ((e.first_day - day).num_days().abs(), e.id))
                .map(|e| e.id);
        }
    }
}

fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The countries the office listed.
pub async fn listed<S: Store>(store: &S, actor: &Actor) -> Result<Vec<ListedCountry>> {
    actor.require_read()?;
    store.read().await?.list_calendar_countries().await
}

/// Every country whose national day the calendar shows, sorted by code (the calendar's country filter).
pub async fn countries_shown<S: Store>(store: &S, actor: &Actor) -> Result<Vec<String>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    Ok(InterestSources::read_in(&mut tx).await?.reasons().into_keys().collect())
}

/// Checks a country code for the list: known, not the home country or one of its regions, with a national day.
fn check_country(value: &str) -> Result<String> {
    let country = crate::validate::country_code("country", value).map_err(|e| Error::Validation(vec![e]))?;
    let has_day = amity_refdata::country(&country).is_some_and(|c| c.national_day.is_some());
    if HOME_AND_REGIONS.contains(&country.as_str()) || !has_day {
        return Err(Error::Validation(vec![FieldError::new("country", "no_national_day")]));
    }
    Ok(country)
}

/// Lists a country on the calendar (the office); one listed already is a conflict on `country`.
pub async fn add<S: Store>(store: &S, actor: &Actor, country: &str) -> Result<ListedCountry> {
    actor.require_office()?;
    let country = check_country(country)?;
    let mut tx = store.begin().await?;
    if tx.list_calendar_countries().await?.iter().any(|c| c.country == country) {
        return Err(Error::conflict("country", "duplicate"));
    }
    tx.insert_calendar_country(&country, actor.user_id(), tx.now().instant).await?;
    let after = tx
        .list_calendar_countries()
        .await?
        .into_iter()
        .find(|c| c.country == country)
        .ok_or_else(|| Error::not_found("calendar_country", &country))?;
    audit::record(&mut tx, actor, "create", "calendar_country", Some(country), None::<&ListedCountry>, Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Takes a country off the office's list (its national day stays while another reason holds).
pub async fn remove<S: Store>(store: &S, actor: &Actor, country: &str) -> Result<()> {
    actor.require_office()?;
    let country = country.trim().to_uppercase();
    let mut tx = store.begin().await?;
    let before = tx
        .list_calendar_countries()
        .await?
        .into_iter()
        .find(|c| c.country == country)
        .ok_or_else(|| Error::not_found("calendar_country", &country))?;
    tx.delete_calendar_country(&country).await?;
    audit::record(&mut tx, actor, "delete", "calendar_country", Some(country), Some(&before), None::<&ListedCountry>).await?;
    tx.commit().await
}

#[cfg(test)]
#[path = "interest_tests.rs"]
mod tests;
