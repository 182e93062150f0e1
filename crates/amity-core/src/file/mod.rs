//! File storage: documents and photos kept in the database itself, with their SHA-256, size, the
//! type the uploader declared and the type their bytes show. Only a short list of kinds is
//! accepted (PDF, common images, Office documents), recognised by their first bytes — never by the
//! name, which is kept for display only and never used as a path.

mod store;
pub use store::FileStore;
mod model;
mod service;
mod sniff;

pub use model::{FILE_MAX_BYTES, FILE_NAME_MAX, FileInfo, FileOwner, NewFile, StoredFile, Upload};
pub use service::download;
pub use sniff::{FileKind, sniff};
