//! The cooperation log: activities with partnerships, fields and owner unit, planned or done,
//! and the follow-up commitments made at them.

mod store;
pub use store::{ActivityOriginStore, ActivityStore, HealthStore};
mod input;
mod model;
mod origin;
mod service;

pub use model::{
    Activity, ActivityFigures, ActivityFilter, ActivityInput, ActivityKind, ActivityStatus, Commitment, CommitmentInput, CommitmentStatus,
    NewActivity, NewCommitment, OverdueCommitment,
};
pub use origin::{ActivityOrigin, OriginKind, log_once, logged_by};
pub use service::{add_commitment, create, create_in, delete, get, list, set_commitment_status, update};
