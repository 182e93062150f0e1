//! In-process HTTP tests: the router called directly, on SQLite and on PostgreSQL.

mod activities;
mod api_errors;
mod api_partnerships;
mod api_reference;
mod contacts;
mod groups;
mod lifecycle;
mod matrix;
mod pages;
mod routes;
mod search;
mod security;
mod support;
