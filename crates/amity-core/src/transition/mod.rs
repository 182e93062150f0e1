//! The one way a record changes status: a rule table per status machine ([`StatusMachine`]), one
//! input ([`TransitionInput`]) validated against it ([`Transition`]), and one recorder that writes
//! the dated history row with its reason and actor and the audit entry in the caller's transaction
//! ([`record`]). Partnerships, events and delegations use it; a new area with a status does too.

mod history;
mod input;
mod store;

pub use history::{NewStatusChange, StatusChange, history, record, record_start};
pub(crate) use input::past_date;
pub use input::{EndedBy, Transition, TransitionInput, latest_today};
pub use store::StatusHistoryStore;

use crate::FieldError;

/// A closed set of statuses and the table of which may follow which.
pub trait StatusMachine: Copy + Eq + std::fmt::Debug + std::fmt::Display + serde::Serialize + Send + Sync + 'static {
    /// The kind of record, as history rows and audit entries name it (`partnership`, `event` …).
    const SUBJECT: &'static str;
    /// Whether the user must say when the change happened; otherwise it is the office's today.
    const DATE_REQUIRED: bool = false;

    /// Every status, in lifecycle order.
    fn all() -> &'static [Self];
    /// The stable code (database, API, i18n key suffix).
    fn code(self) -> &'static str;
    /// The status for a code, if it is one.
    fn from_code(code: &str) -> Option<Self>;
    /// The rule table: the statuses that may follow `from`.
    fn next(from: Self) -> &'static [Self];
    /// Whether a change to `to` must give a reason.
    fn reason_required(_to: Self) -> bool {
        false
    }
    /// Whether a change to `to` must say what it lasts until (a suspension's condition).
    fn condition_required(_to: Self) -> bool {
        false
    }
    /// Whether a change to `to` ends the record and must say who ended it (a successor may follow).
    fn ended_by_required(_to: Self) -> bool {
        false
    }
    /// Whether a change to `to` may say which partnerships took part (an event marked held).
    fn took_part_applies(_to: Self) -> bool {
        false
    }
}

/// Whether a record in status `from` may move to `to`.
pub fn allowed<S: StatusMachine>(from: S, to: S) -> bool {
    S::next(from).contains(&to)
}

/// The statuses that may follow `from`, in lifecycle order.
pub fn next_statuses<S: StatusMachine>(from: S) -> Vec<S> {
    S::all().iter().copied().filter(|to| allowed(from, *to)).collect()
}

/// `to` when it may follow `from`; else the one error every status machine answers with, naming both
/// and what is allowed (`—` when nothing may follow).
pub fn check<S: StatusMachine>(from: S, to: S) -> Result<S, FieldError> {
    if allowed(from, to) {
        return Ok(to);
    }
    let next: Vec<&str> = next_statuses(from).iter().map(|s| s.code()).collect();
    let allowed = if next.is_empty() { "—".to_string() } else { next.join(", ") };
    Err(FieldError::new("status", "illegal_transition").with("from", from).with("to", to).with("allowed", allowed))
}

/// Implements [`StatusMachine`] for a `choice!` enum from its rule table.
#[macro_export]
macro_rules! status_machine {
    ($ty:ty, subject = $subject:literal, $(date_required = $dr:literal,)? next = |$from:ident| $next:expr $(, $name:ident = |$arg:ident| $body:expr)* $(,)?) => {
        impl $crate::transition::StatusMachine for $ty {
            const SUBJECT: &'static str = $subject;
            $(const DATE_REQUIRED: bool = $dr;)?
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn code(self) -> &'static str {
                self.as_str()
            }
            fn from_code(code: &str) -> Option<Self> {
                Self::parse(code)
            }
            fn next($from: Self) -> &'static [Self] {
                $next
            }
            $(fn $name($arg: Self) -> bool {
                $body
            })*
        }
    };
}
