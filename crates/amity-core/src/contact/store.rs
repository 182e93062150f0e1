//! What the contact area needs from the database (ContactStore); `amity-store` implements it for both backends.

use crate::contact::{Contact, ContactFilter, ListedContact, NewContact};
use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Contacts of partnerships (personal data).
#[async_trait]
pub trait ContactStore {
    /// The partnership's contacts: home side first, then by name.
    async fn list_contacts(&mut self, partnership_id: i64) -> Result<Vec<Contact>>;
    /// One page of every partnership's contacts matching the filter, with the total: by partner
    /// city, then our side first, then by name.
    async fn list_all_contacts(&mut self, filter: &ContactFilter) -> Result<(Vec<ListedContact>, i64)>;
    /// Contacts whose names or organisation contain `q` (in any script), by name.
    async fn search_contacts(&mut self, q: &str, limit: i64) -> Result<Vec<Contact>>;
    async fn get_contact(&mut self, id: i64) -> Result<Option<Contact>>;
    /// A missing partnership makes `partnership_id` invalid.
    async fn insert_contact(&mut self, partnership_id: i64, contact: &NewContact, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_contact(&mut self, id: i64, contact: &NewContact, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such contact.
    async fn delete_contact(&mut self, id: i64) -> Result<bool>;
}
