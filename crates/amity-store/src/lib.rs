//! Amity's one SQL layer: implements amity-core's store traits once for SQLite and PostgreSQL.
//!
//! [`Db`] is chosen by URL ([`Db::open`]); each query is written once and runs on both databases
//! through the dispatch macro in [`dispatch`]. Where the dialects differ, [`dialect`] says why.
#![forbid(unsafe_code)]

mod activities;
mod activity_origins;
mod agreements;
pub mod archive;
mod args;
mod audit;
mod budget;
mod calendar;
mod calendar_interest;
mod change_counter;
mod cities;
mod codec;
mod columns;
mod contacts;
mod db;
mod delegations;
mod dialect;
mod dispatch;
mod error;
mod events;
mod fields;
mod files;
mod gifts;
mod groups;
mod health;
mod jobs;
mod maintenance;
mod open;
mod partnerships;
mod people;
mod registrations;
mod sessions;
mod settings;
mod sign_in;
mod status_changes;
mod tokens;
mod tx;
mod units;
mod users;

#[cfg(feature = "testing")]
pub mod testing;

pub use activities::BulkActivity;
pub use db::{Backend, Db, Pool};
pub use open::{OpenError, SQLITE_CACHE_SIZE, SQLITE_MMAP_SIZE};
pub use tx::Tx;
