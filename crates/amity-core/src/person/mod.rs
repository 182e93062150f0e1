//! Every person Amity holds, and their erasure on request. A person is held by several kinds of
//! record — a partnership's contact, an event registrant, a delegation member with their travel
//! documents (staff accounts have their own erasure, `auth::erase`). Each kind is one *source* in
//! the store (`amity-store/src/people/sources.rs`): how to find it by name or e-mail, which of its
//! values are personal, which audit entries are about it, and how it is erased. A future kind
//! (a service requester) plugs in as one more [`PersonKind`] and one more source.
//!
//! An admin searches (`search`), sees what will be erased (`preview`), and erases the selected
//! records (`erase`) in one transaction: the records are deleted or anonymised, and the audit log's
//! copies of their personal values are redacted (`redact.rs`), matched both by the record's ids
//! and by the values themselves. The erasure is audited with counts only.

mod model;
pub mod redact;
mod service;
mod store;

pub use model::{AuditSubject, ErasureInput, ErasureOutcome, PersonHeld, PersonKind, PersonRecord, PersonRef, PersonRefInput};
pub use service::{erase, preview, search};
pub use store::PersonStore;
