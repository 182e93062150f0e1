//! The needs-attention list as the API answers it: its lists name partnerships by id (as they
//! always did), and `partnerships` describes each partnership named once, so a client can show
//! names without asking for every partnership.

use std::collections::BTreeMap;

use amity_core::health::Attention;
use amity_core::{Actor, Result, partnership};
use serde::Serialize;

use super::coverage_body::PartnershipBrief;

/// The lists, and the partnerships they name.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AttentionBody {
    #[serde(flatten)]
    pub attention: Attention,
    /// Every partnership the lists name, keyed by id (JSON object keys are text: `"12"`).
    #[schema(value_type = BTreeMap<String, PartnershipBrief>)]
    pub partnerships: BTreeMap<i64, PartnershipBrief>,
}

impl AttentionBody {
    /// Looks up, in one read, the partnerships that `attention` names.
    pub async fn new<S: amity_core::store::Store>(store: &S, actor: &Actor, attention: Attention) -> Result<Self> {
        let a = &attention;
        let mut ids: Vec<i64> = a
            .dormant
            .iter()
            .chain(&a.quiet)
            .map(|h| h.partnership_id)
            .chain(a.overdue_commitments.iter().flat_map(|o| o.partnership_ids.iter().copied()))
            .chain(a.expiring_agreements.iter().map(|e| e.partnership_id))
            .chain(a.visits_without_approval.iter().flat_map(|v| v.partnership_ids.iter().copied()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let found = partnership::get_many(store, actor, &ids).await?;
        let partnerships = found.into_iter().map(|p| (p.id, PartnershipBrief::from(p))).collect();
        Ok(AttentionBody { attention, partnerships })
    }
}
