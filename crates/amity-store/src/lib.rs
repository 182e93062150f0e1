//! Amity's one SQL layer: implements amity-core's store traits once for SQLite and PostgreSQL.
//!
//! [`Db`] is chosen by URL ([`Db::open`]); each query is written once and runs on both databases
//! through the dispatch macro in [`dispatch`]. Where the dialects differ, [`dialect`] says why.
#![forbid(unsafe_code)]

mod activities;
pub mod archive;
mod args;
mod audit;
mod cities;
mod contacts;
mod db;
mod dialect;
mod dispatch;
mod error;
mod fields;
mod groups;
mod open;
mod partnerships;
mod sessions;
mod settings;
mod sign_in;
mod tokens;
mod tx;
mod units;
mod users;

#[cfg(feature = "testing")]
pub mod testing;

pub use db::Db;
pub use open::OpenError;
pub use tx::Tx;
