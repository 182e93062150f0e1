//! Who is acting, and the checks services make before they read or write.

use serde::Serialize;

use super::Role;
use crate::error::{Error, Result};

/// A signed-in user as services see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    /// The user's unit (unit editors).
    pub unit_id: Option<i64>,
    /// The units whose records a unit editor may change: their unit and every sub-unit.
    pub scope: Vec<i64>,
    /// The address the request came from, for the audit log.
    pub ip: Option<String>,
}

/// The acting party of a service call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The server itself: demo loading, commands run on the machine.
    System,
    /// A signed-in user (through a session or an API token).
    User(Principal),
    /// Nobody signed in: the public. Every internal service refuses it.
    Anonymous,
}

impl Actor {
    /// A short label for logs and the audit trail.
    pub fn label(&self) -> &str {
        match self {
            Actor::System => "system",
            Actor::User(p) => &p.username,
            Actor::Anonymous => "anonymous",
        }
    }

    /// The user's id, when a user acts.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::User(p) => Some(p.user_id),
            _ => None,
        }
    }

    /// The request's address, when known.
    pub fn ip(&self) -> Option<&str> {
        match self {
            Actor::User(p) => p.ip.as_deref(),
            _ => None,
        }
    }

    /// The role, when a user acts.
    pub fn role(&self) -> Option<Role> {
        match self {
            Actor::User(p) => Some(p.role),
            _ => None,
        }
    }

    fn allow(&self, rule: impl Fn(Role) -> bool) -> Result<()> {
        match self {
            Actor::System => Ok(()),
            Actor::User(p) if rule(p.role) => Ok(()),
            Actor::User(_) | Actor::Anonymous => Err(Error::Forbidden),
        }
    }

    /// May read internal records.
    pub fn require_read(&self) -> Result<()> {
        self.allow(Role::reads_records)
    }

    /// May change records that belong to `unit`.
    pub fn require_write_unit(&self, unit: i64) -> Result<()> {
        match self {
            Actor::User(p) if p.role == Role::UnitEditor && !p.scope.contains(&unit) => Err(Error::Forbidden),
            _ => self.allow(Role::writes_records),
        }
    }

    /// May change office-wide records (units, cooperation fields).
    pub fn require_office(&self) -> Result<()> {
        self.allow(Role::manages_office)
    }

    /// May manage users and settings.
    pub fn require_admin(&self) -> Result<()> {
        self.allow(|r| r == Role::Admin)
    }

    /// May read the audit log.
    pub fn require_audit(&self) -> Result<()> {
        self.allow(Role::reads_audit)
    }

    /// May read personal data (contacts, registrations, requests).
    pub fn require_personal(&self) -> Result<()> {
        self.allow(Role::sees_personal_data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, scope: &[i64]) -> Actor {
        Actor::User(Principal { user_id: 1, username: "u".into(), role, unit_id: scope.first().copied(), scope: scope.to_vec(), ip: None })
    }

    #[test]
    fn unit_editors_write_only_inside_their_units() {
        let e = user(Role::UnitEditor, &[3, 7]);
        assert!(e.require_write_unit(7).is_ok());
        assert!(matches!(e.require_write_unit(1), Err(Error::Forbidden)));
        assert!(e.require_read().is_ok());
        assert!(e.require_office().is_err());
    }

    #[test]
    fn auditors_read_the_audit_log_and_nothing_else() {
        let a = user(Role::Auditor, &[]);
        assert!(a.require_audit().is_ok());
        assert!(a.require_read().is_err());
        assert!(a.require_write_unit(1).is_err());
    }

    #[test]
    fn only_roles_that_see_personal_data_pass_the_personal_check() {
        assert!(user(Role::UnitEditor, &[3]).require_personal().is_ok());
        assert!(user(Role::Coordinator, &[]).require_personal().is_ok());
        assert!(matches!(user(Role::Viewer, &[]).require_personal(), Err(Error::Forbidden)));
        assert!(user(Role::Auditor, &[]).require_personal().is_err());
        assert!(Actor::Anonymous.require_personal().is_err());
    }

    #[test]
    fn viewers_read_and_coordinators_write_everywhere() {
        assert!(user(Role::Viewer, &[]).require_read().is_ok());
        assert!(user(Role::Viewer, &[]).require_write_unit(1).is_err());
        assert!(user(Role::Coordinator, &[]).require_write_unit(99).is_ok());
        assert!(user(Role::Coordinator, &[]).require_admin().is_err());
        assert!(user(Role::Admin, &[]).require_admin().is_ok());
    }
}
