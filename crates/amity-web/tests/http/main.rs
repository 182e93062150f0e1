//! In-process HTTP tests: the router called directly, on SQLite and on PostgreSQL.

mod api_errors;
mod api_partnerships;
mod api_reference;
mod pages;
mod routes;
mod support;
