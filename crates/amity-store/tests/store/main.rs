//! The shared store suite: every store operation, run on SQLite and on PostgreSQL.
//! Each test body runs once per backend via `each_backend`; messages name the backend.

mod activities;
mod audit;
mod calendar;
mod calendar_interest;
mod change_counter;
mod cities;
mod contacts;
mod coverage;
mod delegations;
mod events;
mod fields;
mod files_agreements;
mod gifts;
mod group_filters;
mod groups;
mod health_last_day;
mod last_done;
mod lifecycle;
mod maintenance;
mod migrations;
pub mod open;
mod paging;
mod partnership_list;
mod partnerships;
mod people;
mod registration_races;
mod sessions;
mod settings;
mod sign_in;
mod support;
mod tokens;
mod transactions;
mod units;
mod users;
