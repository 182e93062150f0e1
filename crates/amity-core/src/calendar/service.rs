//! Use cases of the protocol calendar: compute the items of a period from every source, and keep the
//! office's own calendar data (dates of diplomatic relations, the year's date of movable national days).

use chrono::{Datelike, NaiveDate};

use super::gather::Sources;
use super::model::{CalendarFilter, CalendarItem};
use super::sources;
use super::store_types::{DiplomaticRelation, DiplomaticRelationInput, NationalDayDate, NewDiplomaticRelation};
use crate::error::{Error, FieldError, Result};
use crate::store::{CalendarStore, Store, Tx};
use crate::{Actor, audit};

/// The longest period one computation covers: a feed's year back and two years ahead.
pub const MAX_SPAN_DAYS: i64 = 3 * 366 + 1;

/// Refuses an empty, reversed or over-long period.
pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(Error::invalid("to", "end_before_start"));
    }
    if (to - from).num_days() > MAX_SPAN_DAYS {
        return Err(Error::Validation(vec![FieldError::new("to", "period_too_long").with("max", MAX_SPAN_DAYS)]));
    }
    Ok(())
}

/// Every calendar item of `from`..=`to` the actor may see, ordered by first day then kind.
pub async fn compute<S: Store>(
    store: &S,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
    filter: &CalendarFilter,
) -> Result<Vec<CalendarItem>> {
    actor.require_read()?;
    check_period(from, to)?;
    let in_group = crate::group::filter_countries(&mut store.read().await?, filter.group).await?;
    let items = Sources::read(store, from, to).await?.items(from, to);
    let of_group = |i: &CalendarItem| in_group.as_ref().is_none_or(|g| i.country.as_ref().is_some_and(|c| g.contains(c)));
    Ok(items.into_iter().filter(|i| filter.admits(i) && of_group(i)).collect())
}

/// The computation inside an open unit of work (the digest and the reminders reuse it).
pub async fn compute_in<T: Tx>(tx: &mut T, from: NaiveDate, to: NaiveDate) -> Result<Vec<CalendarItem>> {
    Ok(Sources::read_in(tx, from, to).await?.items(from, to))
}

/// The dates of diplomatic relations the office entered, by country code.
pub async fn relations<S: Store>(store: &S, actor: &Actor) -> Result<Vec<DiplomaticRelation>> {
    actor.require_read()?;
    store.read().await?.list_diplomatic_relations().await
}

/// Enters or corrects the date diplomatic relations with a country were established.
pub async fn set_relation<S: Store>(
    store: &S,
    actor: &Actor,
    input: &DiplomaticRelationInput,
    today: NaiveDate,
) -> Result<DiplomaticRelation> {
    actor.require_office()?;
    let new = NewDiplomaticRelation::validate(input, today)?;
    let mut tx = store.begin().await?;
    let before = tx.get_diplomatic_relation(&new.country).await?;
    tx.upsert_diplomatic_relation(&new, tx.now().instant).await?;
    let after = tx.get_diplomatic_relation(&new.country).await?.ok_or_else(|| Error::not_found("diplomatic_relation", &new.country))?;
    let action = if before.is_some() { "update" } else { "create" };
    audit::record(&mut tx, actor, action, "diplomatic_relation", Some(new.country.clone()), before.as_ref(), Some(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Removes a country's date of diplomatic relations.
pub async fn delete_relation<S: Store>(store: &S, actor: &Actor, country: &str) -> Result<()> {
    actor.require_office()?;
    let country = country.trim().to_uppercase();
    let mut tx = store.begin().await?;
    let before = tx.get_diplomatic_relation(&country).await?.ok_or_else(|| Error::not_found("diplomatic_relation", &country))?;
    tx.delete_diplomatic_relation(&country).await?;
    audit::record(&mut tx, actor, "delete", "diplomatic_relation", Some(country), Some(&before), None::<&DiplomaticRelation>).await?;
    tx.commit().await
}

/// Sets this year's date of a national day that has no fixed date (the United Kingdom, Israel, Nepal).
pub async fn set_national_day<S: Store>(store: &S, actor: &Actor, country: &str, day: &str) -> Result<NationalDayDate> {
    actor.require_office()?;
    let country = crate::validate::country_code("country", country).map_err(|e| Error::Validation(vec![e]))?;
    let movable = amity_refdata::country(&country).and_then(|c| c.national_day.as_ref()).is_some_and(|d| d.is_variable());
    if !movable {
        return Err(Error::invalid("country", "national_day_fixed"));
    }
    let day = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| Error::invalid("day", "invalid_date"))?;
    let mut tx = store.begin().await?;
    let set = NationalDayDate { country: country.clone(), day };
    tx.set_national_day_date(&set, tx.now().instant).await?;
    audit::record(
        &mut tx,
        actor,
        "update",
        "national_day_date",
        Some(format!("{country}-{}", day.year())),
        None::<&NationalDayDate>,
        Some(&set),
    )
    .await?;
    tx.commit().await?;
    Ok(set)
}

/// The countries of the office's partners (not ended), for filters: ISO codes, sorted.
pub async fn partner_countries<S: Store>(store: &S, actor: &Actor) -> Result<Vec<String>> {
    actor.require_read()?;
    let countries = store.read().await?.partner_countries().await?;
    Ok(sources::partner_countries(countries).into_iter().collect())
}

/// The office's dates of movable national days in `year`.
pub async fn national_day_dates<S: Store>(store: &S, actor: &Actor, year: i32) -> Result<Vec<NationalDayDate>> {
    actor.require_read()?;
    store.read().await?.list_national_day_dates(year, year).await
}

/// What anyone may see: the public items (public events) of `from`..=`to`.
pub async fn public_items<S: Store>(store: &S, from: NaiveDate, to: NaiveDate) -> Result<Vec<CalendarItem>> {
    check_period(from, to)?;
    Ok(Sources::read(store, from, to).await?.items(from, to).into_iter().filter(|i| i.public).collect())
}
