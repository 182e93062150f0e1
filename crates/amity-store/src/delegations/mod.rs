//! Delegations: the record, its lists (members, transport, stays, interpreters, itinerary), the
//! partnerships, countries and fields it names, and members' travel documents.
//! Days and local wall times (to the minute) are stored through `crate::codec`.

mod documents;
mod filter;
mod lists;
mod read;
mod write;

use amity_core::Error;

fn bad(what: &str, v: &str) -> Error {
    Error::Internal(format!("stored {what} {v:?}"))
}
