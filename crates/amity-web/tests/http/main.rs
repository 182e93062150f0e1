//! In-process HTTP tests: the router called directly, on SQLite and on PostgreSQL.

mod activities;
mod api_errors;
mod api_partnerships;
mod api_reference;
mod calendar;
mod contacts;
mod delegations;
mod events;
mod files_agreements;
mod gifts;
mod groups;
mod hostile_input;
mod json_keys;
mod lifecycle;
mod list_exports;
mod matrix;
mod pages;
mod paging;
mod public_events;
mod round_trip;
mod routes;
mod search;
mod security;
mod support;
mod unit_scope;
