//! Agreements: the documents of a partnership — signed agreements, memoranda, letters of intent,
//! renewals, exchange plans — with their signatories, dates, versions and files. A new version
//! supersedes an earlier one; only versions nobody supersedes ("current") count for expiry.

mod store;
pub use store::AgreementStore;
mod model;
mod service;

pub use model::{
    Agreement, AgreementInput, AgreementKind, EXPIRY_WARNING_DAYS, ExpiringAgreement, NewAgreement, Signatory, SignatoryInput,
};
pub use service::{attach_file, create, delete, detach_file, expiring, get, list, update};
