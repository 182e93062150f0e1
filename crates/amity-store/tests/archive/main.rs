//! The archive suite: export, import, backup and restore, on SQLite and PostgreSQL and across them.
//! Each test body runs once per backend via `each_backend`; messages name the backends.

mod backup;
mod provenance;
mod refusals;
mod round_trip;
mod sequences;
mod support;
