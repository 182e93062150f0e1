//! Amity's one SQL layer: implements amity-core's store traits once for SQLite and PostgreSQL.
//!
//! [`Db`] is chosen by URL ([`Db::open`]); each query is written once and runs on both databases
//! through the dispatch macro in [`dispatch`]. Where the dialects differ, [`dialect`] says why.
#![forbid(unsafe_code)]

mod cities;
mod db;
mod dialect;
mod dispatch;
mod error;
mod fields;
mod open;
mod partnerships;
mod settings;
mod tx;
mod units;

#[cfg(feature = "testing")]
pub mod testing;

pub use db::Db;
pub use open::OpenError;
pub use tx::Tx;
