//! What the delegation area needs from the database (DelegationStore); `amity-store` implements it for both backends.

use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Delegations (inbound and outbound visits) with their lists, and members' travel documents
/// (restricted personal data: the service decides who reads them).
#[async_trait]
pub trait DelegationStore {
    /// A page of delegations (latest start first) and the total matching.
    async fn list_delegations(
        &mut self,
        filter: &crate::delegation::DelegationFilter,
    ) -> Result<(Vec<crate::delegation::DelegationSummary>, i64)>;
    /// A delegation with its members, transport, accommodation, interpreters and itinerary.
    async fn get_delegation(&mut self, id: i64) -> Result<Option<crate::delegation::Delegation>>;
    /// The approval numbers recorded for the delegations: (delegation id, number); those without one are left out.
    async fn delegation_approval_numbers(&mut self, ids: &[i64]) -> Result<Vec<(i64, String)>>;
    /// Inserts the record and every list.
    async fn insert_delegation(&mut self, d: &crate::delegation::NewDelegation, now: DateTime<Utc>) -> Result<i64>;
    /// `false` when `version` is not the stored one. Members with an `id` are kept (with their
    /// travel documents), others added, missing ones removed; the other lists are replaced.
    async fn update_delegation(&mut self, id: i64, d: &crate::delegation::NewDelegation, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when `version` is not the stored one.
    async fn set_delegation_status(
        &mut self,
        id: i64,
        status: crate::delegation::DelegationStatus,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// `false` when there was no such delegation (its lists, documents and budget go with it).
    async fn delete_delegation(&mut self, id: i64) -> Result<bool>;
    /// Delegations whose visit overlaps `from..=to` (any status), by first day: for the protocol calendar.
    async fn delegations_overlapping(
        &mut self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<crate::delegation::DelegationSpan>>;
    /// Outbound visits not over by `today` without an approval number: approved or under way, or
    /// proposed and starting by `soon`; by first day.
    async fn outbound_without_approval(
        &mut self,
        today: chrono::NaiveDate,
        soon: chrono::NaiveDate,
    ) -> Result<Vec<crate::delegation::DelegationSummary>>;
    /// The delegation's travel documents, by member and kind.
    async fn list_travel_documents(&mut self, delegation_id: i64) -> Result<Vec<crate::delegation::TravelDocument>>;
    async fn get_travel_document(&mut self, id: i64) -> Result<Option<crate::delegation::TravelDocument>>;
    async fn insert_travel_document(
        &mut self,
        delegation_id: i64,
        doc: &crate::delegation::NewTravelDocument,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// `false` when there was no such document.
    async fn delete_travel_document(&mut self, id: i64) -> Result<bool>;
    /// Documents valid until before `day` (any delegation, any status), by expiry: for alerts.
    async fn travel_documents_expiring_before(&mut self, day: chrono::NaiveDate) -> Result<Vec<crate::delegation::ExpiringDocument>>;
    /// Documents of delegations not yet held or cancelled whose visit ends on or after `today`.
    async fn travel_documents_of_coming_visits(&mut self, today: chrono::NaiveDate) -> Result<Vec<crate::delegation::ExpiringDocument>>;
    /// Deletes the documents of delegations that ended before `ended_before`; returns how many.
    async fn purge_travel_documents(&mut self, ended_before: chrono::NaiveDate) -> Result<u64>;
    /// Ids of the registry's gifts linked to the delegation, in id order.
    async fn delegation_gift_ids(&mut self, delegation_id: i64) -> Result<Vec<i64>>;
    /// Links a gift to the delegation; `false` when it already was. A missing gift makes `gift_id` invalid.
    async fn link_delegation_gift(&mut self, delegation_id: i64, gift_id: i64) -> Result<bool>;
    /// `false` when the gift was not linked.
    async fn unlink_delegation_gift(&mut self, delegation_id: i64, gift_id: i64) -> Result<bool>;
}
