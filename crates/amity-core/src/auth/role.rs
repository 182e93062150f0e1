//! Roles and what each may do: the permission rules every service checks.

crate::choice!(
    /// What a user may do in Amity.
    Role {
        /// Users and settings, and everything a coordinator may do.
        Admin = "admin",
        /// All records of every unit.
        Coordinator = "coordinator",
        /// Creates and changes the records of their own unit and its sub-units; reads all internal records.
        UnitEditor = "unit_editor",
        /// Reads internal records.
        Viewer = "viewer",
        /// Reads the audit log and nothing else.
        Auditor = "auditor",
    }
);

impl Role {
    /// Whether the role reads internal records.
    pub fn reads_records(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator | Role::UnitEditor | Role::Viewer)
    }

    /// Whether the role changes records (of every unit, or of its own for unit editors).
    pub fn writes_records(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator | Role::UnitEditor)
    }

    /// Whether the role changes office-wide reference records (units, cooperation fields).
    pub fn manages_office(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }

    /// Whether the role reads the audit log.
    pub fn reads_audit(self) -> bool {
        matches!(self, Role::Admin | Role::Auditor)
    }

    /// Whether the role sees personal data (contacts, registrations, requests).
    pub fn sees_personal_data(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator | Role::UnitEditor)
    }
}
