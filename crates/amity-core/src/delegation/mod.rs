//! Delegations: inbound and outbound visits with members, transport, accommodation, interpreters,
//! itinerary, status, approval, budget, members' travel documents (restricted personal data) and the
//! after-visit report. Completing a visit logs it in the cooperation log, once per partnership.

mod store;
pub use store::DelegationStore;
pub mod budget;
pub mod documents;
pub mod gifts;
mod input;
mod list_input;
mod model;
mod service;
mod travel;
mod validated;

pub use input::{DelegationInput, InterpreterInput, ItineraryInput, MemberInput, ROWS_MAX, StayInput, TransportInput};
pub use model::{
    Delegation, DelegationFilter, DelegationSpan, DelegationStatus, DelegationStatusChange, DelegationSummary, Direction, Interpreter,
    ItineraryItem, Member, MemberRole, Stay, Transport, TransportLeg, TransportMode,
};
pub use service::{
    APPROVAL_LEAD_DAYS, approval_numbers, create, create_in, delete, get, history, list, logged_activities, missing_approval, set_status,
    set_status_in, update,
};
pub use travel::{
    DocumentAlert, DocumentKind, ExpiringDocument, NewTravelDocument, RETENTION_DEFAULT_DAYS, RETENTION_MAX_DAYS, RETENTION_SETTING,
    TravelDocument, TravelDocumentInput, alert, retention_cutoff,
};
pub use validated::{NewDelegation, NewMember};
