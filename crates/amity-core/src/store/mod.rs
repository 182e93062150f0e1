//! The storage traits the services need; `amity-store` implements them for SQLite and PostgreSQL.
//! Every operation runs inside a unit of work (`Tx`), so a user action commits whole or not at all.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::error::Result;

pub use crate::transition::StatusHistoryStore;
// Each area's store trait lives beside the area (`<area>/store.rs`); they are gathered here so a
// service names them all through `crate::store::prelude::*`.
pub use crate::activity::{ActivityOriginStore, ActivityStore, HealthStore};
pub use crate::agreement::AgreementStore;
pub use crate::audit::AuditStore;
pub use crate::auth::{SessionStore, SignInStore, TokenStore, UserStore};
pub use crate::budget::BudgetStore;
pub use crate::calendar::{CalendarInterestStore, CalendarStore, JobStore};
pub use crate::contact::ContactStore;
pub use crate::delegation::DelegationStore;
pub use crate::event::{EventStore, RegistrationStore};
pub use crate::field::FieldStore;
pub use crate::file::FileStore;
pub use crate::gift::GiftStore;
pub use crate::group::CountryGroupStore;
pub use crate::partnership::{CityStore, LifecycleStore, PartnershipStore};
pub use crate::person::PersonStore;
pub use crate::unit::UnitStore;

/// A database: opens units of work.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// The unit of work type.
    type Tx: Tx;
    /// Starts a write transaction (on SQLite `BEGIN IMMEDIATE`, so writers queue instead of failing).
    async fn begin(&self) -> Result<Self::Tx>;
    /// Starts a read-only snapshot.
    async fn read(&self) -> Result<Self::Tx>;
    /// Checks that the database answers.
    async fn ping(&self) -> Result<()>;
    /// The clock the caller gave this store: services take the time from it, never from the system.
    fn clock(&self) -> crate::clock::Clock;
    /// The moment now, by [`Store::clock`].
    fn now(&self) -> crate::clock::Now {
        self.clock().now()
    }
}

/// A transaction that implements every store trait; dropped without `commit`, it rolls back.
#[async_trait]
pub trait Tx:
    UnitStore
    + FieldStore
    + CityStore
    + PartnershipStore
    + LifecycleStore
    + StatusHistoryStore
    + SettingStore
    + UserStore
    + SessionStore
    + TokenStore
    + SignInStore
    + AuditStore
    + CountryGroupStore
    + ContactStore
    + ActivityStore
    + HealthStore
    + ActivityOriginStore
    + EventStore
    + RegistrationStore
    + DelegationStore
    + BudgetStore
    + CalendarStore
    + CalendarInterestStore
    + JobStore
    + FileStore
    + AgreementStore
    + GiftStore
    + PersonStore
    + Send
{
    /// Makes the transaction's writes durable.
    async fn commit(self) -> Result<()>;
    /// The moment now, by the clock of the store that opened this unit of work.
    fn now(&self) -> crate::clock::Now;
    /// Declares that this transaction's writes change nothing a cached answer shows (a "last
    /// seen" touch), so its commit leaves the change counter alone. Every other write
    /// transaction raises the counter as it commits; the few callers are listed in
    /// docs/ARCHITECTURE.md ("The response cache").
    fn bookkeeping_only(&mut self) {}
}

/// Office settings and facts about the programme (key → text).
#[async_trait]
pub trait SettingStore {
    async fn get_setting(&mut self, key: &str) -> Result<Option<String>>;
    async fn set_setting(&mut self, key: &str, value: &str, now: DateTime<Utc>) -> Result<()>;
    /// Inserts the setting only if absent; `true` when this call inserted it. Concurrent claimers wait
    /// for the first to commit and then get `false`.
    async fn claim_setting(&mut self, key: &str, value: &str, now: DateTime<Utc>) -> Result<bool>;
}

/// Every store trait, for services that call methods on a `Store::Tx` (trait methods need the trait in scope).
pub mod prelude {
    pub use super::HealthStore;
    pub use super::PersonStore;
    pub use super::StatusHistoryStore;
    pub use super::{ActivityOriginStore, EventStore, RegistrationStore};
    pub use super::{
        ActivityStore, AgreementStore, AuditStore, CityStore, ContactStore, CountryGroupStore, FieldStore, FileStore, GiftStore,
        LifecycleStore, PartnershipStore, SessionStore, SettingStore, SignInStore, Store, TokenStore, Tx, UnitStore, UserStore,
    };
    pub use super::{BudgetStore, DelegationStore};
    pub use super::{CalendarInterestStore, CalendarStore, JobStore};
}
