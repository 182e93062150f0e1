//! The protocol calendar: computed from the records, never typed — national days of partner
//! countries and of the countries the office cares about (`interest`), round anniversaries of partnerships and of diplomatic relations, commitments falling
//! due, and (as those records exist) events, delegations and agreement expiries; lead-time reminders.

mod store;
pub use store::{CalendarInterestStore, CalendarStore, JobStore};
pub mod digest;
pub mod feed;
mod gather;
pub mod interest;
mod model;
mod records;
mod reminders;
mod service;
mod sources;
mod store_types;

pub use interest::{GroupMember, Interest, InterestReason, ListedCountry, OpenEvent};
pub use model::{CalendarFilter, CalendarItem, ItemKind, When};
pub use records::event_when;
pub use reminders::{DEFAULT_LEAD_DAYS, LEAD_KEY, Reminder, lead_days, upcoming, upcoming_in};
pub use service::{
    MAX_SPAN_DAYS, check_period, compute, compute_in, delete_relation, national_day_dates, partner_countries, public_items, relations,
    set_national_day, set_relation,
};
pub use sources::{ROUND_YEARS, anniversary_when};
pub use store_types::{
    ActivitySpan, DigestSubscription, DiplomaticRelation, DiplomaticRelationInput, DueCommitment, NationalDayDate, NewDiplomaticRelation,
    PartnershipAnchor,
};
