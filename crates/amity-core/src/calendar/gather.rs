//! What the calendar is computed from, read from the records: the countries of interest (partners, flagged
//! groups, open events and delegations, the office's list), movable national
//! days, partnerships with a round anniversary, diplomatic relations, commitments due, events,
//! delegations and agreement expiries. A page, the API and the feeds read them in three groups at the
//! same time, each group in its own read-only unit of work (a calendar is a view: a record changed between
//! two of the reads shows on the next one); the digest and the reminders read them in the unit of
//! work they already hold.

use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use futures_util::future::try_join3;

use super::interest::InterestSources;
use super::model::{CalendarItem, ItemKind};
use super::store_types::{DiplomaticRelation, DueCommitment, NationalDayDate, PartnershipAnchor};
use super::{records, sources};
use crate::agreement::ExpiringAgreement;
use crate::delegation::DelegationSpan;
use crate::error::Result;
use crate::event::CalendarEvent;
use crate::store::{AgreementStore, CalendarStore, DelegationStore, EventStore, Store, Tx};

/// How far the day of a timed event at its venue can be from its day in the office's time zone.
const VENUE_SLACK: Duration = Duration::days(1);

/// The records a period's calendar is computed from.
pub struct Sources {
    interest: InterestSources,
    set_days: Vec<NationalDayDate>,
    partnerships: Vec<PartnershipAnchor>,
    relations: Vec<DiplomaticRelation>,
    due: Vec<DueCommitment>,
    events: Vec<CalendarEvent>,
    delegations: Vec<DelegationSpan>,
    agreements: Vec<ExpiringAgreement>,
    /// The office's time zone: the days timed events fall on.
    office: Tz,
}

impl Sources {
    /// Reads every source of `from..=to` in the open unit of work, one after another.
    pub async fn read_in<T: Tx>(tx: &mut T, from: NaiveDate, to: NaiveDate) -> Result<Self> {
        Ok(Sources {
            office: tx.now().office_tz,
            interest: InterestSources::read_in(tx).await?,
            set_days: tx.list_national_day_dates(from.year(), to.year()).await?,
            partnerships: tx.anniversary_partnerships(from.year(), to.year()).await?,
            relations: tx.list_diplomatic_relations().await?,
            due: tx.commitments_due_between(from, to).await?,
            events: tx.events_overlapping(from - VENUE_SLACK, to + VENUE_SLACK, false).await?,
            delegations: tx.delegations_overlapping(from, to).await?,
            agreements: tx.expiring_agreements(from, to).await?,
        })
    }

    /// Reads the sources of `from..=to` in three groups at the same time, each group in a read-only
    /// unit of work of its own: the commitments due (the costliest read), the partnership-based
    /// sources, and the records (events, delegations, agreements).
    pub async fn read<S: Store>(store: &S, from: NaiveDate, to: NaiveDate) -> Result<Self> {
        let (years_from, years_to) = (from.year(), to.year());
        let due = async { store.read().await?.commitments_due_between(from, to).await };
        let partners = async {
            let mut tx = store.read().await?;
            let interest = InterestSources::read_in(&mut tx).await?;
            let partnerships = tx.anniversary_partnerships(years_from, years_to).await?;
            let set_days = tx.list_national_day_dates(years_from, years_to).await?;
            Ok((interest, partnerships, set_days, tx.list_diplomatic_relations().await?))
        };
        let records = async {
            let mut tx = store.read().await?;
            let events = tx.events_overlapping(from - VENUE_SLACK, to + VENUE_SLACK, false).await?;
            let delegations = tx.delegations_overlapping(from, to).await?;
            Ok((events, delegations, tx.expiring_agreements(from, to).await?))
        };
        let (due, (interest, partnerships, set_days, relations), (events, delegations, agreements)) =
            try_join3(due, partners, records).await?;
        let office = store.now().office_tz;
        Ok(Sources { interest, set_days, partnerships, relations, due, events, delegations, agreements, office })
    }

    /// The items of `from..=to`, ordered by first day, then kind, then last day.
    pub fn items(self, from: NaiveDate, to: NaiveDate) -> Vec<CalendarItem> {
        let why = self.interest.reasons();
        let countries = why.keys().cloned().collect();
        let set_days = self.set_days.into_iter().map(|d| ((d.country, d.day.year()), d.day)).collect();
        let mut items = sources::national_days(&countries, &set_days, from, to);
        self.interest.explain(&mut items, &why);
        items.extend(sources::partnership_anniversaries(&self.partnerships, from, to));
        items.extend(sources::diplomatic_anniversaries(&self.relations, from, to));
        items.extend(sources::commitments_due(&self.due));
        items.extend(records::items(&self.events, &self.delegations, self.agreements, self.office));
        // Events were read by their days at the venue; keep those whose office days overlap.
        items.retain(|i| i.kind != ItemKind::Event || i.when.overlaps(from, to));
        items.sort_by_key(|i| (i.when.first_day(), i.kind, i.when.last_day()));
        items
    }
}
